"""The thread on the application's page and the notes and thread on the case page, as a
browser meets them: axe-core finds no WCAG 2.1 A/AA violation, with messages, files and a
refused answer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Message
from projects.services import case_note_add, message_send
from tests.browser.test_axe import AXE, WCAG_TAGS, assert_accessible, describe
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.browser


@pytest.fixture
def thread(submitted_application, secretariat_user, hamar_user):
    submitted_application.submitted_at = submitted_application.updated_at
    submitted_application.save(update_fields=["submitted_at"])
    message_send(
        application=submitted_application,
        user=secretariat_user,
        sender=Message.Sender.SECRETARIAT,
        text="Kan dere sende budsjettet for 2027?",
        uploaded_file=SimpleUploadedFile("brev.pdf", PDF_BYTES),
    )
    message_send(
        application=submitted_application,
        user=hamar_user,
        sender=Message.Sender.APPLICANT,
        text="Det kommer fredag.",
    )
    case_note_add(application=submitted_application, user=secretariat_user, text="Ring kommunen.")
    return submitted_application


def test_the_thread_and_a_refused_answer_on_the_application_page_pass_axe(
    page, login, hamar_user, thread
):
    login(page, hamar_user.username)
    path = reverse("projects:application-detail", args=[thread.pk])
    assert_accessible(page, path)
    page.get_by_role("button", name="Send meldingen").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    violations = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response[
        "violations"
    ]
    assert not violations, describe(violations, f"{path} (answer refused)")


def test_the_notes_and_the_thread_on_the_case_page_pass_axe(page, login, secretariat_user, thread):
    login(page, secretariat_user.username, staff=True)
    path = reverse("admin:projects_application_change", args=[thread.pk])
    page.goto(path)
    assert page.locator("#merknader").is_visible()
    # The rest of the admin page is another part of the work (issue 15, point 6).
    result = AXE.run(
        page,
        context={"include": [["#merknader"], ["#meldinger"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    violations = result.response["violations"]
    assert not violations, describe(violations, f"{path} (notes and thread)")
