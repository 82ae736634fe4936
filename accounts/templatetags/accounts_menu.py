"""The header's links for a signed-in person: «Brukere» for each organisation they administer."""

from django import template

from ..selectors import organisations_administered_by

register = template.Library()


@register.simple_tag
def administered_organisations(user) -> list:
    if not (user and user.is_authenticated):
        return []
    return list(organisations_administered_by(user).only("name", "slug"))
