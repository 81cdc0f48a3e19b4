"""The durable task queue (django-tasks-db) that carries the portal's mail and
report rendering, under a Thai heading in the admin: the library's own label
is a fixed English string. Its worker: `manage.py db_worker` (make run starts
one)."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig

from portal.lib import roles


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


# Tasks about a sealed corruption report (its receipt, replies, reminders) wait
# on their own queue: their arguments and results name the case, and the queue's
# admin shows them to the integrity role only. The worker serves every queue.
SEALED_QUEUE = "sealed"


def task_results_visible_to(queryset, user):
    """Task results `user` may see in the admin: the sealed queue is the
    integrity role's alone (portal.lib.roles.in_sealed_role)."""
    if roles.in_sealed_role(user):
        return queryset
    return queryset.exclude(queue_name=SEALED_QUEUE)
