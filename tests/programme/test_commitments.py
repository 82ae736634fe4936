"""The council's commitments: the shipped text, loading it, its rules and the roll-up."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from programme.models import Commitment, FocusArea, Programme
from tests.factories import CommitmentFactory, FocusAreaFactory, ProgrammeFactory, funded_project
from tests.html import normalise
from tests.programme.expected import FOCUS_AREA_SLUGS, PROGRAMME_SLUG, SOURCE_TEXT

pytestmark = pytest.mark.django_db

Status = Commitment.Status


# The sentences in which the council says what it will do, as the source text begins them.
COMMITMENT_OPENINGS = re.compile(
    r"(Regionrådet (vil|ønsker å|kan også)|Vi (vil|ønsker)|Her skal vi|Det er ønskelig)"
)


def source_text() -> str:
    return normalise(SOURCE_TEXT.read_text(encoding="utf-8"))


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
