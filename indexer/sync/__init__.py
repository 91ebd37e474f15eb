"""Import from the official sources: KOOP's SRU service (the publications) and the Tweede
Kamer's open data (cases, askers' parties, the Toezegging register). `run.run_sync` is the entry
point; `koop` and `tk` read responses (pure), `http` moves bytes, `state` keeps what was fetched."""
