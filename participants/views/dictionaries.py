"""The editable dictionaries (forms of mentoring, kinds of teachers' mentoring) and the export log."""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mentoring import roles
from participants.forms import MentoringFormForm, MentoringKindForm
from participants.models import Mentee, MentoringForm, MentoringKind, RoleModel
from participants.views.people import curator_only

management = roles.role_required(*roles.MANAGEMENT)


@management
def forms_list(request):
    """participants/mentoring_forms.html: the forms of mentoring with their role models."""
    forms = MentoringForm.objects.prefetch_related("role_models")
    kinds = MentoringKind.objects.all()
    return render(request, "participants/mentoring_forms.html", {"forms": forms, "kinds": kinds})


@curator_only
def form_add(request):
    return _edit_form(request, MentoringForm())


@curator_only
def form_edit(request, pk):
    return _edit_form(request, get_object_or_404(MentoringForm, pk=pk))


def _edit_form(request, instance):
    form = MentoringFormForm(request.POST or None, instance=instance)
    if form.is_valid():
        with transaction.atomic():
            saved = form.save()
            if kept := _save_role_models(saved, form.cleaned_data["role_models"]):
                messages.warning(request, f"Не удалены, потому что выбраны у наставляемых: {', '.join(kept)}.")
        messages.success(request, f"Форма «{saved}» сохранена.")
        return redirect("mentoring_forms")
    title = f"Форма «{instance}»" if instance.pk else "Новая форма наставничества"
    return _form_page(request, form, title)


def _form_page(request, form, title):
    context = {"form": form, "title": title, "back": reverse("mentoring_forms")}
    return render(request, "participants/simple_form.html", context)


def _save_role_models(form, names):
    """Make the form's role models exactly ``names`` in that order; the ones in use stay. Returns those kept."""
    existing = {model.name: model for model in form.role_models.all()}
    for position, name in enumerate(names, start=1):
        model = existing.pop(name, None) or RoleModel(form=form, name=name)
        model.position = position
        model.save()
    in_use = set(Mentee.objects.filter(role_model__in=existing.values()).values_list("role_model__name", flat=True))
    for position, name in enumerate(sorted(in_use), start=len(names) + 1):
        existing[name].position = position
        existing[name].save(update_fields=["position"])
    RoleModel.objects.filter(pk__in=[m.pk for m in existing.values() if m.name not in in_use]).delete()
    return sorted(in_use)


@curator_only
def kinds(request):
    """Adding a kind of teachers' mentoring; the list itself is on the forms page."""
    return kind_edit(request, None)


@curator_only
def kind_edit(request, pk):
    kind = get_object_or_404(MentoringKind, pk=pk) if pk else MentoringKind()
    form = MentoringKindForm(request.POST or None, instance=kind)
    if request.method == "POST" and request.POST.get("delete") and kind.pk:
        try:
            kind.delete()
        except ProtectedError:
            messages.error(request, "Этот вид уже используется, удалить его нельзя.")
        return redirect("mentoring_forms")
    if form.is_valid():
        form.save()
        messages.success(request, "Вид наставничества сохранён.")
        return redirect("mentoring_forms")
    return _form_page(request, form, "Вид наставничества педагогов")


@curator_only
def export_log(request):
    """The export log's old address: its list is now a tab of the audit log."""
    return redirect(f"{reverse('audit_log')}?tab=exports", permanent=True)
