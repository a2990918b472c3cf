"""Excel: the import of people with a preview, its template, and the exports of the bank lists."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from mentoring import roles
from mentoring.models import AcademicYear, DataExport
from participants import exporting, filters, importing
from participants.exporting import DATE, NUMBER, TEXT, Column
from participants.models import PeopleImport

curator_only = roles.role_required(roles.CURATOR)
# An upload waits this long for its confirmation; the data it was checked against goes stale.
IMPORT_EXPIRES = datetime.timedelta(days=1)
PREVIEW_ROWS = 10


class UploadForm(forms.Form):
    file = forms.FileField(label="Файл Excel (.xlsx)", widget=forms.FileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(importing.too_big_message())
        return file


@curator_only
def people_import(request):
    """participants/import.html: upload a file; one with errors is listed row by row and not kept."""
    year = AcademicYear.objects.from_request(request)
    if year is None:
        messages.error(request, "Сначала добавьте учебный год и сделайте его текущим.")
        return redirect("years")
    form = UploadForm(request.POST or None, request.FILES or None)
    plan = None
    if form.is_valid():
        file = form.cleaned_data["file"]
        content = file.read()
        plan = importing.read_people(content, year)
        if not plan.errors:
            PeopleImport.objects.filter(applied_at=None, uploaded_at__lt=timezone.now() - IMPORT_EXPIRES).delete()
            upload = PeopleImport.objects.create(
                year=year, file_name=file.name[:255], content=content, uploaded_by=request.user
            )
            return redirect("people_import_preview", upload.pk)
    recent = PeopleImport.objects.select_related("uploaded_by").defer("content")[:10]
    context = {"year": year, "form": form, "plan": plan, "recent": recent}
    return render(request, "participants/import.html", context, status=400 if request.method == "POST" else 200)


@curator_only
def people_import_preview(request, pk):
    """participants/import_preview.html: what the file would change; «Загрузить» applies it."""
    if request.method == "POST":
        return _cancel(request, pk) if "cancel" in request.POST else _confirm(request, pk)
    upload = get_object_or_404(PeopleImport.objects.select_related("year"), pk=pk)
    if upload.applied_at:
        messages.info(request, "Этот файл уже загружен.")
        return redirect("people")
    plan = importing.read_people(bytes(upload.content), upload.year)
    return _preview_page(request, upload, plan)


def _preview_page(request, upload, plan, status=200):
    groups = [
        ("Новые", plan.of(importing.NEW)),
        ("Будут обновлены", plan.of(importing.UPDATED)),
        ("Без изменений", plan.of(importing.UNCHANGED)),
    ]
    context = {
        "upload": upload,
        "plan": plan,
        "groups": [(title, rows[:PREVIEW_ROWS], len(rows)) for title, rows in groups if rows],
        "preview_rows": PREVIEW_ROWS,
    }
    return render(request, "participants/import_preview.html", context, status=status)


@transaction.atomic
def _confirm(request, pk):
    upload = get_object_or_404(PeopleImport.objects.select_for_update(), pk=pk)
    if upload.applied_at:  # a double-clicked or repeated confirmation
        messages.info(request, "Этот файл уже загружен.")
        return redirect("people")
    if upload.uploaded_at < timezone.now() - IMPORT_EXPIRES:
        upload.delete()
        messages.error(request, "Файл загружен больше суток назад: данные могли измениться. Загрузите его снова.")
        return redirect("people_import")
    plan = importing.read_people(bytes(upload.content), upload.year)
    if plan.errors:  # the people or classes changed since the preview
        return _preview_page(request, upload, plan, status=400)
    importing.apply(plan, request.user)
    upload.applied_at = timezone.now()
    upload.created, upload.updated, upload.unchanged = plan.created, plan.updated, plan.unchanged
    upload.content = b""  # the people are in the database now; the file need not be kept
    upload.save()
    messages.success(
        request, f"Загружено: новых {plan.created}, обновлено {plan.updated}, без изменений {plan.unchanged}."
    )
    return redirect("people")


def _cancel(request, pk):
    PeopleImport.objects.filter(pk=pk, applied_at=None).delete()
    messages.info(request, "Загрузка отменена, ничего не изменено.")
    return redirect("people_import")


_IMPORT_WIDTHS = {"birth_date": 14, "kind": 14, "school_class": 8, "position": 30, "career_start": 16, "email": 26}
_IMPORT_KINDS = {"birth_date": DATE, "career_start": NUMBER}
IMPORT_COLUMNS = [
    Column(header, _IMPORT_WIDTHS.get(name, 18), _IMPORT_KINDS.get(name, TEXT)) for name, header, _ in importing.COLUMNS
]
IMPORT_NOTES = [
    ("Фамилия", "да", "Как в документах; буква Ё сохраняется."),
    ("Имя", "да", ""),
    ("Отчество", "нет", "Пусто, если отчества нет."),
    (
        "Дата рождения",
        "нет",
        "ДД.ММ.ГГГГ (05.03.2012), ГГГГ-ММ-ДД или дата Excel. По ФИО и дате рождения человек находится при "
        "повторной загрузке: его сведения обновляются, второй раз он не добавляется.",
    ),
    ("Категория", "да", "обучающийся (ученик, учащийся), педагог (учитель), сотрудник или внешний."),
    (
        "Класс",
        "для обучающихся",
        "7А, 7 А или 7-а; классы 1–11, заведённые на странице «Классы» в учебном году загрузки. "
        "У других категорий не заполняется.",
    ),
    ("Должность", "нет", "Для педагогов и сотрудников."),
    (
        "Год начала педагогической работы",
        "нет",
        "Для педагогов: год, например 2023. По нему мониторинг находит молодых специалистов (стаж до 3 лет).",
    ),
    ("Email", "нет", "Адрес электронной почты."),
    ("Телефон", "нет", "В любом виде."),
    ("", "", ""),
    ("Порядок", "", "Столбцы — в любом порядке, с заголовками в первой строке; другие столбцы не читаются."),
    (
        "Обновление",
        "",
        "Столбец, которого нет в файле, сведений не меняет; пустая ячейка в имеющемся столбце стирает их.",
    ),
    ("Ошибки", "", "Если в файле есть ошибка, не загружается ничего: все ошибки перечисляются по номерам строк."),
]


@require_safe
@curator_only
def import_template(request):
    notes = exporting.Sheet(
        "Пояснения", [Column("Столбец", 16), Column("Обязателен", 16), Column("Что писать", 100)], IMPORT_NOTES, False
    )
    return exporting.workbook_response("shablon-lyudi.xlsx", "Люди", IMPORT_COLUMNS, [], more_sheets=[notes])


CONSENT_COLUMNS = [Column("Согласие на обработку ПДн", 16), Column("Согласие на распространение", 16)]
MENTEE_COLUMNS = [
    Column("ФИО", 34),
    Column("Дата рождения", 14, DATE),
    Column("Категория", 16),
    Column("Класс/должность", 24),
    Column("Форма", 24),
    Column("Ролевая модель", 28),
    Column("Статус", 18),
    Column("Запрос", 50),
    *CONSENT_COLUMNS,
]
MENTOR_COLUMNS = [
    Column("ФИО", 34),
    Column("Дата рождения", 14, DATE),
    Column("Категория", 16),
    Column("Класс/должность", 24),
    Column("Формы", 30),
    Column("Компетенции", 50),
    Column("Предметы", 30),
    Column("Вместимость", 12, NUMBER),
    Column("Статус", 18),
    *CONSENT_COLUMNS,
    Column("Согласие по ТК", 16),
]
# The import's columns first, so that an exported list loads back unchanged.
PEOPLE_COLUMNS = [*IMPORT_COLUMNS, *CONSENT_COLUMNS]


def _yes(value):
    return "да" if value else "нет"


def _person_cells(person):
    return [person.full_name, person.birth_date, person.get_kind_display(), person.place]


def _mentee_row(mentee):
    return [
        *_person_cells(mentee.person),
        str(mentee.form or ""),
        str(mentee.role_model or ""),
        mentee.get_status_display(),
        mentee.request,
        _yes(mentee.has_personal_data_consent),
        _yes(mentee.has_dissemination_consent),
    ]


def _mentor_row(mentor):
    return [
        *_person_cells(mentor.person),
        ", ".join(form.name for form in mentor.forms.all()),
        mentor.competencies,
        mentor.subjects,
        mentor.places,
        mentor.get_status_display(),
        _yes(mentor.has_personal_data_consent),
        _yes(mentor.has_dissemination_consent),
        # only staff mentors owe the labour-law consent
        _yes(mentor.has_labour_consent) if mentor.person.is_staff_member else "не требуется",
    ]


def _person_row(person):
    return [
        person.last_name,
        person.first_name,
        person.patronymic,
        person.birth_date,
        person.get_kind_display(),
        str(person.school_class or ""),
        person.position,
        person.career_start,
        person.email,
        person.phone,
        _yes(person.has_personal_data_consent),
        _yes(person.has_dissemination_consent),
    ]


def _filter_text(bank_filter):
    """« (фильтр: Статус: в банке; Поиск по ФИО: иванов)» for the export log; empty when unfiltered."""
    form, parts = bank_filter.form, []
    for name, value in form.cleaned_data.items():
        if name == "sort" or value in (None, ""):
            continue
        field = form.fields[name]
        shown = dict(field.choices).get(value, value) if isinstance(value, str) and hasattr(field, "choices") else value
        parts.append(f"{field.label}: {shown}")
    return f" (фильтр: {'; '.join(parts)})" if parts else ""


def _export(request, bank_filter, what, filename, columns, make_row):
    rows = [make_row(record) for record in bank_filter.qs]
    DataExport.log(request, f"{what}: экспорт в Excel{_filter_text(bank_filter)}", rows=len(rows))
    return exporting.workbook_response(filename, what, columns, rows)


def _no_year(request, list_name):
    messages.error(request, "Учебный год ещё не выбран: выгружать нечего.")
    return redirect(list_name)


@never_cache
@require_safe
@login_required
def mentees_export(request):
    year = AcademicYear.objects.from_request(request)
    if year is None:
        return _no_year(request, "mentees")
    bank_filter = filters.mentee_bank(request, year)
    filename = f"nastavlyaemye-{year.start_year}.xlsx"
    return _export(request, bank_filter, f"Наставляемые {year}", filename, MENTEE_COLUMNS, _mentee_row)


@never_cache
@require_safe
@login_required
def mentors_export(request):
    year = AcademicYear.objects.from_request(request)
    if year is None:
        return _no_year(request, "mentors")
    bank_filter = filters.mentor_bank(request, year)
    filename = f"nastavniki-{year.start_year}.xlsx"
    return _export(request, bank_filter, f"Наставники {year}", filename, MENTOR_COLUMNS, _mentor_row)


@never_cache
@require_safe
@login_required
def people_export(request):
    year = AcademicYear.objects.from_request(request)
    if year is None:
        return _no_year(request, "people")
    people_filter = filters.directory(request, year)
    filename = f"lyudi-{year.start_year}.xlsx"
    return _export(request, people_filter, "Люди", filename, PEOPLE_COLUMNS, _person_row)
