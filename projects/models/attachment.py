import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hamarregion.fields import SingleLineCharField

from .application import Application


class PrivateStorage(FileSystemStorage):
    """Files outside the public static and media URL space: served only through a view that
    checks permission (projects.views.attachments). The folder is read from the settings at
    use, so that neither migrations nor tests pin one machine's path."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; Attachment.get_absolute_url is the view.")


private_storage = PrivateStorage()


def attachment_path(instance, filename):
    # The user's file name never becomes a path: a random name keeps only a checked suffix.
    suffix = PurePath(filename).suffix.lower()
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class StoredUpload(models.Model):
    """A privately stored upload and what is known of it: the fields every model that keeps
    documents has, filled in by projects.services.uploads.store_with_file once the upload has
    passed its checks. The models add what the file belongs to."""

    file = models.FileField(_("fil"), upload_to=attachment_path, storage=private_storage)
    original_name = SingleLineCharField(_("filnavn"), max_length=255)
    content_type = models.CharField(_("filtype"), max_length=100)
    size = models.PositiveIntegerField(_("størrelse (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("lastet opp av"),
    )
    uploaded_at = models.DateTimeField(_("lastet opp"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


class Attachment(StoredUpload):
    """A document (vedlegg) belonging to an application, to its final report or to an appeal."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("Søknad")
        FINAL_REPORT = "final_report", _("Sluttrapport")
        APPEAL = "appeal", pgettext_lazy("appeal", "Klage")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("søknad"),
    )
    kind = models.CharField(
        _("hører til"), max_length=20, choices=Kind.choices, default=Kind.APPLICATION
    )

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ["application", "uploaded_at", "pk"]

    def get_absolute_url(self):
        return reverse(
            "projects:attachment-download",
            kwargs={"application_pk": self.application_id, "pk": self.pk},
        )
