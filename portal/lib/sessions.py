"""Sessions kept in the database that neither fail a citizen's form while the
database is away nor write the same session twice.

Every request from a browser holding a session cookie reads its session before
the view runs (the staff second-factor check asks who the user is). With the
database away or restarting, Django's own store raises there, and a citizen
who filed a case earlier got the bare error page instead of their form back.
Here the unreadable session reads as empty for that one request: the visitor
is anonymous, the view runs and answers with its own Thai "send it again"
page; the cookie is kept, and the session is never written over while it
could not be read (that would drop a staff sign-in or a citizen's receipts).

A view that must save the session itself, before its answer leaves (the case
receipt: the case is stored, so a database lost after the commit must not
turn it into an error), saves once; the save that SessionMiddleware makes
after the view then finds nothing new and does not write again.
"""

import copy
import logging

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError

logger = logging.getLogger(__name__)


class SessionStore(DatabaseSessionStore):
    unreadable = False  # True once the database could not give this session back
    _written = None  # what this store last wrote in this request, to skip writing it again

    def load(self):
        try:
            data = super().load()
        except DatabaseError:
            logger.warning("session could not be read: the database is away")
            self.unreadable = True
            return {}
        return data

    def save(self, must_create=False):
        if self.unreadable:
            # Raised as Django's store raises a failed update, so callers
            # handle both alike (SessionMiddleware answers it with a 400).
            raise UpdateError
        data = self._get_session(no_load=must_create)
        if not must_create and self.session_key is not None and data == self._written:
            return
        super().save(must_create=must_create)
        self._written = copy.deepcopy(data)
