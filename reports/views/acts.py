"""The register of documents: «Документы».

The curator drafts, edits and deletes drafts, chooses the pairs or mentors an order names and
publishes signed documents; the administration signs. Both read the register and every PDF;
nobody else sees it. The check page a document's QR code opens is public and shows only the
kind, number, date and status.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring import roles
from mentoring.models import AcademicYear, DataExport, NormativeAct
from participants.uploads import serve
from participants.views.people import paginate, query_without_page
from reports import documents, kinds
from reports.filters import ActFilter
from reports.forms import CONTENT_FORMS, ActForm, NewActForm, ScanForm, SignForm, agenda, agenda_formset

Kind = NormativeAct.Kind
curator = roles.role_required(roles.CURATOR)
management = roles.role_required(*roles.MANAGEMENT)
signer = roles.role_required(roles.ADMINISTRATION)


def _act(pk, *, draft=None):
    act = get_object_or_404(NormativeAct.objects.select_related("year", "signed_by", "created_by"), pk=pk)
    if draft is True and not act.is_draft:
        raise PermissionDenied
    return act


def _refuse(request, act, error):
    messages.error(request, str(error))
    return redirect(act)


@management
def act_list(request):
    """reports/acts.html: the register of the year, newest first, with filters."""
    year = AcademicYear.objects.from_request(request)
    acts = NormativeAct.objects.filter(year=year).select_related("signed_by") if year else NormativeAct.objects.none()
    act_filter = ActFilter(request.GET, queryset=acts)
    page = paginate(request, act_filter.qs)
    return render(
        request,
        "reports/acts.html",
        {
            "year": year,
            "filter": act_filter,
            "page": page,
            "query": query_without_page(request),
            "kinds": kinds.KINDS.values(),
            "is_curator": roles.has_role(request.user, roles.CURATOR),
        },
    )


@curator
def act_add(request, kind):
    """A new draft: the number proposed, the text from the kind's defaults, edited next."""
    if kind not in Kind.values:
        raise Http404("Нет такого вида документа.")
    year = AcademicYear.objects.from_request(request)
    if year is None:
        messages.error(request, "Сначала создайте учебный год.")
        return redirect("acts")
    today = timezone.localdate()
    form = NewActForm(request.POST or None, initial={"number": documents.next_number(kind, today), "date": today})
    if form.is_valid():
        try:
            act, created = documents.create_draft(
                year, kind, request.user, form.cleaned_data["number"].strip(), form.cleaned_data["date"]
            )
        except documents.Refused as error:
            form.add_error("number", str(error))
        else:
            if created:
                messages.success(request, "Черновик создан из типового текста: проверьте и дополните его.")
            return redirect("act_edit", act.pk)
    return render(request, "reports/act_add.html", {"form": form, "kind": kinds.of(kind), "year": year})


@management
def act(request, pk):
    """reports/act.html: a document's requisites, status, what it names and what can be done with it."""
    act = _act(pk)
    kind = kinds.of(act)
    context = {
        "act": act,
        "kind": kind,
        "is_curator": roles.has_role(request.user, roles.CURATOR),
        "is_signer": roles.has_role(request.user, roles.ADMINISTRATION),
    }
    if act.is_draft:
        annex = kind.annex(act)
        context["problems"] = documents.problems(act, annex)
        if not kind.selects:  # an order listing pairs or mentors shows them in the table to choose from
            context["people"] = kind.people(act, annex)
        context["sign_form"] = SignForm(act=act)
        if kind.selects:
            chosen = set(kind.selected(act).values_list("pk", flat=True))
            context["candidates"] = [(candidate, candidate.pk in chosen) for candidate in _candidates(kind, act)]
    else:
        context["people"] = act.people
        context["scan_form"] = ScanForm()
    return render(request, "reports/act.html", context)


def _candidates(kind, act):
    candidates = kind.candidates(act)
    if kind.selects == "mentorships":
        return candidates.for_list().order_by("mentor__person__last_name", "pk")
    return candidates.select_related("person__school_class").order_by("person__last_name", "person__first_name")


