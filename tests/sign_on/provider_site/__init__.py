"""A real OpenID Connect provider for the single sign-on tests: django-oidc-provider in a Django
of its own (its settings and URLs here, its own SQLite file and RSA key), started on a free port
by tests/sign_on/identity_provider.py. Nothing of the portal is imported here."""
