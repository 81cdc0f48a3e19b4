"""Where complaint attachments live: outside the public media root.

The location is read from settings on every access so that tests (and
deployments) that move PRIVATE_MEDIA_ROOT are followed.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="feedback.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
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


private_storage = PrivateStorage()
