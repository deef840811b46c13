"""Many editions or versions → lineages: timeline and history."""
