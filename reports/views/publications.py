"""«Публикации»: what the public «Наставничество» section shows. The curator writes the
publications, their files and the section's settings; the administration reads them all (the
settings too, without changing them). Files are private: ``file_download`` serves them to both,
drafts' files included, so that a draft can be checked before it is published."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring import filetypes, roles
from mentoring.models import AcademicYear, Publication, PublicationFile, SiteSection
from pairs.models import Mentorship
from participants.views.people import query_without_page
from reports import publishing
from reports.publication_forms import PublicationFileForm, PublicationFilterForm, PublicationForm, SiteSectionForm

PAGE_SIZE = 50
management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)
DRAFTS = {"case": publishing.draft_case, "best_mentor": publishing.draft_best_mentor}


def _publication(pk):
    return get_object_or_404(Publication.objects.select_related("year", "created_by"), pk=pk)


def _card_url(publication, anchor=""):
    return reverse("publication", args=[publication.pk]) + anchor


@management
def publication_list(request):
    """reports/publications/list.html: search in titles, filters by kind and state, pages of 50."""
    filter_form = PublicationFilterForm(request.GET)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    queryset = publishing.search(publishing.for_list(), data.get("q", ""), data.get("kind", ""), data.get("state", ""))
    return render(
        request,
        "reports/publications/list.html",
        {
            "filter_form": filter_form,
            "filters": data,
            "page": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query_without_page(request),
            "can_edit": roles.has_role(request.user, roles.CURATOR),
        },
    )


def _add(request, initial, source=None):
    """reports/publications/form.html: a new publication, blank or from a draft (``source``:
    the pair or year it was made from); nothing is stored until the form is sent."""
    form = PublicationForm(request.POST or None, initial=initial)
    if form.is_valid():
        publication, created = publishing.create(form.save(commit=False), form.marks(), request.user)
        if created:
            messages.success(request, "Публикация сохранена.")
        else:
            messages.info(request, "Такая публикация только что сохранена — повторная отправка не сохранена.")
        return redirect(_card_url(publication))
    return render(request, "reports/publications/form.html", {"form": form, "source": source})


@curator
def publication_add(request):
    return _add(request, {"year": AcademicYear.objects.current_for(request)})


@curator
def publication_from_pair(request, pk, kind):
    """A case or a «best mentor» publication begun from a pair's data; a mentor whose consent
    does not allow their name sends the curator back to the pair."""
    if kind not in DRAFTS:
        raise Http404("Из пары начинают только кейс или публикацию о лучшем наставнике.")
    mentorship = get_object_or_404(Mentorship.objects.select_related("year"), pk=pk)
    initial = {}
    try:
        if request.method != "POST":
            initial = DRAFTS[kind](mentorship)
        elif kind == "best_mentor":
            publishing.require_named_mentor(mentorship)
    except publishing.Refused as refusal:
        messages.error(request, refusal.args[0])
        return redirect(mentorship)
    return _add(request, initial, source=mentorship)


@curator
def publication_results(request, start_year):
    """The year's results begun from the monitoring's figures."""
    year = get_object_or_404(AcademicYear, start_year=start_year)
    return _add(request, publishing.draft_results(year) if request.method != "POST" else {}, source=year)


@curator
def publication_edit(request, pk):
    """reports/publications/form.html: a publication changed, people without consent listed apart."""
    publication = _publication(pk)
    form = PublicationForm(request.POST or None, instance=publication)
    if form.is_valid():
        publishing.update(form.save(commit=False), form.marks())
        messages.success(request, "Публикация сохранена.")
        return redirect(_card_url(publication))
    return render(request, "reports/publications/form.html", {"form": form, "publication": publication})


def _card(request, publication, file_form=None):
    """reports/publications/card.html: the state (with whom the consent does not cover), the
    text as the site shows it, the people, the files and the upload form."""
    files = list(publication.files.all())
    people = list(publishing.appearances(publication))
    uncovered = [(item, publishing.marks_text(publishing.uncovered_marks(item))) for item in people]
    uncovered = [(item, missing) for item, missing in uncovered if missing]
    can_edit = roles.has_role(request.user, roles.CURATOR)
    return render(
        request,
        "reports/publications/card.html",
        {
            "publication": publication,
            "images": [item for item in files if item.is_image],
            "attachments": [item for item in files if not item.is_image],
            "files": files,
            "people": people,
            "uncovered": uncovered,
            "visible": publication.is_published and not uncovered,
            "can_edit": can_edit,
            "file_form": (file_form or PublicationFileForm()) if can_edit else None,
            "file_url_name": "publication_file",
        },
    )


@management
def publication(request, pk):
    return _card(request, _publication(pk))


@curator
def publication_delete(request, pk):
    """reports/publications/delete.html asks first; the POST deletes the publication and its files."""
    publication = _publication(pk)
    if request.method == "POST":
        publishing.delete(publication)
        messages.success(request, f"Публикация «{publication.title}» удалена.")
        return redirect("publications")
    return render(
        request,
        "reports/publications/delete.html",
        {"publication": publication, "file_count": publication.files.count()},
    )


@curator
@require_POST
def file_add(request, pk):
    publication = _publication(pk)
    form = PublicationFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _card(request, publication, file_form=form)
    data = form.cleaned_data
    item, created = publishing.add_file(
        publication, data["file"], data["title"].strip(), data["alt"].strip(), form.image
    )
    if created:
        messages.success(request, f"Файл «{item.file_name}» добавлен.")
    else:
        messages.info(request, "Этот файл только что добавлен — повторная отправка не сохранена.")
    return redirect(_card_url(publication, "#files"))


@management
def file_download(request, pk):
    """Any publication's file, drafts' too, under the name it was uploaded with."""
    item = get_object_or_404(PublicationFile.objects.only("file", "file_name"), pk=pk)
    return filetypes.serve(item.file, item.file_name)


@curator
@require_POST
def file_delete(request, pk):
    item = get_object_or_404(PublicationFile.objects.select_related("publication"), pk=pk)
    publishing.delete_file(item)
    messages.success(request, f"Файл «{item.file_name}» удалён.")
    return redirect(_card_url(item.publication, "#files"))


@management
def site_section(request):
    """reports/publications/section.html: the section's text and contacts — a form for the
    curator, the stored settings for the administration to read."""
    section = SiteSection.load()
    can_edit = roles.has_role(request.user, roles.CURATOR)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = SiteSectionForm(request.POST or None, instance=section) if can_edit else None
    if form is not None and form.is_valid():
        publishing.save_section(form.cleaned_data)
        messages.success(request, "Настройки раздела сохранены.")
        return redirect("site_section")
    return render(
        request,
        "reports/publications/section.html",
        {
            "section": section,
            "form": form,
            "can_edit": can_edit,
            "curator_person": publishing.curator_person(section.curator),
        },
    )
