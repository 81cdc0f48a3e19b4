"""Where complaint attachments live: never where the public can fetch them.

They are kept in the "private" storage of STORAGES: on one server a folder
outside the public media root (`PrivateStorage`, under PRIVATE_MEDIA_ROOT), on
several hosts a private prefix of the shared S3-compatible bucket. Either way
the only way out is the staff download view, which checks who asks.
"""

import contextlib
import os

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy

# A write the storage refused: the folder full or read-only on one server, the
# shared bucket unreachable, refusing or throttling on several hosts. Either
# way the citizen's text comes back and nothing is kept.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
# What the citizen is told then: a full or read-only store stays so for a
# while, so sending again at once fails again; sending without the files does not.
FILES_NOT_STORED = gettext_lazy(
    "We could not store the attached files just now, so nothing was saved. "
    "Your text is kept below: send it again later, or without the files."
)


@deconstructible(path="feedback.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """The one-server backend. Its folder is read from settings on every access,
    so tests and deployments that move PRIVATE_MEDIA_ROOT are followed."""

    @property
    def base_location(self):
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, "feedback")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; use the staff download view.")

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # A write cut short (the disk full) leaves a partial file under a
            # name nobody was given back, so nobody could clean it up later.
            # The name was free when chosen and the file is opened exclusively,
            # so a file there now is this write's own.
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise


class _ConfiguredPrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private = _ConfiguredPrivateStorage()


def private_storage():
    """The attachments' storage, as a callable so that migrations name this
    function rather than whichever backend the environment chose."""
    return _private


@receiver(setting_changed)
def _follow_changed_storages(*, setting, **kwargs):
    # As Django does for default_storage: a changed STORAGES takes effect.
    if setting == "STORAGES":
        _private._wrapped = empty
