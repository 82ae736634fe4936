"""Names for the admin's form controls that Django renders without a label: the editable
columns of a changelist (their heading is the column's, not a label) and the date and time
boxes of a split date-time field (Django labels the pair, not each box)."""

from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def name_split_date_time(formfield) -> None:
    """Each box of a split date-time field named after the field: «Åpner – dato»."""
    widget = getattr(formfield, "widget", None)
    inner = getattr(widget, "widget", widget)  # through RelatedFieldWidgetWrapper and the like
    if not isinstance(inner, AdminSplitDateTime):
        return
    label = capfirst(formfield.label or "")
    for box, part in zip(inner.widgets, (_("dato"), _("klokkeslett")), strict=True):
        box.attrs["aria-label"] = pgettext_lazy("field and part", "%(field)s – %(part)s") % {
            "field": label,
            "part": part,
        }


class NamedControlsAdminMixin:
    """Every model admin's form controls with an accessible name (PortalAdminSite.register)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            name_split_date_time(formfield)
        return formfield

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        for name, field in formset.form.base_fields.items():
            if "aria-label" not in field.widget.attrs:
                field.widget.attrs["aria-label"] = capfirst(field.label or name)
        return formset
