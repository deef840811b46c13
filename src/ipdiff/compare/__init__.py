"""Two editions → a complete `Diff`: similarity, candidates, assignment, align, sections, evidence, figure pairing, classify, selection, gates."""
