"""Writes of the follow-up after a grant, one module per record."""
