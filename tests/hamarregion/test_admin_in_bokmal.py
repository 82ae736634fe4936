"""Every admin list the secretariat opens, third-party apps' included, and the first row's page
of each, speak bokmål: none of the English that Django's admin, django-axes and
django-post-office showed before locale/nb filled it in."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.admin_english import english_strings_in
from tests.admin_seed import seed_every_admin_model
from tests.html import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_admin_model_with_a_row(settings, programme_fixture):
    settings.DEBUG = True
    for command in (
        "create_demo_accounts",
        "create_demo_data",
        "create_demo_follow_up",
        "create_demo_meetings",
    ):
        call_command(command, verbosity=0)
    settings.DEBUG = False
    seed_every_admin_model()


def test_admin_lists_and_pages_show_no_english(every_admin_model_with_a_row, secretariat_client):
    paths = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        paths.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        paths.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
    english = {}
    for path in paths:
        response = secretariat_client.get(path)
        if response.status_code != 200:
            continue  # a list or row this role may not open
        shown = english_strings_in(page_text(response))
        if shown:
            english[path] = shown
    assert not english, english
