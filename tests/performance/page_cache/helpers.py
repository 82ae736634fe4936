"""What the page cache tests share: the pages they visit, the header that tells a hit from a
miss, and the settings of a Redis cache."""

from tests.programme.expected import PROGRAMME_SLUG

HEADER = "X-Page-Cache"
FOCUS_AREA_SLUG = "befolkningsvekst"
PROGRAMME_PATH = f"/handlingsprogram/{PROGRAMME_SLUG}/"
FOCUS_AREA_PATH = f"{PROGRAMME_PATH}{FOCUS_AREA_SLUG}/"
REDIS_DOWN = "redis://127.0.0.1:1/0"


def redis_cache_settings(location, key_prefix="test-page-cache"):
    return {
        "default": {
            "BACKEND": "hamarregion.shared_cache.SharedClientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
