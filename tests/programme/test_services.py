"""programme_change_status: the only way a period is published, archived or made a draft."""

import pytest
from django.core.exceptions import ValidationError

from programme.models import Programme
from programme.services import programme_change_status
from tests.factories import FocusAreaFactory, ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_programme")]

Status = Programme.Status


def statuses(*programmes):
    return [Programme.objects.get(pk=programme.pk).status for programme in programmes]


def test_publishing_a_draft_with_focus_areas_publishes_it():
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme

    result = programme_change_status(programme=draft, status=Status.PUBLISHED)

    assert result.status == Status.PUBLISHED
    assert statuses(draft) == [Status.PUBLISHED]
    assert Programme.objects.current() == draft


def test_publishing_archives_the_previously_published_period_in_the_same_call():
    previous = FocusAreaFactory(programme__status=Status.PUBLISHED).programme
    older = FocusAreaFactory(programme__status=Status.ARCHIVED).programme
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme

    programme_change_status(programme=draft, status=Status.PUBLISHED)

    assert statuses(draft, previous, older) == [Status.PUBLISHED, Status.ARCHIVED, Status.ARCHIVED]
    assert Programme.objects.published().count() == 1


def test_publishing_an_archived_period_again_archives_the_current_one():
    current = FocusAreaFactory(programme__status=Status.PUBLISHED).programme
    archived = FocusAreaFactory(programme__status=Status.ARCHIVED).programme

    programme_change_status(programme=archived, status="published")

    assert statuses(archived, current) == [Status.PUBLISHED, Status.ARCHIVED]


def test_publishing_a_programme_without_focus_areas_is_refused_and_changes_nothing():
    current = FocusAreaFactory(programme__status=Status.PUBLISHED).programme
    empty = ProgrammeFactory(status=Status.DRAFT, title="Tomt utkast")
    updated_at = Programme.objects.get(pk=current.pk).updated_at

    with pytest.raises(ValidationError) as excinfo:
        programme_change_status(programme=empty, status=Status.PUBLISHED)

    assert excinfo.value.code == "no_focus_areas"
    assert excinfo.value.messages == [
        "«Tomt utkast» har ingen satsingsområder og kan ikke publiseres."
    ]
    assert statuses(empty, current) == [Status.DRAFT, Status.PUBLISHED]
    assert Programme.objects.get(pk=current.pk).updated_at == updated_at


def test_archiving_the_published_period_leaves_none_published():
    current = FocusAreaFactory(programme__status=Status.PUBLISHED).programme

    programme_change_status(programme=current, status=Status.ARCHIVED)

    assert statuses(current) == [Status.ARCHIVED]
    assert Programme.objects.current() is None


def test_a_period_can_go_back_to_draft():
    archived = FocusAreaFactory(programme__status=Status.ARCHIVED).programme

    programme_change_status(programme=archived, status=Status.DRAFT)

    assert statuses(archived) == [Status.DRAFT]


def test_archiving_or_drafting_a_programme_without_focus_areas_is_allowed():
    empty = ProgrammeFactory(status=Status.DRAFT)

    programme_change_status(programme=empty, status=Status.ARCHIVED)
    assert statuses(empty) == [Status.ARCHIVED]

    programme_change_status(programme=empty, status=Status.DRAFT)
    assert statuses(empty) == [Status.DRAFT]


def test_setting_the_status_a_programme_already_has_changes_nothing():
    current = FocusAreaFactory(programme__status=Status.PUBLISHED).programme
    updated_at = Programme.objects.get(pk=current.pk).updated_at

    result = programme_change_status(programme=current, status=Status.PUBLISHED)

    assert result.status == Status.PUBLISHED
    assert Programme.objects.get(pk=current.pk).updated_at == updated_at


def test_status_change_goes_by_the_stored_status_not_a_stale_copy():
    programme = FocusAreaFactory(programme__status=Status.PUBLISHED).programme
    stale_copy = Programme.objects.get(pk=programme.pk)
    programme_change_status(programme=programme, status=Status.ARCHIVED)

    programme_change_status(programme=stale_copy, status=Status.PUBLISHED)

    assert statuses(programme) == [Status.PUBLISHED]


def test_an_unknown_status_is_refused():
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme

    with pytest.raises(ValueError, match="'deleted' is not a valid"):
        programme_change_status(programme=draft, status="deleted")

    assert statuses(draft) == [Status.DRAFT]
