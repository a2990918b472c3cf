"""Consents of a person: recorded and withdrawn by the curator; scans served only here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from mentoring import roles
from mentoring.models import AcademicYear, DataExport
from participants import access, uploads
from participants.consents import ConsentForm, ScanForm, WithdrawForm, attach_scan, withdraw
from participants.models import Consent, Person

curator_only = roles.role_required(roles.CURATOR)


@curator_only
def consent_add(request, pk):
    """participants/consent_form.html: a new consent of a person, with its scan."""
    person = get_object_or_404(Person, pk=pk)
    form = ConsentForm(request.POST or None, request.FILES or None, person=person)
    if form.is_valid() and (consent := form.record(request.user)):
        messages.success(request, f"Согласие {consent.get_kind_display()} записано.")
        return redirect(person)
    return render(request, "participants/consent_form.html", {"form": form, "person": person})


@curator_only
def consent_withdraw(request, pk):
    """participants/consent_withdraw.html: the date and grounds of a withdrawal."""
    consent = get_object_or_404(Consent.objects.select_related("person"), pk=pk)
    if not consent.is_active:
        messages.info(request, f"Согласие уже отозвано {consent.withdrawn_on:%d.%m.%Y}.")
        return redirect(consent.person)
    form = WithdrawForm(request.POST or None, consent=consent)
    if form.is_valid():
        if withdraw(consent, **form.cleaned_data):
            messages.success(request, f"Согласие {consent.get_kind_display()} отозвано.")
        else:
            messages.info(request, "Согласие уже отозвано.")
        return redirect(consent.person)
    return render(request, "participants/consent_withdraw.html", {"form": form, "consent": consent})


@login_required
@require_safe
def consent_scan(request, pk):
    """The scan as a download: for management, and for a class leader of the student's class."""
    year = AcademicYear.objects.from_request(request)
    # 403 for someone who sees no one, before anything about the consent is looked up
    people = access.people_for(request.user, year)
    if not access.reads_everyone(request.user):
        # A mentor reads their mentees' cards, not the papers their families signed.
        people = people.filter(school_class__in=access.led_classes(request.user, year))
    consent = get_object_or_404(Consent.objects.select_related("person").filter(person__in=people), pk=pk)
    person = consent.person
    response = uploads.serve(consent.scan, f"Согласие {person.short_name} {consent.given_on:%d.%m.%Y}")
    DataExport.log(request, f"Скан согласия {consent.get_kind_display()} ({person.full_name})")
    return response


@curator_only
def consent_scan_upload(request, pk):
    """participants/consent_scan_form.html: attach or replace the scan of a recorded consent."""
    consent = get_object_or_404(Consent.objects.select_related("person"), pk=pk)
    form = ScanForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        attach_scan(consent, form.cleaned_data["scan"])
        messages.success(request, f"Скан согласия {consent.get_kind_display()} сохранён.")
        return redirect(consent.person)
    return render(request, "participants/consent_scan_form.html", {"form": form, "consent": consent})
