"""The knowledge base: storage (SQLModel on SQLite or PostgreSQL), the search index (Whoosh behind
a small backend interface), the indexing pipeline and the query layer."""
