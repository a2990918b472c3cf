from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mentoring import views
from mentoring.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("roadmap/", views.roadmap_page, name="roadmap"),
    path("roadmap/<int:start_year>/create/", views.roadmap_create, name="roadmap_create"),
    path("roadmap/<int:start_year>/copy/", views.roadmap_copy, name="roadmap_copy"),
    path("roadmap/stages/<int:stage_pk>/add/", views.activity_create, name="activity_create"),
    path("roadmap/activities/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("roadmap/activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("roadmap/activities/<int:pk>/done/", views.activity_done, name="activity_done"),
    path("roadmap/activities/<int:pk>/reopen/", views.activity_reopen, name="activity_reopen"),
    path("years/", views.years, name="years"),
    path("years/add/", views.year_add, name="year_add"),
    path("years/<int:start_year>/current/", views.year_make_current, name="year_make_current"),
    path("school/", views.school_edit, name="school"),
    path("", include("mentoring.material_urls")),
    path("", include("mentoring.audit_urls")),
    path("", include("participants.urls")),
    path("", include("surveys.urls")),
    path("", include("pairs.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
]
