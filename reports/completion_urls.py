from django.urls import path

from reports.views import best, mentor_base

urlpatterns = [
    path("monitoring/best/", best.best_practices, name="best_practices"),
    path("monitoring/best/<int:pk>/case/", best.best_case, name="best_case"),
    path("monitoring/mentor-base/", mentor_base.mentor_base_page, name="mentor_base"),
]
