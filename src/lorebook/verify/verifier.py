"""Accept a sentence only when the source lines it cites support it. Deterministic; no model.

A claim is `{"text": ..., "citations": [{"source": "raw/x.md", "start_line": 3, "end_line": 4,
"quote": ...}]}`. It is checked by a list of small rules over one shared state (like
markdown-it-py's block rules); each rule returns the reasons it rejects the claim for. A claim is
accepted when no rule objects. The same function gates everything a model writes into the wiki and
backs `lorebook verify`. The rules live in fact_rules.py, meaning_rules.py, relation_rules.py,
binding_rules.py, scope_rules.py and sibling_rules.py, over the claim and its cited lines (claims.py, evidence.py) and
shared word helpers (words.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from lorebook.verify import facts as F
from lorebook.verify.across import Passage, language_gap
from lorebook.verify.binding_rules import (
    rule_bound_values,
    rule_change_target,
    rule_chosen_over,
    rule_item_state,
    rule_named,
    rule_negated_verb,
    rule_own_object,
    rule_passive_agent,
    rule_list_position,
    rule_written_ordinal,
    rule_sides,
    rule_list_order,
    rule_step_order,
    rule_unit_values,
    rule_without,
)
from lorebook.verify.claims import (
    Cited,
    ClaimError,
    Sources,
    State,
    Verdict,
    parse_claim,
)
from lorebook.verify.evidence import context_of, evidence_in, nearest_heading
from lorebook.verify.words import plain_contractions, plain_idioms, plain_numbers
from lorebook.verify.fact_rules import (
    rule_coverage,
    rule_dates_times,
    rule_identifiers,
    rule_lists,
    rule_name_roles,
    rule_names,
    rule_negation,
    rule_number_count,
    rule_numbers,
    rule_quotes,
    rule_rare_words,
    rule_status,
    rule_substitution,
)
from lorebook.verify.meaning_rules import (
    rule_dropped_negation,
    rule_false_setting,
    rule_negative_affix,
    rule_opposites,
    rule_order,
    rule_order_across,
    rule_crossed_pairs,
    rule_opposites_across,
    rule_particles,
    rule_quantifiers,
    rule_roles,
    rule_unsupported,
)
from lorebook.verify.scope_rules import (
    rule_foreign_negation,
    rule_denied_across,
    rule_frequency,
    rule_denied_elsewhere,
    rule_restated_negation,
    rule_still,
    rule_list_steps,
    rule_time_rows,
    rule_key_rows,
    rule_keyed_attributes,
    rule_modality,
    rule_obligation_done,
    rule_adjacent_swap,
    rule_clause_negation,
    rule_none_for_all,
    rule_number_clauses,
    rule_context_name,
)
from lorebook.verify.sibling_rules import rule_sibling_command, rule_sibling_compound, rule_step_objects, rule_unchosen_option
from lorebook.verify.relation_rules import (
    rule_agent,
    rule_reached,
    rule_contrast,
    rule_direction,
    rule_lineage,
    rule_number_bounds,
    rule_number_nouns,
)

RULES: list[tuple[str, Callable[[State], list[str]]]] = [
    ("quote", rule_quotes),
    ("numbers", rule_numbers),
    ("dates", rule_dates_times),
    ("identifiers", rule_identifiers),
    ("names", rule_names),
    ("negation", rule_negation),
    ("status", rule_status),
    ("lists", rule_lists),
    ("substitution", rule_substitution),
    ("rare words", rule_rare_words),
    ("number count", rule_number_count),
    ("name roles", rule_name_roles),
    ("coverage", rule_coverage),
    ("opposites", rule_opposites),
    ("negative affix", rule_negative_affix),
    ("quantifiers", rule_quantifiers),
    ("roles", rule_roles),
    ("number nouns", rule_number_nouns),
    ("number bounds", rule_number_bounds),
    ("direction", rule_direction),
    ("contrast", rule_contrast),
    ("agent", rule_agent),
    ("reached", rule_reached),
    ("lineage", rule_lineage),
    ("particles", rule_particles),
    ("dropped negation", rule_dropped_negation),
    ("order", rule_order),
    ("order across languages", rule_order_across),
    ("crossed pairs", rule_crossed_pairs),
    ("opposites across languages", rule_opposites_across),
    ("false setting", rule_false_setting),
    ("unsupported", rule_unsupported),
    ("item state", rule_item_state),
    ("named", rule_named),
    ("bound values", rule_bound_values),
    ("passive agent", rule_passive_agent),
    ("change target", rule_change_target),
    ("sides", rule_sides),
    ("list position", rule_list_position),
    ("written ordinal", rule_written_ordinal),
    ("step order", rule_step_order),
    ("list order", rule_list_order),
    ("unit values", rule_unit_values),
    ("negated verb", rule_negated_verb),
    ("without", rule_without),
    ("own object", rule_own_object),
    ("chosen over", rule_chosen_over),
    ("foreign negation", rule_foreign_negation),
    ("denied across languages", rule_denied_across),
    ("frequency", rule_frequency),
    ("denied elsewhere", rule_denied_elsewhere),
    ("restated negation", rule_restated_negation),
    ("still", rule_still),
    ("list steps", rule_list_steps),
    ("time rows", rule_time_rows),
    ("key rows", rule_key_rows),
    ("keyed attributes", rule_keyed_attributes),
    ("modality", rule_modality),
    ("obligation done", rule_obligation_done),
    ("adjacent swap", rule_adjacent_swap),
    ("clause negation", rule_clause_negation),
    ("none for all", rule_none_for_all),
    ("number clauses", rule_number_clauses),
    ("context name", rule_context_name),
    ("sibling compound", rule_sibling_compound),
    ("sibling command", rule_sibling_command),
    ("unchosen option", rule_unchosen_option),
    ("step objects", rule_step_objects),
]


def verify_claim(claim, sources: Sources) -> Verdict:
    """Accept `claim` only when every rule finds its cited lines support it."""
    try:
        text, citations = parse_claim(claim)
    except ClaimError as e:
        return Verdict(False, [str(e)])
    cited, reasons = [], []
    for c in citations:
        try:
            lines = sources.lines(c.source)
        except ClaimError as e:
            reasons.append(str(e))
            continue
        if c.end_line > len(lines):
            reasons.append(f"{c.source} has {len(lines)} lines; lines {c.start_line}-{c.end_line} do not exist")
            continue
        chunk = lines[c.start_line - 1 : c.end_line]
        cited.append(Cited(c, F.squash("\n".join(chunk)), chunk, evidence_in(chunk, c.quote, claim_text=text), context_of(c.source, lines, c.start_line), lines))
    if reasons:
        return Verdict(False, reasons)
    text = plain_numbers(plain_idioms(plain_contractions(text)))
    cited_text = "\n".join(c.text for c in cited)
    evidence = "\n".join(c.evidence for c in cited)
    headings = "\n".join(h for h in (nearest_heading(sources.lines(c.citation.source), c.citation.start_line) for c in cited) if h)
    st = State(text=text, cited=cited, sentence=F.extract(text), source=F.extract(evidence + "\n" + headings, source=True),
               cited_text=cited_text, evidence_text=F.squash(evidence),
               across=Passage(cited_text + "\n" + headings) if language_gap(text, cited_text, cited[0].file_lines) else None)
    for _name, rule in RULES:
        reasons.extend(rule(st))
    return Verdict(not reasons, reasons)


def verify_jsonl(root: Path, lines: Iterable[str]):
    """(line number, Verdict) for each non-blank line of a claims JSON Lines file; a line that is not a
    claim gets a rejection saying what is wrong with it, so one bad line spoils nothing else."""
    sources = Sources(root)
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            claim = json.loads(line)
            parse_claim(claim)
        except json.JSONDecodeError as e:
            yield n, Verdict(False, [f"line {n} is not JSON ({e.msg} at column {e.colno}); write one claim object per line"])
            continue
        except ClaimError as e:
            yield n, Verdict(False, [f"line {n}: {e}"])
            continue
        yield n, verify_claim(claim, sources)


def verify_claims(root: Path, claims: Iterable) -> list[Verdict]:
    """Verify many claims against the wiki at `root`, reading each raw file once."""
    sources = Sources(root)
    return [verify_claim(c, sources) for c in claims]
