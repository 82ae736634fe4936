from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ..models import Membership

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["municipality"]
    verbose_name = _("kommune brukeren kan søke for")
    verbose_name_plural = _("kommuner brukeren kan søke for")


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Superusers manage everything; the secretariat manages the municipalities' applicant
    accounts only, and cannot give anyone staff, superuser, group or permission rights."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "memberships__municipality"]

    applicant_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personlige opplysninger"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Tilgang"), {"fields": ["is_active"]}),
        (_("Viktige datoer"), {"fields": ["last_login", "date_joined"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(is_staff=False, is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.applicant_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["last_login", "date_joined"]

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return self.list_filter
        return ["is_active", "memberships__municipality"]
