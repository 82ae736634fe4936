"""What the site search tests share: a search through the client, and what a visitor reads and
follows in one group of hits."""

import html
import re

from django.urls import reverse

from meetings.services import meeting_publish_minutes
from tests.factories import MeetingFactory
from tests.html import element_text

SEARCH_URL = reverse("search")
GROUPS = ["handlingsprogram", "forpliktelser", "moter", "prosjekter"]
HREF = re.compile(r'<a href="([^"]*)"')
MARK = re.compile(r"</?mark>")
TAG = re.compile(r"<[^>]*>")


def search(client, q, **params):
    response = client.get(SEARCH_URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def section(response, group) -> str:
    """The HTML of one group's section."""
    content = response.content.decode()
    start = content.index(f'<section id="treff-{group}"')
    return content[start : content.index("</section>", start)]


def group_text(response, group) -> str:
    """What a visitor reads in one group's section (the highlighting is inside words)."""
    text = MARK.sub("", section(response, group))
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def links(response, group) -> list[str]:
    """The links in one group's section, in order."""
    return [html.unescape(href) for href in HREF.findall(section(response, group))]


def count_of(response, group) -> int:
    """The number in the group's heading («Møter 3 treff»)."""
    heading = element_text(response, f"treff-{group}-tittel")
    return int(heading.split()[-2])


def public_meeting(**fields):
    meeting = MeetingFactory(**fields)
    meeting_publish_minutes(meeting=meeting)
    return meeting
