"""Forms of the follow-up, one module per concern."""