@curator
def act_edit(request, pk):
    act = _act(pk, draft=True)
    form = ActForm(request.POST or None, instance=act, kind=act.kind, act=act)
    content_class = CONTENT_FORMS.get(act.kind)
    content_form = content_class(request.POST or None, act=act) if content_class else None
    formset = agenda_formset(act, request.POST or None)
    parts = [part for part in (form, content_form, formset) if part is not None]
    if request.method == "POST" and all(part.is_valid() for part in parts):
        with transaction.atomic():
            act = NormativeAct.objects.select_for_update().get(pk=act.pk)
            if not act.is_draft:
                return _refuse(request, act, "Документ уже подписан: изменить его нельзя.")
            form.instance = act
            for name in form.cleaned_data:
                setattr(act, name, form.cleaned_data[name])
            if content_form is not None:
                _apply_choices(request, act, content_form.content())
            if formset is not None:
                act.content["agenda"] = agenda(formset)
            act.save()
        messages.success(request, "Сохранено.")
        return redirect(act)
    return render(
        request,
        "reports/act_form.html",
        {"act": act, "kind": kinds.of(act), "form": form, "content_form": content_form, "formset": formset},
    )


def _apply_choices(request, act, choices):
    """Store the kind's choices (the curator, the event). Items still as the defaults wrote them
    for the previous choice are written again for the new one; items edited by hand are kept."""
    before = dict(act.content)
    act.content = {**before, **choices}
    if act.content == before:
        return
    kind = kinds.of(act)
    if act.items == kind.defaults(act.year, before)["items"]:
        act.items = kind.defaults(act.year, act.content)["items"]
    else:
        messages.warning(request, "Пункты изменены вручную: проверьте, что в них указан новый выбор.")


@curator
@require_POST
def act_members(request, pk):
    """Choose the pairs and groups, or the mentors, a draft order names."""
    act = _act(pk, draft=True)
    kind = kinds.of(act)
    if not kind.selects:
        raise Http404("Этот документ не перечисляет пары или наставников.")
    with transaction.atomic():
        act = NormativeAct.objects.select_for_update().get(pk=act.pk)
        if not act.is_draft:
            return _refuse(request, act, "Документ уже подписан: изменить его нельзя.")
        ids = {value for value in request.POST.getlist("chosen") if value.isascii() and value.isdigit()}
        chosen = list(kind.candidates(act).filter(pk__in=ids))
        kind.select(act, chosen)
    messages.success(request, f"В приказе: {len(chosen)}.")
    return redirect(act)


@management
def act_pdf(request, pk):
    """The document: the stored PDF of a signed one, the live draft otherwise."""
    act = _act(pk)
    response = documents.pdf_response(act, request)  # 404 for an act signed on paper: nothing to log
    if act.is_draft or act.people:  # a draft's annex may name people
        draft = ", проект" if act.is_draft else ""
        DataExport.log(request, f"{documents.filename(act)}{draft} (PDF)", len(act.people) or None)
    return response


@management
def acquaintance_pdf(request, pk):
    act = _act(pk)
    if act.is_protocol:
        raise Http404("Лист ознакомления составляется к приказу.")
    DataExport.log(request, f"Лист ознакомления. {documents.filename(act)} (PDF)")
    return documents.acquaintance_response(act, request)


@signer
@require_POST
def act_sign(request, pk):
    act = _act(pk)
    form = SignForm(request.POST, act=act)
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        return _refuse(request, act, f"Не подписано. {errors}")
    try:
        act = documents.sign(act, request.user, form.cleaned_data["number"], form.cleaned_data["date"], request)
    except documents.Refused as error:
        return _refuse(request, act, error)
    messages.success(request, f"Подписан: {act.label}. PDF сохранён и больше не изменится.")
    return redirect(act)


@curator
@require_POST
def act_publish(request, pk):
    act = _act(pk)
    try:
        documents.publish(act)
    except documents.Refused as error:
        return _refuse(request, act, error)
    messages.success(request, "Опубликован.")
    return redirect(act)


@management
@require_POST
def act_scan(request, pk):
    act = _act(pk)
    if act.is_draft:
        return _refuse(request, act, "Скан прикладывается к подписанному документу.")
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refuse(request, act, " ".join(form.errors["scan"]))
    documents.attach_scan(act, form.cleaned_data["scan"])
    messages.success(request, "Скан сохранён.")
    return redirect(act)


@management
def act_scan_download(request, pk):
    act = _act(pk)
    response = serve(act.scan, f"{documents.filename(act)} (скан)")  # 404 without a scan: nothing to log
    DataExport.log(request, f"Скан: {documents.filename(act)}")
    return response


@curator
@require_POST
def act_delete(request, pk):
    act = _act(pk)
    try:
        documents.delete_draft(act)
    except documents.Refused as error:
        return _refuse(request, act, error)
    messages.success(request, "Черновик удалён.")
    return redirect("acts")


def act_check(request, token):
    """The public check page: is there such a document, and is it signed. No names, no text."""
    act = get_object_or_404(NormativeAct.objects.only("kind", "number", "date", "status"), token=token)
    return render(request, "reports/check.html", {"act": act})
