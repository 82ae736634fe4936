"""The follow-up's forms, one module per record."""
