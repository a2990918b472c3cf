"""The production settings with the static files read from the apps and static/ (as in
development), so that the server the restart test starts needs no collectstatic."""

from mentoring.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
