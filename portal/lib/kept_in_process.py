"""Values kept in this process's memory for keys that recur (the admin's app
lists and sidebars, the action bar's inputs, staff pages kept for their
viewer): at most `most` of them, the least recently used dropped first, so a
stream of unusual keys stays harmless. Shared by the threads of a process."""

import threading
from collections import OrderedDict


class KeptInProcess:
    def __init__(self, most):
        self.most = most
        self._values = OrderedDict()  # least recently used first
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            if key not in self._values:
                return default
            self._values.move_to_end(key)
            return self._values[key]

    def keep(self, key, value):
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.most:
                self._values.popitem(last=False)

    def get_or_keep(self, key, compute):
        """The value kept under `key`, else `compute()`'s, kept."""
        missing = object()
        value = self.get(key, missing)
        if value is missing:
            value = compute()  # outside the lock: a slow drawing holds no one up
            self.keep(key, value)
        return value

    def clear(self):
        with self._lock:
            self._values.clear()

    def values(self):
        with self._lock:
            return list(self._values.values())
