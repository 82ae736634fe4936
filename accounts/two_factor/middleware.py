"""Holds back every page that is not public from a person who must pass a second factor and has
not (accounts/two_factor/access.py), and sends them there straight from the password step."""

from django.http import HttpResponseRedirect

from .access import LOGIN_URL_NAMES, is_open, must_pass_second_factor, second_factor_url


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        return self.after_password_step(request, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_open(view_func, request.resolver_match.view_name):
            return None
        if not must_pass_second_factor(request):
            return None
        back_to = request.get_full_path() if request.method in ("GET", "HEAD") else None
        return HttpResponseRedirect(second_factor_url(request.user, back_to))

    def after_password_step(self, request, response):
        """A successful login answers with a redirect to where the person was going; one who
        must pass a second factor is sent to it first, and from there on to that place."""
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or match.view_name not in LOGIN_URL_NAMES
            or request.method != "POST"
            or response.status_code != 302
            or not must_pass_second_factor(request)
        ):
            return response
        response["Location"] = second_factor_url(request.user, response["Location"])
        return response
