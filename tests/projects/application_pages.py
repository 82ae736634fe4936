"""Helpers for the applicant's pages: addresses, tokens and the timeline."""

from zoneinfo import ZoneInfo

from django.urls import reverse

from tests.html import page_text

OSLO = ZoneInfo("Europe/Oslo")
NBSP = "\u00a0"
RETURN_COMMENT = "Legg ved kostnadsoverslag fra leverandør."


def start_url(call):
    return reverse("projects:application-start", kwargs={"call_slug": call.slug})


def timeline(response) -> str:
    """The text of the detail page's last section, «Historikk»."""
    return page_text(response).rsplit("Historikk", 1)[1]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]
