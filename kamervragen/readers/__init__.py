"""Readers turn the bytes of one file format into text (or a Document) for the shared parser."""
