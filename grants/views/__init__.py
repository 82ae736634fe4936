"""The follow-up pages, one module per concern."""
