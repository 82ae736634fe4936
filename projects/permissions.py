"""Who may do what with applications. Small named checks; views and services call them."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import Membership

from .workflow import REPORTING_STATES, Role

SECRETARIAT_PERMISSION = "projects.handle_application"
COUNCIL_PERMISSION = "projects.read_open_cases"


def is_secretariat(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm(SECRETARIAT_PERMISSION))


def secretariat_people():
    """The people is_secretariat says yes to, as a query: active staff with the secretariat's
    permission through a group or their own, or superusers."""
    people = get_user_model().objects
    app_label, codename = SECRETARIAT_PERMISSION.split(".")
    granted = people.filter(
        Q(is_superuser=True)
        | Q(
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
        )
        | Q(
            user_permissions__content_type__app_label=app_label, user_permissions__codename=codename
        )
    )
    return people.filter(is_active=True, is_staff=True, pk__in=granted.values("pk"))


def secretariat_people_only() -> Q:
    """Application.case_handler's choices (limit_choices_to): the secretariat's people."""
    return Q(pk__in=secretariat_people().values("pk"))


def is_council_member(user) -> bool:
    """Council members read the open cases before meetings; they change nothing."""
    return bool(user and user.is_active and user.is_staff and user.has_perm(COUNCIL_PERMISSION))


def is_member_of(user, municipality) -> bool:
    """An applicant (or the organisation's administrator) of the municipality, still active."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return (
        Membership.objects.applying()
        .filter(person=user, organisation__municipality=municipality)
        .exists()
    )


def can_view_application(user, application) -> bool:
    return is_secretariat(user) or is_member_of(user, application.lead_municipality)


def can_edit_application(user, application) -> bool:
    """Applicants of the owning municipality, while the application is a draft or returned."""
    return application.is_editable and is_member_of(user, application.lead_municipality)


def can_write_report(user, application) -> bool:
    """Applicants of the owning municipality, while the project is under way."""
    return application.status in REPORTING_STATES and is_member_of(
        user, application.lead_municipality
    )


def can_apply(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return (
        Membership.objects.applying()
        .filter(person=user, organisation__municipality__isnull=False)
        .exists()
    )


def roles_for(user, application) -> set:
    """The workflow roles (projects.workflow.Role) the user holds for this application."""
    roles = set()
    if is_member_of(user, application.lead_municipality):
        roles.add(Role.APPLICANT)
    if is_secretariat(user):
        roles.add(Role.SECRETARIAT)
    return roles


def can_read_case_notes(user) -> bool:
    """The secretariat's internal notes: the secretariat and the council members, in admin (on
    the cases each may open there), never the applicant."""
    return is_secretariat(user) or is_council_member(user)


def can_write_message(user, application, sender: str) -> bool:
    """A message from the secretariat by the secretariat; from the applicant by an applicant of
    the owning municipality. Council members read the thread in admin and write nothing."""
    if sender == Role.SECRETARIAT:
        return is_secretariat(user)
    return is_member_of(user, application.lead_municipality)
