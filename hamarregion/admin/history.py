"""The model admin every app's history-keeping models use."""

import dataclasses

from django.core.exceptions import PermissionDenied
from django.db import models
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from hamarregion.fields import BoundedModelMultipleChoiceField


class ReadableChanges(HistoricalRecordContextHelper):
    """Changes as the admin shows the values: a status by its label, nothing as a dash."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "–"
        if field.choices and not isinstance(value, list):
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """«Historikk» lists every version with who changed it, when and what. An old version can
    be read but not restored: a restore saves every field of the old row, past the read-only
    fields and the services (a programme's status, an application's workflow state)."""

    object_history_list_template = "admin/history/object_history_list.html"
    formfield_overrides = {
        models.ManyToManyField: {"form_class": BoundedModelMultipleChoiceField},
    }

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # simple_history compares the fields forms can edit; the fields only the services
        # write (such as an application's status) are what the history is most often read for.
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, foreign_keys_are_objs=foreign_keys_are_objs)
                changes = [*delta.changes, *service_field_changes(old=current, new=previous)]
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(
                    dataclasses.replace(delta, changes=changes)
                )
            previous = current


def service_field_changes(*, old, new) -> list[ModelChange]:
    """Changes to the non-editable fields between two historical rows, leaving out the
    timestamps that change with every save."""
    return [
        ModelChange(field.name, getattr(old, field.attname), getattr(new, field.attname))
        for field in new.tracked_fields
        if not (field.editable or field.primary_key)
        and not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
        and getattr(old, field.attname) != getattr(new, field.attname)
    ]
