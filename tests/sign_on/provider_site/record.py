"""Writes down each request the provider receives, for the tests to read what the portal sent:
the authorization request's nonce and PKCE challenge, the token request's code verifier."""

import json

from django.conf import settings

SECRET_FIELDS = {"password", "client_secret", "csrfmiddlewaretoken"}


class RequestRecordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        entry = {
            "method": request.method,
            "path": request.path,
            "query": {key: request.GET.get(key) for key in request.GET},
            "form": {
                key: request.POST.get(key) for key in request.POST if key not in SECRET_FIELDS
            },
        }
        with open(settings.PROVIDER_REQUEST_LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")
        return self.get_response(request)
