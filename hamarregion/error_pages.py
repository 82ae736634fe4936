"""Error pages in the portal's look and the visitor's language where Django answers without
one: a view that refuses a method it does not take (405) answers with an empty body. Django's
own handlers render 400.html, 403.html, 403_csrf.html, 404.html and 500.html from templates/."""

from django.shortcuts import render

# The statuses a view may answer with an empty body, and their pages.
PAGES = {
    400: "400.html",
    403: "403.html",
    404: "404.html",
    405: "405.html",
}


class ErrorPageMiddleware:
    """Gives an error response that a view returned without a body the page for its status;
    its headers (the Allow of a 405) stay as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        template = PAGES.get(response.status_code)
        if template and not response.streaming and not response.content:
            page = render(request, template, status=response.status_code)
            response.content = page.content
            response["Content-Type"] = page["Content-Type"]
        return response
