"""Helpers for the commitment tests."""


def focus_area_page(client, focus_area):
    return client.get(focus_area.get_absolute_url())
