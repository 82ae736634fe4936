"""Single sign-on with OpenID Connect (mozilla-django-oidc) through the identity providers of
DJANGO_OIDC_PROVIDERS: providers.py reads them, views.py and backends.py run the code flow per
provider, linking.py finds the invited person, receivers.py keeps a provider's second factor to
the session it signed in."""
