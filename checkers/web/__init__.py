"""The reviewers' web app (`notices serve`): `app` serves the pages, `multipart` parses uploads."""
