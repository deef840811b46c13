"""One edition's text → `Edition`: segment, records, the GiNZA step, figures, tables, strength lexicon."""
