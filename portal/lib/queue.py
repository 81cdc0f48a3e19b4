"""The durable task queue (django-tasks-db) that carries the portal's mail and
report rendering, under a Thai heading in the admin: the library's own label
is a fixed English string. Its worker: `manage.py db_worker` (make run starts
one)."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
