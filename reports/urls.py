from django.urls import include, path

from reports.views import acts, roadmap

urlpatterns = [
    path("documents/", acts.act_list, name="acts"),
    path("documents/add/<str:kind>/", acts.act_add, name="act_add"),
    path("documents/<int:pk>/", acts.act, name="act"),
    path("documents/<int:pk>/edit/", acts.act_edit, name="act_edit"),
    path("documents/<int:pk>/members/", acts.act_members, name="act_members"),
    path("documents/<int:pk>/document.pdf", acts.act_pdf, name="act_pdf"),
    path("documents/<int:pk>/acquaintance.pdf", acts.acquaintance_pdf, name="act_acquaintance"),
    path("documents/<int:pk>/sign/", acts.act_sign, name="act_sign"),
    path("documents/<int:pk>/publish/", acts.act_publish, name="act_publish"),
    path("documents/<int:pk>/scan/", acts.act_scan, name="act_scan"),
    path("documents/<int:pk>/scan/download/", acts.act_scan_download, name="act_scan_download"),
    path("documents/<int:pk>/delete/", acts.act_delete, name="act_delete"),
    path("check/<uuid:token>/", acts.act_check, name="act_check"),
    path("documents/roadmap.pdf", roadmap.roadmap_pdf, name="roadmap_pdf"),
    path("", include("reports.printout_urls")),
    path("", include("reports.monitoring_urls")),
    path("", include("reports.export_urls")),
    path("", include("reports.completion_urls")),
    path("", include("reports.closing_urls")),
    path("", include("reports.publication_urls")),
    path("", include("reports.public_urls")),
]
