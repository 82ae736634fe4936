"""The follow-up after a grant."""
