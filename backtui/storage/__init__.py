"""Everything about the SQLite file. No Textual here."""
