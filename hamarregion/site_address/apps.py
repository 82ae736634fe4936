from django.apps import AppConfig


class SiteAddressConfig(AppConfig):
    """Registers the deploy check; the address itself is read by `site_address()`."""

    name = "hamarregion.site_address"
    label = "site_address"
    verbose_name = "Site address"

    def ready(self):
        from . import checks  # noqa: F401 - registers the check
