"""Optional model-written prose, gated by the verifier: nothing reaches a page that its cited lines do not support."""
