"""The web site (Dutch interface, FastAPI + Jinja2 + htmx) and the JSON API (/api/v1)."""
