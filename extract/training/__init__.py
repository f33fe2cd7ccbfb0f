"""Training and evaluation of newsgraph's own spaCy pipeline from public corpora."""
