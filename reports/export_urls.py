from django.urls import path

from reports.views import exports

urlpatterns = [
    path("monitoring/reports/", exports.reports_page, name="monitoring_reports"),
    path("monitoring/reports/year.xlsx", exports.year_report, name="year_report"),
    path("monitoring/reports/regional.xlsx", exports.regional_report, name="regional_report"),
    path("monitoring/reports/indicators/", exports.indicator_list, name="indicators"),
    path("monitoring/reports/indicators/add/", exports.indicator_add, name="indicator_add"),
    path("monitoring/reports/indicators/fill/", exports.indicators_fill, name="indicators_fill"),
    path("monitoring/reports/indicators/<int:pk>/", exports.indicator_edit, name="indicator_edit"),
    path("monitoring/reports/indicators/<int:pk>/delete/", exports.indicator_delete, name="indicator_delete"),
    path(
        "monitoring/reports/indicators/<int:pk>/move/<str:direction>/",
        exports.indicator_move,
        name="indicator_move",
    ),
]
