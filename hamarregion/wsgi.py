"""
WSGI config for hamarregion project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

from hamarregion.request_limits import limit_chunked_body

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamarregion.settings")

# A chunked body is read here up to the limit, so that Django sees its length and can refuse it.
application = limit_chunked_body(get_wsgi_application())
