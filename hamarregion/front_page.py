"""The front page's parts that other apps contribute. The front page is the programme's
(programme/views.py, HomeView); an app that shows something on it registers a part in its
AppConfig.ready(), so that the programme imports nothing of it:

    front_page.register("meetings/includes/upcoming.html", upcoming_meetings, order=10)

A part is a template, included below the programme, and a function of the request that gives
the template its context. The function may shorten how long the page is cached
(page_cache.cache_page_until), as the upcoming meetings do. Parts are shown in the order of
their `order`; registering a template again replaces its part."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Part:
    template_name: str
    context: Callable[[HttpRequest], dict]
    order: int


_parts: dict[str, Part] = {}


def register(template_name: str, context: Callable[[HttpRequest], dict], *, order: int) -> None:
    _parts[template_name] = Part(template_name=template_name, context=context, order=order)


def registered_parts() -> list[Part]:
    return sorted(_parts.values(), key=lambda part: part.order)


def parts_context(request: HttpRequest) -> dict:
    """What the front page's template needs for the registered parts: each part's context, and
    `front_page_parts`, the templates to include, in order."""
    context = {}
    parts = registered_parts()
    for part in parts:
        context.update(part.context(request))
    context["front_page_parts"] = [part.template_name for part in parts]
    return context
