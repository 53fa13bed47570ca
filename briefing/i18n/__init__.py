"""Everything about languages: catalogs of the toolkit's own words, and language tags."""
