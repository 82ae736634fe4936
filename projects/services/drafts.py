"""The applicant's draft: the application's fields and its two tables, stored while the
application is theirs to edit, and sent in from the same page in the same transaction."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ..models import Application, CostLine, FundingLine
from ..permissions import can_edit_application
from ..workflow import Action
from .applications import application_transition

# What the applicant fills in. The rest (status, call, owner, dates of the workflow) is the
# workflow's and the start form's.
DRAFT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "partner_organisations",
        "project_leader_name",
        "project_leader_email",
        "project_leader_phone",
        "contact_name",
        "contact_email",
        "contact_phone",
        "phase",
        "start_date",
        "end_date",
        "background",
        "main_goal",
        "sub_goals",
        "expected_results",
        "target_group",
        "anchoring",
        "organisation",
    }
)
DRAFT_CHOICES = frozenset(
    {"partner_municipalities", "focus_areas", "sub_themes", "sustainable_development_goals"}
)
COST_LINE_FIELDS = frozenset({"item", "amount"})
FUNDING_LINE_FIELDS = frozenset({"source", "description", "amount"})

# The application's constraints between fields, and the field whose message each one is.
CONSTRAINT_FIELDS = {"application_ends_after_it_starts": "end_date"}


def application_save_draft(
    *,
    application: Application,
    user,
    values: Mapping | None = None,
    cost_lines: Sequence[Mapping] = (),
    funding_lines: Sequence[Mapping] = (),
    submit: bool = False,
    now=None,
) -> Application:
    """Store the applicant's edits while the application is theirs to edit and, with submit,
    send it in: a submission that fails its rules stores none of the edits.

    `values` maps fields of DRAFT_FIELDS to their values and fields of DRAFT_CHOICES to the
    chosen rows (or their ids); fields left out keep what is stored. Each line of
    `cost_lines` (item, amount) and `funding_lines` (source, description, amount) is a new line,
    or with "id" a stored line to change, or with "id" and "delete": True one to delete; lines
    left out stay as they are.

    Refused values raise ValidationError keyed by field, the tables' as "cost_lines" and
    "funding_lines", and nothing is stored."""
    application, _new_lines = application_autosave(
        application=application,
        user=user,
        values=values,
        cost_lines=cost_lines,
        funding_lines=funding_lines,
        submit=submit,
        now=now,
    )
    return application


@transaction.atomic
def application_autosave(
    *,
    application: Application,
    user,
    values: Mapping | None = None,
    cost_lines: Sequence[Mapping] = (),
    funding_lines: Sequence[Mapping] = (),
    submit: bool = False,
    now=None,
) -> tuple[Application, dict[str, list[int]]]:
    """application_save_draft, answering also the ids of the lines it added, in the order they
    were given: {"cost_lines": [...], "funding_lines": [...]}. A page that saves without
    reloading (autosave) gives its new rows these ids, so that the next save changes the lines
    rather than adding them again."""
    values = dict(values or {})
    _refuse_unknown(values, DRAFT_FIELDS | DRAFT_CHOICES, "the application")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not can_edit_application(user, application):
        raise PermissionDenied
    choices = {name: values.pop(name) for name in DRAFT_CHOICES & values.keys()}
    for name, value in values.items():
        setattr(application, name, value)
    errors = application_field_errors(application, edited=values.keys())
    tables = {
        "cost_lines": _line_changes(application, CostLine, COST_LINE_FIELDS, cost_lines),
        "funding_lines": _line_changes(
            application, FundingLine, FUNDING_LINE_FIELDS, funding_lines
        ),
    }
    for key, (_to_save, _to_delete, line_errors) in tables.items():
        if line_errors:
            errors[key] = line_errors
    if errors:
        raise ValidationError(errors)

    application.save()
    for name, chosen in choices.items():
        getattr(application, name).set(chosen)
    new_lines = {}
    for key, (to_save, to_delete, _line_errors) in tables.items():
        for line in to_delete:
            line.delete()
        new_lines[key] = []
        for line in to_save:
            is_new = line.pk is None
            line.save()
            if is_new:
                new_lines[key].append(line.pk)
    if submit:
        application = application_transition(
            application=application, action=Action.SUBMIT, user=user, now=now
        )
    return application, new_lines


def _refuse_unknown(values: Mapping, allowed, what: str) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"Not fields of {what}: {', '.join(sorted(unknown))}")


def application_field_errors(application: Application, *, edited) -> dict:
    """Each edited field's own rules, then the rules between fields, at the field concerned."""
    errors = {}
    not_edited = [field.name for field in Application._meta.fields if field.name not in edited]
    try:
        application.clean_fields(exclude=not_edited)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for constraint in Application._meta.constraints:
        field = CONSTRAINT_FIELDS.get(constraint.name)
        if field is None or set(errors) & {"start_date", "end_date"}:
            continue
        try:
            constraint.validate(Application, application)
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.error_list)
    return errors


def _line_changes(
    application: Application, model: type[models.Model], fields, lines: Sequence[Mapping]
) -> tuple[list, list, list]:
    """The table's lines to save and to delete, and what is wrong with them."""
    stored = {line.pk: line for line in model.objects.filter(application=application)}
    to_save, to_delete, errors = [], [], []
    for values in lines:
        values = dict(values)
        line_id = values.pop("id", None)
        delete = values.pop("delete", False)
        _refuse_unknown(values, fields, model.__name__)
        if line_id is None:
            if delete:
                continue
            line = model(application=application)
        elif line_id not in stored:
            errors.append(
                ValidationError(
                    _("En rad i tabellen finnes ikke lenger. Last siden på nytt."),
                    code="line_not_found",
                )
            )
            continue
        else:
            line = stored[line_id]
            if delete:
                to_delete.append(line)
                continue
        for name, value in values.items():
            setattr(line, name, value)
        try:
            line.full_clean(exclude=["application"], validate_unique=False)
        except ValidationError as error:
            errors.extend(ValidationError(error.messages).error_list)
        else:
            to_save.append(line)
    return to_save, to_delete, errors
