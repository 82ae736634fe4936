"""The client's address behind the trusted reverse proxies.

Behind reverse proxies REMOTE_ADDR is the nearest proxy's address, and every visitor would share
it (one attacker would lock everyone out). DJANGO_TRUSTED_PROXY_COUNT names how many proxies in
front of the portal append to X-Forwarded-For (1 for one nginx with $proxy_add_x_forwarded_for);
the client is then the entry that many places from the right. Entries further left are whatever
the client sent and are never trusted. django-ipware is not installed, so axes' AXES_IPWARE_*
settings would have no effect: settings.AXES_CLIENT_IP_CALLABLE names this function.
"""

from django.conf import settings


def client_ip_address(request) -> str | None:
    count = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR")
    forwarded = [
        item.strip()
        for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if item.strip()
    ]
    if count <= 0 or len(forwarded) < count:
        return remote_addr
    return forwarded[-count]
