"""Signing in with an e-mail address: a person's address is unique regardless of case (the
index in migration 0002), so it names one account. The README's demo usernames still work."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def person_by_login(identifier: str):
    """The account an e-mail address or username names, or None."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    people = get_user_model()._default_manager
    if "@" in identifier:
        found = people.filter(email__iexact=identifier).first()
        if found is not None:
            return found
    return people.filter(username=identifier).first()


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        person = person_by_login(username)
        if person is None:
            # The same work as for a real account, so the time taken does not tell.
            get_user_model()().set_password(password)
            return None
        if person.check_password(password) and self.user_can_authenticate(person):
            return person
        return None
