"""The meeting pack as a council member meets it: logged in with a second factor, they open the
pack, declare a conflict of interest in an item, and read the notice; axe-core finds no WCAG 2.1
A/AA violation on the pack before or after."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Disqualification
from projects.workflow import State
from tests.browser.test_axe import AXE, WCAG_TAGS, assert_accessible, axe_violations, describe
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    MeetingFactory,
    case_in,
    staff_in_group,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def pack(open_call, secretariat_user, hamar, hamar_user):
    meeting = MeetingFactory(
        title="Regionrådsmøte i desember", starts_at=timezone.now() + timedelta(days=7)
    )
    for number, title in enumerate(["Ladeinfrastruktur", "Reiselivsstrategi"], start=1):
        application = case_in(
            State.RECOMMENDED,
            secretariat=secretariat_user,
            funding_call=open_call,
            lead_municipality=hamar,
            created_by=hamar_user,
            title=title,
            summary=f"{title} for hele regionen.",
        )
        AttachmentFactory(application=application, original_name=f"{title.lower()}.pdf")
        AgendaItemFactory(meeting=meeting, number=number, title=title, applications=[application])
    return meeting


def test_a_council_member_reads_the_pack_and_declares_a_conflict_of_interest(page, login, pack):
    member = staff_in_group(
        "Rådsmedlem", username="kari-raad", first_name="Kari", last_name="Nordmann"
    )
    login(page, member.username, staff=True)
    path = reverse("meetings:meeting-pack", args=[pack.pk])

    assert_accessible(page, path)
    assert page.get_by_text("Ladeinfrastruktur for hele regionen.").is_visible()

    item = pack.agenda_items.get(number=1)
    section = page.locator("#sak-1")
    section.get_by_label("Begrunnelse").fill("Jeg sitter i styret til søkeren.")
    section.get_by_role("button", name="Meld inhabilitet").click()
    page.wait_for_load_state()

    assert Disqualification.objects.filter(item=item, member=member).exists()
    notice = page.locator("#sak-1 .pack-own-disqualification")
    assert notice.is_visible()
    assert "Du er inhabil i denne saken." in notice.inner_text()
    assert not page.get_by_text("Ladeinfrastruktur for hele regionen.").count()
    assert page.get_by_text("Reiselivsstrategi for hele regionen.").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations, f"{path} (after the declaration)")


@pytest.fixture
def held(pack):
    pack.starts_at = timezone.now() - timedelta(days=1)
    pack.save()
    return pack


@pytest.mark.parametrize("view", ["agenda", "disqualifications", "decisions"])
def test_the_secretariats_meeting_pages_pass_axe(page, login, secretariat_user, held, view):
    """The pages' own content; the rest of admin is another part of the work (issue 15, 6)."""
    login(page, secretariat_user.username, staff=True)
    path = reverse(f"admin:meetings_meeting_{view}", args=[held.pk])
    response = page.goto(path)
    assert response.status == 200
    result = AXE.run(
        page,
        context={"include": [["#content-main"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    violations = result.response["violations"]
    assert not violations, describe(violations, path)


def test_a_refused_decision_page_passes_axe(page, login, secretariat_user, held):
    login(page, secretariat_user.username, staff=True)
    path = reverse("admin:meetings_meeting_decisions", args=[held.pk])
    page.goto(path)
    page.get_by_role("button", name="Registrer alle vedtakene").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").first.is_visible()
    result = AXE.run(
        page,
        context={"include": [["#content-main"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    violations = result.response["violations"]
    assert not violations, describe(violations, f"{path} (refused)")


def test_the_printed_pack_has_no_navigation_nor_forms_and_one_item_a_page(page, login, pack):
    member = staff_in_group("Rådsmedlem", username="ola-raad", first_name="Ola", last_name="Dahl")
    login(page, member.username, staff=True)
    page.goto(reverse("meetings:meeting-pack", args=[pack.pk]))
    assert page.locator(".pack-form").first.is_visible()

    page.emulate_media(media="print")

    assert not page.locator(".site-header nav").is_visible()
    assert not page.locator(".pack-form").first.is_visible()
    breaks = page.locator(".pack-item").evaluate_all(
        "items => items.map(item => getComputedStyle(item).breakBefore)"
    )
    assert breaks == ["page", "page"]
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
