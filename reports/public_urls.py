"""The public «Наставничество» section: pages anyone reads without logging in."""

from django.urls import path

from reports.views import public

urlpatterns = [
    path("robots.txt", public.robots, name="robots"),
    path("nastavnichestvo/", public.home, name="public_home"),
    path("nastavnichestvo/programma/", public.programme, name="public_programme"),
    path("nastavnichestvo/novosti.atom", public.NewsFeed(), name="public_feed"),
    path("nastavnichestvo/sitemap.xml", public.sitemap, name="public_sitemap"),
    path("nastavnichestvo/prikazy/<slug:slug>/", public.act, name="public_act"),
    path("nastavnichestvo/prikazy/<slug:slug>.pdf", public.act_pdf, name="public_act_pdf"),
    path("nastavnichestvo/faily/<int:pk>/", public.file, name="public_file"),
    path("nastavnichestvo/<slug:section>/", public.section, name="public_section"),
    path("nastavnichestvo/<slug:section>/<slug:slug>/", public.item, name="public_item"),
]
