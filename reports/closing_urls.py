from django.urls import path

from reports.views import closing

urlpatterns = [
    path("monitoring/close/", closing.year_close, name="year_close"),
]
