from django.urls import path

from reports.views import monitoring

urlpatterns = [
    path("monitoring/", monitoring.dashboard, name="monitoring"),
    path("monitoring/pairs/", monitoring.pair_figures, name="monitoring_pairs"),
    path("monitoring/swot/", monitoring.swot, name="monitoring_swot"),
    path("monitoring/settings/", monitoring.settings_edit, name="monitoring_settings"),
    path("monitoring/completion/", monitoring.completion, name="completion"),
]
