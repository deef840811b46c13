"""Plan families: what one kind of document looks like (line rules, zones, kinds)."""
