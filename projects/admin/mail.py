"""Outgoing mail in admin (django-post-office): the secretariat reads what was sent and what
failed; only a superuser may change, resend or requeue a mail. The text of a mail that holds a
key to an account (the password reset link) is shown to no one."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from post_office.admin import EmailAdmin, LogAdmin, LogInline
from post_office.models import Attachment, Email, EmailTemplate, Log

from hamarregion.accounts import SECRET_BODY_HEADER

admin.site.unregister([Email, Log])


def has_secret_body(email) -> bool:
    return SECRET_BODY_HEADER in (email.headers or {})


@admin.display(description=_("tidspunkt"), ordering="date")
def logged_at(log):
    # post_office's Log.date, Email.last_updated and its message column have English names
    # that no catalogue translates: these columns name them in bokmål.
    return log.date


@admin.display(description=_("melding"))
def message_preview(log):
    return f"{log.message[:25]}..." if len(log.message) > 25 else log.message


class OutgoingMailLogInline(LogInline):
    readonly_fields = fields = [logged_at, "status", "exception_type", "message"]


@admin.register(Log)
class OutgoingMailLogAdmin(LogAdmin):
    list_display = [logged_at, "email", "status", message_preview]


@admin.register(Email)
class OutgoingMailAdmin(EmailAdmin):
    inlines = [OutgoingMailLogInline]  # the portal sends no attachments
    list_display = [
        "message_id_short",
        "to_display",
        "shortened_subject",
        "status",
        "updated_at",
        "scheduled_time",
        "use_template",
    ]

    @admin.display(description=_("meldings-ID"))
    def message_id_short(self, email):
        return self.truncated_message_id(email)

    @admin.display(description=_("sist endret"), ordering="last_updated")
    def updated_at(self, email):
        return email.last_updated

    def _get_object_or_deny(self, request, pk, permission="view"):
        # post_office's preview, image and resend pages looked the mail up first, so a user
        # without the permission got 404 for a free id and 403 for one in use.
        if not getattr(self, f"has_{permission}_permission")(request):
            raise PermissionDenied
        email = super()._get_object_or_deny(request, pk, permission)
        if has_secret_body(email):
            raise Http404
        return email

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and has_secret_body(obj):
            return fieldsets[:1]  # who, when and the status; not the subject and text
        return fieldsets

    def get_actions(self, request):
        # post_office's «requeue» sends a mail again and was offered to anyone who may view.
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            actions.pop("requeue", None)
        return actions


# The portal writes its mail from its own templates and sends no files: post_office's mail
# templates and attachments have nothing to show.
admin.site.unregister([EmailTemplate, Attachment])
