"""Posting the application's edit page as a browser would: every field with the value the page
shows, the management forms the page holds, and the table rows a test types in."""

from django.urls import reverse


def form_values(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False or value == []:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[key] = str(getattr(value, "pk", value))
    return data


def formset_values(formset, rows=(), *, delete_existing=False) -> dict:
    """The formset's management form and every row as shown, then `rows` (dicts of field
    values) typed into the empty rows after the stored ones, adding rows if the page has too
    few."""
    management = formset.management_form
    data = {
        management.add_prefix(name): str(management[name].value()) for name in management.fields
    }
    for form in formset.forms:
        data.update(form_values(form))
    if delete_existing:
        for form in formset.initial_forms:
            data[form.add_prefix("DELETE")] = "on"
    first_new = formset.initial_form_count()
    for offset, row in enumerate(rows):
        prefix = f"{formset.prefix}-{first_new + offset}"
        data.update({f"{prefix}-{name}": str(value) for name, value in row.items()})
    total_key = management.add_prefix("TOTAL_FORMS")
    data[total_key] = str(max(int(data[total_key]), first_new + len(rows)))
    return data


def cost_rows(*amounts):
    return [{"item": f"Kostnad {n}", "amount": amount} for n, amount in enumerate(amounts, 1)]


def funding_rows(*, own=0, council=0, other_public=0):
    rows = []
    for source, amount in (("own", own), ("other_public", other_public), ("council", council)):
        if amount:
            rows.append({"source": source, "description": "", "amount": amount})
    return rows


def edit_page_data(page, *, cost=(), funding=(), replace_lines=False, submit=False, **changes):
    """POST data for the edit page in `page` (a GET response), with `changes` to the main form,
    `cost` and `funding` rows added to the tables (or replacing the stored rows), and the
    «Send inn» button pressed, with its confirmation ticked, if `submit`."""
    data = form_values(page.context["form"])
    data.update(formset_values(page.context["cost_formset"], cost, delete_existing=replace_lines))
    data.update(
        formset_values(page.context["funding_formset"], funding, delete_existing=replace_lines)
    )
    data["submit" if submit else "save"] = ""
    if submit:
        data["confirm_submit"] = "on"
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def edit_url(application):
    return reverse("projects:application-edit", kwargs={"pk": application.pk})


def post_edit_page(client, application, *, submit=False, **kwargs):
    """Open the edit page, then post it back with the given changes."""
    page = client.get(edit_url(application))
    assert page.status_code == 200, page
    return client.post(edit_url(application), edit_page_data(page, submit=submit, **kwargs))


class UnrenderedEditPage:
    """The forms the edit page shows, without rendering it: for tests that post many kinds of
    data and care about what the server does with them, not about the page."""

    def __init__(self, application):
        from projects.forms import ApplicationForm, CostLineFormSet, FundingLineFormSet

        self.context = {
            "form": ApplicationForm(instance=application),
            "cost_formset": CostLineFormSet(instance=application, prefix="cost"),
            "funding_formset": FundingLineFormSet(instance=application, prefix="funding"),
        }
