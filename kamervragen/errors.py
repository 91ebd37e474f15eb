"""Errors a caller can act on: each says in plain words why a file was not parsed."""


class ParseError(Exception):
    """The input could not be read as a Kamervragen document."""


class NotAKamervraag(ParseError):
    """The input is readable, but it is not a parliamentary question or answer."""


class UnsupportedInput(ParseError):
    """The bytes are of a kind the parser does not read (binary garbage, encrypted PDF...)."""
