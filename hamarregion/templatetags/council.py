"""The council's contact details for the footer of every page, error pages included (a tag,
not a context processor: the 500 page renders without a request)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def secretariat_email() -> str:
    return settings.SECRETARIAT_EMAIL
