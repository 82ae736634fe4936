from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Registers the deploy check; the pages are served by the middleware, and the content
    version that invalidates them is set by the apps that register their content."""

    name = "hamarregion.page_cache"
    label = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        from . import checks  # noqa: F401 - registers the check
