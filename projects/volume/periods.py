"""The programme periods, funding calls and people the volume data hangs on. Each is looked up
by its slug or username first, so a second run reuses what the first one made."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from random import Random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Membership
from accounts.roles import Role
from programme.models import (
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    SustainableDevelopmentGoal,
    Theme,
)

from ..models import FundingCall, Municipality
from . import words

CURRENT_SLUG = "2022-2023"
CALL_PREFIX = "volum-"
USER_PREFIX = "volum-"
OSLO = ZoneInfo("Europe/Oslo")
DEFAULT_FRAME = 5_000_000
MAX_AMOUNT = 500_000
MAX_SHARE_PERCENT = 50


class VolumeError(Exception):
    """The database lacks something the volume data needs; the message says what."""


@dataclass
class CallInfo:
    """A funding call and what planning an application in it needs to know."""

    call: FundingCall
    focus_areas: list  # [(FocusArea, [SubTheme, ...]), ...]
    is_current: bool
    is_open: bool
    recently_closed: bool = False
    decided_on: object = None  # the council's meeting date for a closed call
    granted: int = field(default=0)


def current_programme() -> Programme:
    """The 2022–2023 programme, loaded by load_programme where it is missing."""
    if not Programme.objects.filter(slug=CURRENT_SLUG).exists():
        call_command("load_programme", verbosity=0)
    return Programme.objects.get(slug=CURRENT_SLUG)


def archived_programmes(current: Programme, count: int) -> list[Programme]:
    """`count` two-year periods before the current one, archived, with the current period's
    focus areas, themes, sub-themes and narrative copied into each."""
    periods = []
    for step in range(1, count + 1):
        start = current.start_year - 2 * step
        slug = f"{start}-{start + 1}"
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            programme = Programme.objects.create(
                title=f"Handlingsprogram {start} - {start + 1}",
                slug=slug,
                start_year=start,
                end_year=start + 1,
                vision=current.vision,
                introduction=(
                    f"Regionrådets handlingsprogram for {start} og {start + 1}, arkivert da "
                    "det neste ble vedtatt."
                ),
                focus_areas_heading=current.focus_areas_heading,
                status=Programme.Status.ARCHIVED,
            )
            _copy_structure(current, programme)
        periods.append(programme)
    return periods


def _copy_structure(source: Programme, target: Programme) -> None:
    for area in source.focus_areas.prefetch_related(
        "themes__sub_themes", "sections", "sustainable_development_goals"
    ):
        copy = FocusArea.objects.create(
            programme=target, name=area.name, slug=area.slug, order=area.order
        )
        copy.sustainable_development_goals.set(area.sustainable_development_goals.all())
        for theme in area.themes.all():
            theme_copy = Theme.objects.create(
                focus_area=copy, name=theme.name, slug=theme.slug, order=theme.order
            )
            SubTheme.objects.bulk_create(
                SubTheme(theme=theme_copy, name=sub.name, slug=sub.slug, order=sub.order)
                for sub in theme.sub_themes.all()
            )
        NarrativeSection.objects.bulk_create(
            NarrativeSection(
                focus_area=copy,
                title=section.title,
                slug=section.slug,
                body=section.body,
                order=section.order,
            )
            for section in area.sections.all()
        )


def _structure(programme: Programme) -> list:
    """[(focus area, [its sub-themes]), ...] in order; every area needs a sub-theme."""
    areas = []
    for area in programme.focus_areas.prefetch_related("themes__sub_themes").order_by("order"):
        subs = [sub for theme in area.themes.all() for sub in theme.sub_themes.all()]
        if subs:
            areas.append((area, subs))
    if not areas:
        raise VolumeError(
            f"«{programme}» has no focus areas with sub-themes, so no application can be "
            "placed in it."
        )
    return areas


def _at(year, month, day, hour=12):
    return datetime(year, month, day, hour, 0, tzinfo=OSLO)


def _call_specs(programme: Programme, *, is_current: bool, now: datetime) -> list[dict]:
    """A spring and an autumn call in each year of the period; the current period also has
    a call that closed three weeks ago (cases not yet decided) and two open calls."""
    specs = []
    for year in range(programme.start_year, programme.end_year + 1):
        specs.append(
            {
                "slug": f"{CALL_PREFIX}{programme.slug}-{year}-var",
                "title": f"Utviklingsmidler våren {year}",
                "opens_at": _at(year, 1, 10),
                "closes_at": _at(year, 3, 15),
            }
        )
        specs.append(
            {
                "slug": f"{CALL_PREFIX}{programme.slug}-{year}-host",
                "title": f"Utviklingsmidler høsten {year}",
                "opens_at": _at(year, 8, 15),
                "closes_at": _at(year, 10, 1),
            }
        )
    if is_current:
        specs += [
            {
                "slug": f"{CALL_PREFIX}{programme.slug}-nylig-lukket",
                "title": f"Utviklingsmidler {now.year}, første runde",
                "opens_at": now - timedelta(days=90),
                "closes_at": now - timedelta(days=21),
                "recently_closed": True,
            },
            {
                "slug": f"{CALL_PREFIX}{programme.slug}-apen",
                "title": f"Utviklingsmidler {now.year}, andre runde",
                "opens_at": now - timedelta(days=30),
                "closes_at": now + timedelta(days=60),
            },
            {
                "slug": f"{CALL_PREFIX}{programme.slug}-apen-forstudier",
                "title": f"Forstudier og forprosjekter {now.year}",
                "opens_at": now - timedelta(days=10),
                "closes_at": now + timedelta(days=120),
            },
        ]
    return specs


def funding_calls(programmes: list[Programme], *, current: Programme, rng: Random, now):
    """The volume's calls for every period, made where missing: [CallInfo, ...]."""
    infos = []
    for programme in programmes:
        is_current = programme.pk == current.pk
        structure = _structure(programme)
        for spec in _call_specs(programme, is_current=is_current, now=now):
            recently_closed = spec.pop("recently_closed", False)
            # One draw per spec whether or not the call exists, so later draws do not shift.
            narrow = rng.random() < 0.25
            call = FundingCall.objects.filter(slug=spec["slug"]).first()
            if call is None:
                call = FundingCall.objects.create(
                    programme=programme,
                    description=(
                        "Regionrådet lyser ut utviklingsmidler til prosjekter som følger opp "
                        "handlingsprogrammet.\n\nKommunene i Hamarregionen kan søke, alene eller "
                        "sammen. Regionrådet dekker høyst halvparten av prosjektets kostnad."
                    ),
                    budget_frame=DEFAULT_FRAME,
                    max_amount=MAX_AMOUNT,
                    max_share_percent=MAX_SHARE_PERCENT,
                    is_published=True,
                    **spec,
                )
                areas = structure[: max(1, len(structure) - 1)] if narrow else structure
                call.focus_areas.set([area for area, _subs in areas])
                # As read back from the database: arithmetic on Oslo time would follow the
                # wall clock across summer time, and a second run would plan other moments.
                call.opens_at = call.opens_at.astimezone(UTC)
                call.closes_at = call.closes_at.astimezone(UTC)
            allowed = set(call.focus_areas.values_list("pk", flat=True))
            areas = [(area, subs) for area, subs in structure if area.pk in allowed]
            if not areas:
                raise VolumeError(f"The call «{call}» is open for no focus area with sub-themes.")
            has_closed = call.has_closed(now)
            infos.append(
                CallInfo(
                    call=call,
                    focus_areas=areas,
                    is_current=is_current,
                    is_open=call.is_open(now),
                    recently_closed=recently_closed,
                    # The council meets five weeks after the deadline.
                    decided_on=(call.closes_at + timedelta(days=35)).astimezone(OSLO).date()
                    if has_closed and not recently_closed
                    else None,
                )
            )
    return infos


