"""Full-text search behind a small backend interface (`backend.SearchBackend`); Whoosh is the
embedded engine. The Dutch analyzer lives in `analysis` (Whoosh pickles the schema, so its
filters must be importable)."""
