"""The verifier: checks that a sentence is supported by the source lines it cites. No model involved."""

from lorebook.verify.verifier import Verdict, verify_claim, verify_claims

__all__ = ["Verdict", "verify_claim", "verify_claims"]
