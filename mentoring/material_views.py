"""«Методическая копилка»: materials every staff role reads and downloads; the curator adds,
changes and deletes them. Files are private: they are served only through ``material_file``."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring import filetypes, materials, roles
from mentoring.material_forms import MaterialFilterForm, MaterialForm
from mentoring.models import AcademicYear, Material

PAGE_SIZE = 50
readers = roles.role_required(*roles.ALL)
curator = roles.role_required(roles.CURATOR)


def _material(pk):
    return get_object_or_404(Material.objects.select_related("year", "created_by"), pk=pk)


@readers
def material_list(request):
    """mentoring/materials.html: search, filters by kind and tag, pages of 50."""
    filter_form = MaterialFilterForm(request.GET)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    queryset = materials.search(
        materials.for_list(), data.get("q", ""), data.get("kind", ""), (data.get("tag") or "").strip()
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentoring/materials.html",
        {
            "filter_form": filter_form,
            "filters": data,
            "page": page,
            "query": query.urlencode(),
            "can_edit": roles.has_role(request.user, roles.CURATOR),
        },
    )


@readers
def material(request, pk):
    """mentoring/material.html: one material with its tags, file and link."""
    item = _material(pk)
    return render(
        request,
        "mentoring/material.html",
        {"material": item, "tags": list(item.tags.all()), "can_edit": roles.has_role(request.user, roles.CURATOR)},
    )


@curator
def material_add(request):
    year = AcademicYear.objects.current_for(request)
    form = MaterialForm(request.POST or None, request.FILES or None, initial={"year": year})
    if form.is_valid():
        item, created = materials.create(form.material(), form.cleaned_data["tags"], request.user)
        if created:
            messages.success(request, "Материал добавлен в копилку.")
        else:
            messages.info(request, "Такой материал только что добавлен — повторная отправка не сохранена.")
        return redirect(item)
    return render(request, "mentoring/material_form.html", {"form": form})


@curator
def material_edit(request, pk):
    item = _material(pk)
    old_file_name = item.file.name
    form = MaterialForm(request.POST or None, request.FILES or None, instance=item)
    if form.is_valid():
        materials.update(form.material(), form.cleaned_data["tags"], old_file_name)
        messages.success(request, "Материал сохранён.")
        return redirect(item)
    return render(request, "mentoring/material_form.html", {"form": form, "material": item})


@curator
@require_POST
def material_delete(request, pk):
    item = get_object_or_404(Material, pk=pk)
    materials.delete(item)
    messages.success(request, f"Материал «{item.title}» удалён из копилки.")
    return redirect("materials")


@readers
def material_file(request, pk):
    """The material's file, downloaded under the name it was uploaded with."""
    item = get_object_or_404(Material.objects.only("file", "file_name", "title"), pk=pk)
    return filetypes.serve(item.file, item.file_name or item.title)
