from django.urls import path

from mentoring import audit_views as views

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
]
