"""Generation side: case-data models, deadline arithmetic and template rendering of notices."""
