"""The applicant's follow-up pages, one module per record."""
