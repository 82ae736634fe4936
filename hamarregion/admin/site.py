"""The portal's admin site: Django's, with a header naming whom it serves, and with no page that
tells a staff user whether an object they may not see exists."""

from django.contrib import admin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .names import NamedControlsAdminMixin

# What an app asks, besides Django's staff flag, of everyone who reaches admin (accounts: a
# second factor passed in this session). Registered from the app's AppConfig.ready().
_access_conditions = []


def require_for_admin(condition) -> None:
    """Admin answers a request only where condition(request) is true as well."""
    if condition not in _access_conditions:
        _access_conditions.append(condition)


# Headers for the roles an app knows of (projects: the council), as (applies, header) pairs,
# registered from the app's AppConfig.ready(); the first that applies to a request wins.
_role_headers = []


def register_role_header(applies, header) -> None:
    """Admin's header reads `header` for a request where applies(request) is true."""
    if (applies, header) not in _role_headers:
        _role_headers.append((applies, header))


def role_header(request):
    """The header registered for the request's user's role, or None for the site's own."""
    for applies, header in _role_headers:
        if applies(request):
            return header
    return None


class ConcealingAdminMixin:
    """Django's history view (and simple_history's) looks the object up before it checks the
    permission, so a user without it got 403 for an id in use and a redirect or 404 for one
    that is not. Checked first here, every id gets the same answer."""

    def may_read_history(self, request) -> bool:
        check = getattr(self, "has_view_history_or_change_history_permission", None)
        return check(request) if check else self.has_view_or_change_permission(request)

    def history_view(self, request, object_id, extra_context=None):
        if not self.may_read_history(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self.may_read_history(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class PortalAdminSite(admin.AdminSite):
    site_header = _("Hamarregionen IPR – sekretariatet")
    site_title = _("Hamarregionen IPR")
    index_title = _("Administrasjon")

    def each_context(self, request):
        context = super().each_context(request)
        header = role_header(request)
        if header is not None:
            context["site_header"] = header
        return context

    def has_permission(self, request):
        return super().has_permission(request) and all(
            condition(request) for condition in _access_conditions
        )

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, the contrib and third-party apps' included, conceals as above and
        names its form controls (hamarregion/admin/names.py)."""
        admin_class = admin_class or admin.ModelAdmin
        mixins = tuple(
            mixin
            for mixin in (ConcealingAdminMixin, NamedControlsAdminMixin)
            if not issubclass(admin_class, mixin)
        )
        if mixins:
            admin_class = type(
                admin_class.__name__, (*mixins, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        shortcut = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            shortcut if getattr(pattern, "name", None) == "view_on_site" else pattern
            for pattern in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's shortcut answers anyone who reaches the admin whether any object exists; here
        only an object the user may see in this admin is followed to its page, and every other
        id is a plain 404."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        try:
            obj = model_admin.get_queryset(request).get(pk=object_id)
        except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
            raise Http404 from None
        if not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)
