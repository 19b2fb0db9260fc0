"""Checking side: read carrier documents and report each required element with evidence and citation."""
