"""Logs that are evidence: rows are added, never changed or deleted."""


class AppendOnly:
    """Mixed into a model before models.Model: saving an existing row or
    deleting one raises, whoever asks (the admin offers neither either)."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{type(self).__name__} rows are append-only")
