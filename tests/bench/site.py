"""Settings of the pages benchmark's own server: the portal's settings with
the bench's URLconf (tests/bench/urls.py). Never used by the product.

    DJANGO_SETTINGS_MODULE=tests.bench.site gunicorn portal.wsgi
"""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
# Production serves static files through whitenoise's manifest; the bench
# asks only for HTML, so it needs no collected (hashed) files.
STORAGES = STORAGES | {  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
