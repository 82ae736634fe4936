"""Commitments: the council's own statements shipped in the fixture, their follow-up, the
roll-up of progress, the focus-area page and the secretariat's admin."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.models import Commitment, CommitmentUpdate, FocusArea, Programme
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import (
    ApplicationFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    FocusAreaFactory,
    FundingCallFactory,
    ProgrammeFactory,
    UserFactory,
    funded_project,
    staff_in_group,
)
from tests.html import element_text, normalise, page_text, start_tags
from tests.programme.expected import FOCUS_AREA_SLUGS, PROGRAMME_SLUG, SOURCE_TEXT

pytestmark = pytest.mark.django_db

Status = Commitment.Status

# The sentences in which the council says what it will do, as the source text begins them.
COMMITMENT_OPENINGS = re.compile(
    r"(Regionrådet (vil|ønsker å|kan også)|Vi (vil|ønsker)|Her skal vi|Det er ønskelig)"
)


def source_text() -> str:
    return normalise(SOURCE_TEXT.read_text(encoding="utf-8"))


def focus_area_page(client, focus_area):
    return client.get(focus_area.get_absolute_url())


def logged_in(client, user):
    client.force_login(user)
    return client


# --- The shipped commitments -------------------------------------------------------------------


def test_every_shipped_commitment_is_the_councils_text_word_for_word(programme_fixture):
    text = source_text()
    commitments = list(Commitment.objects.all())

    assert len(commitments) == 17
    assert [c.text for c in commitments if c.text not in text] == []


def test_each_commitment_stands_in_the_narrative_of_its_own_focus_area(programme_fixture):
    for commitment in Commitment.objects.select_related("focus_area"):
        narrative = " ".join(normalise(s.body) for s in commitment.focus_area.sections.all())
        assert commitment.text in narrative, commitment.slug


def test_every_sentence_where_the_council_says_what_it_will_do_is_a_commitment(
    programme_fixture,
):
    """The statements are found in the source, not in the fixture, so a missing one fails. A
    statement runs from its opening words («Regionrådet ønsker å …») to the end of its sentence."""
    shipped = " ".join(Commitment.objects.values_list("text", flat=True))
    body = source_text().split("Større region", 1)[1]  # the focus areas' narratives
    sentences = re.split(r"(?<=[.!?])\s+", body)
    statements = [
        sentence[match.start() :]
        for sentence in sentences
        if (match := COMMITMENT_OPENINGS.search(sentence))
    ]

    assert len(statements) == 14
    assert "Regionrådet ønsker å bidra til økt tilflytting." in statements
    assert [statement for statement in statements if statement not in shipped] == []


def test_the_example_in_the_issue_is_under_befolkningsvekst(programme_fixture):
    commitment = Commitment.objects.get(
        text="Regionrådet vil jobbe for regionvekstavtaler gjennom Mjøsby samarbeidet."
    )

    assert commitment.focus_area.slug == "befolkningsvekst"
    assert commitment.focus_area.programme.slug == PROGRAMME_SLUG


def test_every_focus_area_has_commitments_in_order_and_not_started(programme_fixture):
    for slug in FOCUS_AREA_SLUGS:
        commitments = list(Commitment.objects.filter(focus_area__slug=slug).order_by("order"))
        assert commitments, slug
        assert [c.order for c in commitments] == list(range(1, len(commitments) + 1))
    assert set(Commitment.objects.values_list("status", "progress")) == {(Status.NOT_STARTED, 0)}


def test_loading_the_fixture_again_adds_no_commitment(programme_fixture):
    before = sorted(Commitment.objects.values_list("pk", "slug"))

    call_command("loaddata", "handlingsprogram-2022-2023", verbosity=0)

    assert sorted(Commitment.objects.values_list("pk", "slug")) == before


def test_load_programme_loads_the_commitments_into_a_new_database(db):
    call_command("load_programme", verbosity=0)

    assert Commitment.objects.filter(focus_area__programme__slug=PROGRAMME_SLUG).count() == 17


def test_load_programme_keeps_the_secretariats_edits(programme_fixture):
    commitment = Commitment.objects.get(slug="regionvekstavtaler")
    commitment.text = "Regionrådet har fått regionvekstavtale."
    commitment.save()

    call_command("load_programme", verbosity=0)

    assert (
        Commitment.objects.get(pk=commitment.pk).text == "Regionrådet har fått regionvekstavtale."
    )
    assert Commitment.objects.count() == 17


def test_load_programme_adds_the_commitments_to_a_period_loaded_before_they_existed(
    programme_fixture,
):
    Commitment.objects.all().delete()
    focus_area = FocusArea.objects.get(slug="diskusjonsarena")
    focus_area.name = "Diskusjonsarena (endret)"
    focus_area.save()

    call_command("load_programme", verbosity=0)

    assert Commitment.objects.count() == 17
    assert FocusArea.objects.get(pk=focus_area.pk).name == "Diskusjonsarena (endret)"


def test_reload_puts_the_text_back_and_keeps_the_follow_up(programme_fixture):
    commitment = Commitment.objects.get(slug="regionvekstavtaler")
    project = funded_project()
    commitment.text = "Endret tekst."
    commitment.status = Status.UNDER_WAY
    commitment.progress = 40
    commitment.save()
    commitment.projects.add(project)

    call_command("load_programme", "--reload", verbosity=0)

    commitment.refresh_from_db()
    assert commitment.text.startswith("Regionrådet vil jobbe for regionvekstavtaler")
    assert (commitment.status, commitment.progress) == (Status.UNDER_WAY, 40)
    assert list(commitment.projects.all()) == [project]


# --- Status and progress -------------------------------------------------------------------


def test_a_done_commitment_must_be_at_100_percent():
    commitment = CommitmentFactory.build(
        focus_area=FocusAreaFactory(), status=Status.DONE, progress=80
    )

    with pytest.raises(ValidationError) as error:
        commitment.full_clean()

    assert error.value.message_dict == {
        "progress": ["En fullført forpliktelse har framdrift 100 prosent."]
    }


def test_the_database_refuses_progress_above_100_and_done_below_100():
    commitment = CommitmentFactory(status=Status.UNDER_WAY, progress=50)

    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(progress=101)
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(status=Status.DONE)

    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.UNDER_WAY, 50)


# --- Roll-up ---------------------------------------------------------------------------------


def test_overall_progress_is_the_mean_of_the_commitments_dropped_ones_left_out(no_programme):
    programme = ProgrammeFactory()
    first, second = FocusAreaFactory.create_batch(2, programme=programme)
    CommitmentFactory(focus_area=first, status=Status.DONE, progress=100)
    CommitmentFactory(focus_area=second, status=Status.UNDER_WAY, progress=20)
    CommitmentFactory(focus_area=second, status=Status.NOT_STARTED, progress=0)
    CommitmentFactory(focus_area=second, status=Status.DROPPED, progress=90)

    programme = Programme.objects.with_progress().get(pk=programme.pk)
    areas = {area.pk: area.progress for area in FocusArea.objects.with_progress()}

    # The mean of the three commitments counted, not of the two focus areas' means (60).
    assert programme.progress == pytest.approx(40)
    assert areas == {first.pk: pytest.approx(100), second.pk: pytest.approx(10)}
    assert Commitment.objects.filter(focus_area=second).mean_progress() == pytest.approx(10)


def test_without_commitments_to_measure_there_is_no_figure_rather_than_zero(no_programme):
    empty = ProgrammeFactory()
    FocusAreaFactory(programme=empty)
    only_dropped = ProgrammeFactory()
    CommitmentFactory(focus_area__programme=only_dropped, status=Status.DROPPED, progress=50)

    progress = dict(Programme.objects.with_progress().values_list("pk", "progress"))

    assert progress == {empty.pk: None, only_dropped.pk: None}
    assert Commitment.objects.none().mean_progress() is None


def test_the_roll_up_of_every_period_is_one_query(no_programme, django_assert_num_queries):
    for _ in range(3):
        focus_area = FocusAreaFactory()
        CommitmentFactory.create_batch(4, focus_area=focus_area, progress=30)

    with django_assert_num_queries(1):
        figures = [programme.progress for programme in Programme.objects.with_progress()]

    assert figures == [pytest.approx(30)] * 3


# --- Public pages ----------------------------------------------------------------------------


@pytest.fixture
def followed_up():
    """A focus area in an archived (public) period with a commitment under way, its update,
    a funded project and an application still in the case handling."""
    call = FundingCallFactory()
    focus_area = call.focus_areas.order_by("pk").first()
    commitment = CommitmentFactory(
        focus_area=focus_area,
        text="Regionrådet vil bygge ladestasjoner.",
        slug="ladestasjoner",
        status=Status.UNDER_WAY,
        progress=45,
    )
    CommitmentFactory(
        focus_area=focus_area,
        text="Regionrådet vil lage en ny app.",
        status=Status.DROPPED,
        progress=5,
    )
    writer = UserFactory(first_name="Skjult", last_name="Sekretær")
    CommitmentUpdateFactory(
        commitment=commitment,
        date=date(2026, 10, 3),
        text="Fem **ladestasjoner** er bygd.\n\n<script>alert(1)</script>",
        created_by=writer,
    )
    public = funded_project(funding_call=call, title="Ladestasjoner i Stange")
    pending = ApplicationFactory(funding_call=call, status=State.IN_REVIEW, title="Til behandling")
    commitment.projects.add(public, pending)
    return {"focus_area": focus_area, "commitment": commitment, "public": public}


def test_focus_area_page_shows_commitments_with_status_progress_and_updates(client, followed_up):
    response = focus_area_page(client, followed_up["focus_area"])
    section = element_text(response, "forpliktelse-ladestasjoner")

    assert response.status_code == 200
    assert "Regionrådet vil bygge ladestasjoner." in section
    assert "Status: Pågår" in section
    assert "Framdrift: 45 %" in section
    assert "03.10.2026 Fem ladestasjoner er bygd." in section
    bars = {attrs["id"]: attrs for _tag, attrs in start_tags(response, "progress")}
    assert bars["framdrift-forpliktelse-ladestasjoner"]["value"] == "45"
    assert bars["framdrift-forpliktelse-ladestasjoner"]["max"] == "100"
    assert "<strong>ladestasjoner</strong>" in response.content.decode()
    assert "<script>alert" not in response.content.decode()


def test_focus_area_page_shows_its_progress_and_says_dropped_ones_are_left_out(client, followed_up):
    text = page_text(focus_area_page(client, followed_up["focus_area"]))

    assert "Framdrift i satsingsområdet: 45 %" in text
    assert "Avbrutte forpliktelser er ikke med." in text
    assert "Avbrutt (telles ikke med i framdriften)" in text


def test_focus_area_page_links_only_the_public_projects_and_never_the_writer(client, followed_up):
    response = focus_area_page(client, followed_up["focus_area"])
    section = element_text(response, "forpliktelse-ladestasjoner")
    links = {attrs.get("href") for _tag, attrs in start_tags(response, "a")}

    assert "Ladestasjoner i Stange" in section
    assert followed_up["public"].get_public_url() in links
    assert "Til behandling" not in section
    assert "Skjult" not in page_text(response)
    assert "Sekretær" not in page_text(response)


def test_focus_area_page_without_commitments_says_so(client):
    focus_area = FocusAreaFactory(programme__status=Programme.Status.ARCHIVED)

    text = page_text(focus_area_page(client, focus_area))

    assert "Ingen forpliktelser er registrert under dette satsingsområdet ennå." in text
    assert "Framdrift i satsingsområdet" not in text


def test_focus_area_page_reads_a_fixed_number_of_queries(
    client, followed_up, django_assert_max_num_queries
):
    focus_area = followed_up["focus_area"]
    with CaptureQueriesContext(connection) as captured:
        focus_area_page(client, focus_area)
    for _ in range(8):
        commitment = CommitmentFactory(focus_area=focus_area, progress=10)
        CommitmentUpdateFactory.create_batch(2, commitment=commitment)
        commitment.projects.add(funded_project(funding_call=followed_up["public"].funding_call))

    with django_assert_max_num_queries(len(captured)):
        response = focus_area_page(client, focus_area)

    assert response.status_code == 200
    assert len(response.context["focus_area"].commitments.all()) == 10


def test_programme_page_and_front_page_show_the_overall_progress(client, programme_fixture):
    first, second = Commitment.objects.order_by("pk")[:2]
    Commitment.objects.filter(pk=first.pk).update(status=Status.DONE, progress=100)
    Commitment.objects.filter(pk=second.pk).update(status=Status.DROPPED, progress=50)
    expected = round(100 / 16)  # 16 counted commitments, one at 100 %

    programme = page_text(client.get(reverse("programme:programme-detail", args=[PROGRAMME_SLUG])))
    home = page_text(client.get(reverse("programme:home")))

    assert f"Samlet framdrift: {expected} %" in programme
    assert "Avbrutte forpliktelser er ikke med." in programme
    assert f"Samlet framdrift i handlingsprogrammet: {expected} %" in home


def test_programme_page_without_commitments_shows_no_figure(client):
    programme = ProgrammeFactory(status=Programme.Status.ARCHIVED)
    FocusAreaFactory(programme=programme)

    text = page_text(client.get(programme.get_absolute_url()))

    assert "Samlet framdrift: ingen forpliktelser å måle framdriften på" in text
    assert "0 %" not in text


def test_programme_and_front_page_read_a_fixed_number_of_queries(
    client, programme_fixture, django_assert_max_num_queries
):
    urls = [reverse("programme:programme-detail", args=[PROGRAMME_SLUG]), reverse("programme:home")]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
    focus_area = FocusArea.objects.get(slug="befolkningsvekst")
    CommitmentFactory.create_batch(10, focus_area=focus_area, progress=50)

    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


# --- Admin -----------------------------------------------------------------------------------


def test_secretariat_group_may_add_change_delete_and_view_commitments_and_updates(db):
    user = staff_in_group("Sekretariat")

    for model in ("commitment", "commitmentupdate"):
        for action in ("add", "change", "delete", "view"):
            assert user.has_perm(f"programme.{action}_{model}")
    assert user.has_perm("programme.view_historicalcommitment")


def test_secretariat_writes_an_update_signed_with_their_name_in_admin(client, followed_up):
    user = staff_in_group("Sekretariat")
    commitment = followed_up["commitment"]
    url = reverse("admin:programme_commitment_change", args=[commitment.pk])
    form = logged_in(client, user).get(url)
    data = admin_form_data(
        form,
        status=Status.DONE,
        progress="100",
        projects=[str(followed_up["public"].pk)],
        **{
            "updates-TOTAL_FORMS": "2",
            "updates-1-date": "2026-11-20",
            "updates-1-text": "Alle ladestasjonene er i drift.",
            "updates-1-commitment": str(commitment.pk),
        },
    )

    response = client.post(url, data)

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.DONE, 100)
    update = CommitmentUpdate.objects.get(text="Alle ladestasjonene er i drift.")
    assert update.created_by == user
    assert CommitmentUpdate.objects.get(date=date(2026, 10, 3)).created_by.first_name == "Skjult"
    assert "Alle ladestasjonene er i drift." in page_text(
        focus_area_page(client, commitment.focus_area)
    )


def test_admin_refuses_done_below_100_percent_with_a_message_at_the_field(client, followed_up):
    commitment = followed_up["commitment"]
    url = reverse("admin:programme_commitment_change", args=[commitment.pk])
    form = logged_in(client, staff_in_group("Sekretariat")).get(url)

    data = admin_form_data(
        form, status=Status.DONE, progress="70", projects=[str(followed_up["public"].pk)]
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["progress"] == [
        "En fullført forpliktelse har framdrift 100 prosent."
    ]
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.UNDER_WAY, 45)


def test_project_choices_in_admin_are_the_funded_projects_only(client, followed_up):
    logged_in(client, staff_in_group("Sekretariat"))

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "programme",
            "model_name": "commitment",
            "field_name": "projects",
            "term": "",
        },
    )

    assert response.status_code == 200
    titles = [result["text"] for result in response.json()["results"]]
    assert titles == ["Ladestasjoner i Stange"]


def test_changelist_filters_commitments_by_status_and_focus_area(client, programme_fixture):
    logged_in(client, staff_in_group("Sekretariat"))
    focus_area = FocusArea.objects.get(slug="diskusjonsarena")
    dropped = Commitment.objects.get(slug="stortingsbenken")
    Commitment.objects.filter(pk=dropped.pk).update(status=Status.DROPPED)
    url = reverse("admin:programme_commitment_changelist")

    by_status = client.get(url, {"status__exact": Status.DROPPED})
    by_area = client.get(url, {"focus_area__id__exact": focus_area.pk})

    assert list(by_status.context["cl"].result_list) == [dropped]
    assert {c.focus_area_id for c in by_area.context["cl"].result_list} == {focus_area.pk}
    assert by_area.context["cl"].result_count == 5


# --- Demo data ---------------------------------------------------------------------------------


def test_the_demo_data_follows_up_commitments_that_the_focus_area_page_shows(
    client, settings, programme_fixture
):
    settings.DEBUG = True
    call_command("create_demo_accounts", verbosity=0)
    call_command("create_demo_data", verbosity=0)
    commitment = Commitment.objects.get(slug="okt-tilflytting")

    section = element_text(
        focus_area_page(client, commitment.focus_area), "forpliktelse-okt-tilflytting"
    )

    assert commitment.status == Status.UNDER_WAY
    assert commitment.updates.exists()
    assert commitment.updates.first().created_by.username == "sekretariat"
    assert "Status: Pågår" in section
    assert "Tilflytterguide for Hamarregionen" in section
    assert Commitment.objects.filter(status=Status.DROPPED).exists()
    assert Commitment.objects.filter(status=Status.DONE, progress=100).exists()
