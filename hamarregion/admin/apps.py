from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin with the portal's site; a module of its own, since the site imports
    models and an app config is loaded before them."""

    default_site = "hamarregion.admin.site.PortalAdminSite"
