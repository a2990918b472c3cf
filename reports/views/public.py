"""The public «Наставничество» section (being written)."""

from django.contrib.syndication.views import Feed
from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


robots = home = programme = sitemap = act = act_pdf = file = section = item = _missing


class NewsFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        raise Http404
