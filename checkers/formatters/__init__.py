"""Views of the JSON report: each formatter turns report dicts into one output format."""
