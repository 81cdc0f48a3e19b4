from django.contrib.auth.management import create_permissions
from django.db import migrations

from portal.lib.roles import roles_sync


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so
    # the groups get their rights on the very first `migrate`.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_sync(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("measures", "0002_default_policies"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
