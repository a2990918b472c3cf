"""The public «Наставничество» section of the school's site: pages anyone reads without logging in.

Nothing on these pages depends on who asks (no messages, no forms, no user menu), so browsers and
proxies may keep them for ``PUBLIC_CACHE_SECONDS`` (``public_page``). Who may appear on them is
decided by ``participants.publicity`` on every request, through ``reports.public``.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import decorator_from_middleware
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from mentoring import filetypes, markup, pdf
from mentoring.models import PublicationFile, School
from reports import documents, public
from reports.sitemaps import SITEMAPS

_conditional = decorator_from_middleware(ConditionalGetMiddleware)


def public_page(view):
    """GET (and HEAD) only; kept by any cache for anonymous visitors, privately for staff; an
    ETag (or the view's own) answers a repeated request with 304."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            response["Cache-Control"] = "private, max-age=0"
        else:
            response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
        return response

    return require_safe(_conditional(cached))


def _absolute(request, path):
    return settings.SITE_URL + path if settings.SITE_URL else request.build_absolute_uri(path)


def _render(request, template, context, current=None, path=None):
    """A public page: the section's contacts for the footer, the navigation, the canonical address."""
    return render(
        request,
        template,
        {
            **public.contacts(),
            **context,
            "navigation": public.NAVIGATION,
            "current": current,
            "canonical": _absolute(request, path or request.path),
            "feed_url": reverse("public_feed"),
        },
    )


@public_page
def home(request):
    """public/home.html: the intro, the sections, the latest news and announcements and the
    curator. Context: sections, latest, and the footer's site_section and curator_name."""
    context = {"sections": public.NAVIGATION, "latest": public.latest_news()}
    return _render(request, "public/home.html", context, current="")


@public_page
def programme(request):
    """public/programme.html: the Положение, the forms of mentoring and the current roadmap.
    Context: regulation (an act), forms, year, stages (each with ``items``), roadmap_order."""
    return _render(request, "public/programme.html", public.programme(), current=public.PROGRAMME.slug)


@public_page
def section(request, section):
    """public/documents.html (``dokumenty``: levels, each with its documents, and the school's
    acts) or public/section.html (a page of 10 publications of the section's kind, newest first).
    Context: section, and levels and acts, or page."""
    section = public.section_of(section)
    if section.kind == public.Kind.DOCUMENT:
        context = {"levels": public.documents_by_level(), "acts": public.with_public_headings(public.published_acts())}
        return _render(request, "public/documents.html", {"section": section, **context}, current=section.slug)
    items = public.visible(section.kind).only("kind", "title", "slug", "summary", "text", "event_date", "published_at")
    page = Paginator(items, public.PAGE_SIZE).get_page(request.GET.get("page"))
    path = request.path + (f"?page={page.number}" if page.number > 1 else "")
    context = {"section": section, "page": page}
    return _render(request, "public/section.html", context, current=section.slug, path=path)


@public_page
def item(request, section, slug):
    """public/item.html: a visible publication of the section's kind. Context: section,
    publication, images, attachments, file_url_name."""
    section = public.section_of(section)
    publication = get_object_or_404(public.visible(section.kind), slug=slug)
    files = list(publication.files.all())
    context = {
        "section": section,
        "publication": publication,
        "images": [attached for attached in files if attached.is_image],
        "attachments": [attached for attached in files if not attached.is_image],
        "file_url_name": "public_file",
    }
    return _render(request, "public/item.html", context, current=section.slug)


@public_page
def file(request, pk):
    """A file of a visible publication: a picture shown, anything else downloaded."""
    attached = get_object_or_404(PublicationFile.objects.filter(publication__in=public.visible()), pk=pk)
    response = filetypes.serve(attached.file, attached.file_name, inline=attached.is_image)
    # A stored file never changes (a new upload gets a new name), so its name tags it.
    response["ETag"] = f'"{hashlib.sha256(attached.file.name.encode()).hexdigest()[:32]}"'
    return response


@public_page
def act(request, slug):
    """public/act.html: a published act. Context: act (with ``public_heading``), names_hidden
    (the annex and some names are left out of its PDF), on_paper (no PDF in the system)."""
    found = public.with_public_headings([public.public_act(slug)])[0]
    context = {"act": found, "names_hidden": found.names_hidden, "on_paper": not found.pdf}
    return _render(request, "public/act.html", context, current="dokumenty")


@public_page
def act_pdf(request, slug):
    """The act's PDF: signed, or the copy for the site (``public.act_pdf``)."""
    found = public.public_act(slug)
    content = public.act_pdf(found, request)
    if content is None:
        raise Http404("Документ подписан на бумаге: его можно прочитать в школе.")
    return pdf.file_response(content, documents.filename(found))


@public_page
def sitemap(request):
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS)


@public_page
def robots(request):
    lines = [
        "User-agent: *",
        "Allow: /nastavnichestvo/",
        "Allow: /static/",
        "Disallow: /",
        f"Sitemap: {_absolute(request, reverse('public_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class NewsFeed(Feed):
    """The section's news and announcements as an Atom feed: the latest 20 visible ones."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__)(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return {"school": School.load(), "id": _absolute(request, reverse("public_feed"))}

    def title(self, obj):
        return f"Наставничество — {obj['school'].short_name or 'школа'}"

    def subtitle(self, obj):
        return "Новости и анонсы программы наставничества"

    def link(self, obj):
        return settings.SITE_URL + reverse("public_home")

    def feed_guid(self, obj):
        return obj["id"]

    def items(self, obj):
        kinds = [public.Kind.NEWS, public.Kind.ANNOUNCEMENT]
        return public.visible().filter(kind__in=kinds).order_by("-published_at", "-pk")[:20]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        # At SITE_URL when it is set; a path is completed with the request's host by the feed.
        return settings.SITE_URL + item.get_absolute_url()

    def item_description(self, item):
        return item.summary or markup.plain(item.text, 300)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
