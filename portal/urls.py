from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from portal import todo, views
from portal.sitemaps import SITEMAPS

handler404 = "portal.views.page_not_found"

urlpatterns = [
    path("", include("portal.site_urls")),
    path("", include("measures.urls")),
    path("", include("feedback.urls")),
    path("", include("surveys.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("admin/second-factor/", include("portal.second_factor.urls")),
    # The staff's to-do list sits in the admin, behind its sign-in.
    path("admin/todo/", admin.site.admin_view(todo.current_year_todo), name="staff_todo_current"),
    path("admin/todo/<int:year>/", admin.site.admin_view(todo.year_todo), name="staff_todo"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
