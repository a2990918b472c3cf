"""«Публикации»: the curator writes the public section's items and settings."""

from django.urls import path

from reports.views import publications

urlpatterns = [
    path("publications/", publications.publication_list, name="publications"),
    path("publications/add/", publications.publication_add, name="publication_add"),
    path("publications/section/", publications.site_section, name="site_section"),
    path(
        "publications/from-pair/<int:pk>/<str:kind>/",
        publications.publication_from_pair,
        name="publication_from_pair",
    ),
    path(
        "publications/results/<int:start_year>/",
        publications.publication_results,
        name="publication_results",
    ),
    path("publications/<int:pk>/", publications.publication, name="publication"),
    path("publications/<int:pk>/edit/", publications.publication_edit, name="publication_edit"),
    path("publications/<int:pk>/delete/", publications.publication_delete, name="publication_delete"),
    path("publications/<int:pk>/files/", publications.file_add, name="publication_file_add"),
    path("publications/files/<int:pk>/", publications.file_download, name="publication_file"),
    path("publications/files/<int:pk>/delete/", publications.file_delete, name="publication_file_delete"),
]
