"""The secretariat edits the programme in admin; it may not change the goals or any rights."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from programme.models import FocusArea, Programme, SubTheme, SustainableDevelopmentGoal, Theme
from tests.admin_forms import admin_form_data
from tests.factories import DEFAULT_PASSWORD, FocusAreaFactory, ProgrammeFactory, UserFactory
from tests.html import page_text
from tests.programme.expected import PROGRAMME_SLUG
from tests.second_factor import log_in, second_factor_device, totp_code

pytestmark = pytest.mark.django_db

Status = Programme.Status

EDITABLE_MODELS = [Programme, FocusArea, Theme, SubTheme]


def admin_url(model, view, *args):
    return reverse(f"admin:programme_{model._meta.model_name}_{view}", args=args)


def published_programme():
    return Programme.objects.get(slug=PROGRAMME_SLUG)


def run_action(client, action, *programmes):
    return client.post(
        admin_url(Programme, "changelist"),
        {
            "action": action,
            "_selected_action": [programme.pk for programme in programmes],
            "index": 0,
            "select_across": 0,
        },
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"


def test_secretariat_logs_in_with_username_password_and_a_one_time_code(client, secretariat_user):
    device = second_factor_device(secretariat_user)
    login_page = client.get(reverse("admin:login"))
    client.post(
        reverse("admin:login"),
        {
            "username": secretariat_user.username,
            "password": DEFAULT_PASSWORD,
            "next": login_page.context["next"],
        },
    )
    response = client.post(
        reverse("accounts:second-factor-verify"),
        {"code": totp_code(device), "next": login_page.context["next"]},
        follow=True,
    )

    assert response.status_code == 200
    assert response.context["user"] == secretariat_user
    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_admin_index_lists_the_programme_models_for_the_secretariat(secretariat_client):
    response = secretariat_client.get(reverse("admin:index"))

    assert response.status_code == 200
    programme_app = next(
        app for app in response.context["app_list"] if app["app_label"] == "programme"
    )
    assert {
        model["object_name"]: model["perms"]["change"] for model in programme_app["models"]
    } == {
        "Programme": True,
        "FocusArea": True,
        "Theme": True,
        "SubTheme": True,
        "Commitment": True,
        "SustainableDevelopmentGoal": False,
    }


@pytest.mark.parametrize("model", EDITABLE_MODELS, ids=lambda model: model.__name__)
def test_secretariat_opens_changelist_and_change_page(secretariat_client, programme_fixture, model):
    obj = model.objects.order_by("pk").first()

    changelist = secretariat_client.get(admin_url(model, "changelist"))
    change = secretariat_client.get(admin_url(model, "change", obj.pk))

    assert changelist.status_code == 200
    assert str(obj) in page_text(changelist)
    assert change.status_code == 200
    assert change.context["original"] == obj


def test_programme_change_page_has_the_focus_areas_inline(secretariat_client, programme_fixture):
    response = secretariat_client.get(admin_url(Programme, "change", published_programme().pk))

    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert [formset.prefix for formset in formsets] == ["focus_areas"]
    assert formsets[0].initial_form_count() == 4


def test_secretariat_changes_the_introduction_and_the_public_page_shows_it(
    client, secretariat_client, programme_fixture
):
    programme = published_programme()
    change_url = admin_url(Programme, "change", programme.pk)
    form = secretariat_client.get(change_url)
    data = admin_form_data(form, introduction="Ny innledning med **fet** skrift.")
    assert data["focus_areas-TOTAL_FORMS"] == "4"

    response = secretariat_client.post(change_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    programme.refresh_from_db()
    assert programme.introduction == "Ny innledning med **fet** skrift."
    assert programme.status == Status.PUBLISHED
    assert programme.focus_areas.count() == 4
    public = client.get(programme.get_absolute_url())
    assert "<p>Ny innledning med <strong>fet</strong> skrift.</p>" in public.content.decode()
    assert "I Partnerskapsavtalen" not in page_text(public)


def test_status_cannot_be_changed_through_the_change_form(secretariat_client, programme_fixture):
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme
    change_url = admin_url(Programme, "change", draft.pk)
    data = admin_form_data(secretariat_client.get(change_url), status=Status.PUBLISHED)

    response = secretariat_client.post(change_url, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_secretariat_adds_a_sub_theme_that_the_public_sees(
    client, secretariat_client, programme_fixture
):
    theme = Theme.objects.get(slug="samarbeid")
    add_url = admin_url(SubTheme, "add")
    assert secretariat_client.get(add_url).status_code == 200

    response = secretariat_client.post(
        add_url, {"theme": theme.pk, "name": "Nytt delområde", "slug": "nytt-delomrade", "order": 4}
    )

    assert response.status_code == 302
    sub_theme = SubTheme.objects.get(slug="nytt-delomrade")
    assert sub_theme.theme == theme
    assert list(theme.sub_themes.order_by("order").values_list("name", flat=True)) == [
        "Felles mål",
        "Felles innsats",
        "Større region",
        "Nytt delområde",
    ]
    assert "Nytt delområde" in page_text(client.get(theme.focus_area.get_absolute_url()))


def test_a_duplicate_sub_theme_slug_is_shown_as_a_form_error(secretariat_client, programme_fixture):
    theme = Theme.objects.get(slug="samarbeid")

    response = secretariat_client.post(
        admin_url(SubTheme, "add"),
        {"theme": theme.pk, "name": "Felles mål igjen", "slug": "felles-mal", "order": 9},
    )

    assert response.status_code == 200
    assert "Et annet delområde under temaet har denne adressen." in page_text(response)
    assert theme.sub_themes.count() == 3


def test_publish_action_publishes_a_draft_and_archives_the_published_period(
    secretariat_client, programme_fixture
):
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme

    response = run_action(secretariat_client, "make_published", draft)

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert published_programme().status == Status.ARCHIVED
    assert messages_of(response) == ["1 handlingsprogram er endret."]


def test_publishing_a_programme_without_focus_areas_shows_an_error_and_changes_nothing(
    secretariat_client, programme_fixture
):
    empty = ProgrammeFactory(status=Status.DRAFT, title="Tomt utkast")

    response = run_action(secretariat_client, "make_published", empty)

    empty.refresh_from_db()
    assert empty.status == Status.DRAFT
    assert published_programme().status == Status.PUBLISHED
    assert messages_of(response) == [
        "«Tomt utkast» har ingen satsingsområder og kan ikke publiseres."
    ]
    assert [message.level_tag for message in response.context["messages"]] == ["error"]


@pytest.mark.parametrize(
    ("action", "status"),
    [("make_archived", Status.ARCHIVED), ("make_draft", Status.DRAFT)],
)
def test_archive_and_draft_actions_move_the_published_period(
    secretariat_client, programme_fixture, action, status
):
    run_action(secretariat_client, action, published_programme())

    assert published_programme().status == status


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_group_changelist",
        "admin:auth_group_add",
        "admin:programme_sustainabledevelopmentgoal_add",
    ],
)
def test_secretariat_is_refused_on_groups_and_adding_goals(secretariat_client, url_name):
    response = secretariat_client.get(reverse(url_name))

    assert response.status_code == 403


def test_secretariat_cannot_give_itself_superuser_or_permission_rights(
    secretariat_client, secretariat_user, secretariat_group
):
    admin_group = Group.objects.create(name="Administratorer")
    change_url = reverse("admin:auth_user_change", args=[secretariat_user.pk])

    secretariat_client.post(
        change_url,
        {
            "username": secretariat_user.username,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [secretariat_group.pk, admin_group.pk],
            "user_permissions": [Permission.objects.get(codename="change_group").pk],
        },
    )

    secretariat_user.refresh_from_db()
    assert secretariat_user.is_superuser is False
    assert list(secretariat_user.groups.all()) == [secretariat_group]
    assert not secretariat_user.user_permissions.exists()
    assert secretariat_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_secretariat_may_not_add_a_goal_by_posting(no_programme, secretariat_client):
    response = secretariat_client.post(
        admin_url(SustainableDevelopmentGoal, "add"), {"number": 3, "name": "Et mål"}
    )

    assert response.status_code == 403
    assert not SustainableDevelopmentGoal.objects.exists()


def test_secretariat_reads_but_may_not_change_a_goal(secretariat_client, programme_fixture):
    goal = SustainableDevelopmentGoal.objects.get(number=1)
    change_url = admin_url(SustainableDevelopmentGoal, "change", goal.pk)

    read = secretariat_client.get(change_url)
    write = secretariat_client.post(change_url, {"number": 1, "name": "Endret navn"})

    assert read.status_code == 200
    assert read.context["has_change_permission"] is False
    assert write.status_code == 403
    goal.refresh_from_db()
    assert goal.name == "Utrydde fattigdom"


def test_staff_user_outside_the_secretariat_sees_no_programme_admin(client):
    log_in(client, UserFactory(is_staff=True))

    assert client.get(reverse("admin:index")).context["app_list"] == []
    assert client.get(admin_url(Programme, "changelist")).status_code == 403


def test_view_on_site_leads_from_a_focus_area_to_its_public_page(
    secretariat_client, programme_fixture
):
    focus_area = FocusArea.objects.get(slug="diskusjonsarena")
    view_on_site = reverse(
        "admin:view_on_site",
        args=[ContentType.objects.get_for_model(FocusArea).pk, focus_area.pk],
    )
    change_page = secretariat_client.get(admin_url(FocusArea, "change", focus_area.pk))
    assert view_on_site in change_page.content.decode()

    response = secretariat_client.get(view_on_site, follow=True)

    assert response.redirect_chain[0][0].endswith(focus_area.get_absolute_url())
    assert response.request["PATH_INFO"] == focus_area.get_absolute_url()
    assert response.status_code == 200
    assert "Diskusjonsarena" in page_text(response)
