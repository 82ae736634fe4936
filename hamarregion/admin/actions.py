from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from hamarregion.ui import service_error_message


def service_action(
    run: Callable,
    *,
    name: str,
    description,
    done_message: Callable,
    permissions=("change",),
    as_user: bool = False,
    with_request: bool = False,
):
    """An admin action that runs a service on each selected row through run(obj), or with
    `as_user` run(obj, user) for a service that checks who acts, or with `with_request`
    run(obj, request) for one that also records where the request came from, reporting each
    refusal (the service's ValidationError) by itself and then how many rows were changed:
    done_message(count), a text with %(count)d."""

    @admin.action(description=description, permissions=list(permissions))
    def action(modeladmin, request, queryset):
        changed = 0
        for obj in queryset:
            try:
                if with_request:
                    run(obj, request)
                elif as_user:
                    run(obj, request.user)
                else:
                    run(obj)
            except ValidationError as error:
                modeladmin.message_user(request, service_error_message(error), messages.ERROR)
            else:
                changed += 1
        if changed:
            modeladmin.message_user(
                request, done_message(changed) % {"count": changed}, messages.SUCCESS
            )

    action.__name__ = name
    return action
