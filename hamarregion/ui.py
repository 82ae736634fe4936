"""The building blocks of every app's pages: breadcrumbs, the form error summary
(templates/includes/error_summary.html), and a service's refusal shown to the user."""

from django.core.exceptions import ValidationError


class BreadcrumbsMixin:
    """Pages below the front page list where they are: (label, url) pairs, the last without url."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


def has_errors(*forms) -> bool:
    """Whether the error summary is shown: a form or formset on the page was sent and refused."""
    return any(form is not None and form.is_bound and not form.is_valid() for form in forms)


def add_service_error(form, error: ValidationError, *, tables=None) -> None:
    """Put a service's ValidationError on the form: each message at its field when the form has
    that field, above the table (a formset in `tables`, by field name) it concerns, at the top of
    the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    tables = tables or {}
    for field, errors in error.error_dict.items():
        if field in tables:
            tables[field].non_form_errors().extend(ValidationError(errors).messages)
        else:
            form.add_error(field if field in form.fields else None, errors)


def service_error_message(error: ValidationError) -> str:
    """A service's refusal as one message for the messages framework."""
    return " ".join(error.messages)
