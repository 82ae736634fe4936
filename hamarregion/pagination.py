"""Page by page lists that never answer an error for a bad page number."""


def page_range(page) -> list:
    """The page numbers the pagination include shows, with … for the long runs between."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


class TolerantPaginationMixin:
    """For a ListView: letters or nothing give the first page, a number past the end the last
    page, so an old shared link still shows a list instead of an error."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_range"] = page_range(context["page_obj"])
        return context
