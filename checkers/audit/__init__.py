"""Batch audits of filing corpora: `notices audit`, `audit-report` and `audit-merge`.

Modules: `files` (finding, hashing and sharding the inputs), `db` (the SQLite results store),
`batch` (one audit run, local or on a Dask cluster), `progress` (the terminal progress line),
`dask_backend` (the cluster path), `report` (the summary and its text, CSV and JSONL views) and
`html` (the self-contained HTML view with inline SVG charts).
"""
