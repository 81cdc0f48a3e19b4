"""The admin's nav sidebar, drawn once per kind of staff member and place
(portal/admin_site.py)."""

from django import template
from django.contrib import admin

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_nav_sidebar(context):
    """Django's own admin/nav_sidebar.html, as the site keeps it."""
    sidebar = context.template.engine.get_template("admin/nav_sidebar.html")
    return admin.site.nav_sidebar(
        context["request"], context.get("available_apps"), lambda: sidebar.render(context)
    )