def members() -> list[Municipality]:
    found = list(Municipality.objects.members().order_by("name"))
    if not found:
        raise VolumeError("There are no member municipalities: run migrate first.")
    return found


def people(municipalities: list[Municipality], rng: Random):
    """Two applicants per member municipality and two secretariat case handlers, none of whom
    can log in (no password): they appear as the actors in the timelines.
    ({municipality pk: [user, ...]}, [secretariat user, ...])."""
    User = get_user_model()

    def user(username, domain):
        name = words.person(rng)
        first, last = name.split(" ", 1)
        found, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": words.email_address(name, domain),
            },
        )
        if created:
            found.set_unusable_password()
            found.save(update_fields=["password"])
        return found

    applicants = {}
    for municipality in municipalities:
        domain = f"{municipality.slug}.kommune.example.org"
        users = [user(f"{USER_PREFIX}{municipality.slug}-{n}", domain) for n in (1, 2)]
        for applicant in users:
            Membership.objects.get_or_create(
                person=applicant,
                organisation=municipality.organisation,
                defaults={"role": Role.APPLICANT},
            )
        applicants[municipality.pk] = users
    secretariat = [
        user(f"{USER_PREFIX}sekretariat-{n}", "hamarregionen.example.org") for n in (1, 2)
    ]
    return applicants, secretariat


def goals() -> list[SustainableDevelopmentGoal]:
    found = list(SustainableDevelopmentGoal.objects.order_by("number"))
    if not found:
        raise VolumeError("The sustainable development goals are missing: run load_programme.")
    return found
