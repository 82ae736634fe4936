"""Posting admin forms as a browser would: every field the page holds, with the values shown."""


def _field_values(form, data):
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item.pk if hasattr(item, "pk") else item) for item in value]
        else:
            data[key] = str(value.pk if hasattr(value, "pk") else value)


def admin_form_data(response, **changes):
    """POST data for the admin add or change page in `response`, with `changes` applied.

    Built from the form and inline formsets the page rendered, so the inline prefixes and
    management forms are the ones the admin really uses."""
    data = {}
    _field_values(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _field_values(formset.management_form, data)
        for form in formset.initial_forms:
            _field_values(form, data)
    data.update(changes)
    return data
