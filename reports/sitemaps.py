"""The sitemap of the public «Наставничество» section: its fixed pages, sections, visible
publications and published acts."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reports import public


class PublicSitemap(Sitemap):
    """Addresses at ``SITE_URL`` when it is set (behind a proxy the request's own host is an
    internal one), else where the request came."""

    def get_urls(self, page=1, site=None, protocol=None):
        if settings.SITE_URL:
            address = urlsplit(settings.SITE_URL)
            site, protocol = SimpleNamespace(domain=address.netloc + address.path.rstrip("/")), address.scheme
        return super().get_urls(page=page, site=site, protocol=protocol)


class PagesSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return [("public_home", ()), ("public_programme", ())] + [
            ("public_section", (slug,)) for slug in public.SECTIONS
        ]

    def location(self, item):
        name, args = item
        return reverse(name, args=args)


class PublicationsSitemap(PublicSitemap):
    def items(self):
        return public.visible().only("kind", "slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class ActsSitemap(PublicSitemap):
    def items(self):
        return public.published_acts().only("slug", "published_at").order_by("-date", "-pk")

    def location(self, item):
        return reverse("public_act", args=[item.slug])

    def lastmod(self, item):
        return item.published_at


SITEMAPS = {"pages": PagesSitemap, "publications": PublicationsSitemap, "acts": ActsSitemap}
