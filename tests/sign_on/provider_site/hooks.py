"""What the test provider says about its users: their e-mail address and name at the userinfo
endpoint, and in the ID token how they authenticated (amr, acr), as people.py has it."""

from .people import BY_EMAIL


def userinfo(claims, user):
    claims["email"] = user.email
    claims["email_verified"] = True
    claims["name"] = user.get_full_name()
    return claims


def authentication_methods(id_token, user, **kwargs):
    person = BY_EMAIL.get(user.email)
    if person is not None:
        id_token["amr"] = list(person.amr)
        if person.acr:
            id_token["acr"] = person.acr
    return id_token
