from django.apps import AppConfig


class BackupConfig(AppConfig):
    """No models: an app only so that backup_portal and restore_portal, which cover every app,
    live in the kernel rather than in one of the apps."""

    name = "hamarregion.backup"
    label = "backup"
    verbose_name = "Backup and restore"
