"""The sitemap of the public «Наставничество» section: its fixed pages, sections, visible
publications and published acts."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reports import public


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [("public_home", ()), ("public_programme", ())] + [
            ("public_section", (slug,)) for slug in public.SECTIONS
        ]

    def location(self, item):
        name, args = item
        return reverse(name, args=args)


class PublicationsSitemap(Sitemap):
    def items(self):
        return public.visible().only("kind", "slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class ActsSitemap(Sitemap):
    def items(self):
        return public.published_acts().only("slug", "published_at").order_by("-date", "-pk")

    def location(self, item):
        return reverse("public_act", args=[item.slug])

    def lastmod(self, item):
        return item.published_at


SITEMAPS = {"pages": PagesSitemap, "publications": PublicationsSitemap, "acts": ActsSitemap}
