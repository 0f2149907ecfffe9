"""The language layer: message catalogs, one locale per language, click's own words, text width in terminal cells."""
