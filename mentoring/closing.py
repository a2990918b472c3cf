"""A closed school year is kept for reading only, and the data layer enforces it.

Each app registers, from its ``AppConfig.ready()``, the models that belong to a year and the
lookup path from the model to its ``AcademicYear``::

    closing.guard(Mentee, "year")
    closing.guard(Meeting, "mentorship__year")

Saving or deleting a registered model whose year is closed raises ``YearClosed`` (a
``PermissionDenied``), and so does adding or removing m2m links of a registered model
(``Mentorship.mentees``, ``Event.mentorships``, ``Mentor.forms``…). A save checks the year the
object is given (a row moved into a closed year) and, for an existing row, the year stored in
the database (a row moved out of a closed year), both in one query.

Some changes stay possible after closing: ``allow`` names the fields a save may touch
(``save(update_fields=…)`` within that set), such as publishing a signed act or marking a best
practice at the year's completion. ``ClosedYearMiddleware`` turns the exception into a 403 page
with its message.

``QuerySet.update()`` and ``bulk_create()`` send no signals: code that writes that way into a
year checks ``AcademicYear.is_closed`` itself.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from mentoring.models import AcademicYear


class YearClosed(PermissionDenied):
    """A change of a closed year's data. ``year``: the ``AcademicYear`` or its start year."""

    def __init__(self, year):
        self.year = year if isinstance(year, AcademicYear) else AcademicYear(start_year=year)
        super().__init__(f"Учебный год {self.year} закрыт: изменения в нём невозможны.")


@dataclass(frozen=True)
class Guard:
    model: type
    path: str
    allow: frozenset

    @property
    def first_field(self):
        return self.model._meta.get_field(self.path.split("__", 1)[0])

    def year_conditions(self, instance, stored=True):
        """Conditions on ``AcademicYear`` matching the instance's year as given and, with
        ``stored``, the year of the row as stored (for an existing row)."""
        conditions = []
        field = self.first_field
        target = getattr(instance, field.attname)
        if target is not None:
            rest = self.path.split("__", 1)[1] if "__" in self.path else ""
            if rest:
                related = field.related_model._base_manager.filter(pk=target).values(rest)
                conditions.append(Q(pk__in=related))
            else:
                conditions.append(Q(pk=target))
        if stored and instance.pk is not None and not instance._state.adding:
            conditions.append(Q(pk__in=self.model._base_manager.filter(pk=instance.pk).values(self.path)))
        return conditions

    def rows_conditions(self, pks):
        return [Q(pk__in=self.model._base_manager.filter(pk__in=pks).values(self.path))]


_guards = {}


def guard(model, year_path, allow=()):
    """Keep ``model`` unchanged once the year at ``year_path`` (a lookup from the model to its
    ``AcademicYear``) is closed. ``allow``: fields a save may still change — a save whose
    ``update_fields`` are all among them passes."""
    entry = Guard(model, year_path, frozenset(allow))
    if entry.first_field.related_model is None:
        raise ValueError(f"{model.__name__}.{year_path} does not lead to a year.")
    _guards[model] = entry
    uid = f"mentoring.closing.{model._meta.label_lower}"
    pre_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}.save")
    pre_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}.delete")
    relations = [field.remote_field.through for field in model._meta.many_to_many]
    relations += [rel.through for rel in model._meta.related_objects if rel.many_to_many]
    for through in relations:
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"mentoring.closing.{through._meta.label_lower}")


def guarded(model):
    """The registration of ``model``, or None."""
    return _guards.get(model._meta.concrete_model)


def check(conditions, using=None):
    """Raise ``YearClosed`` when any condition on ``AcademicYear`` matches a closed year (one query)."""
    if not conditions:
        return
    condition = Q()
    for each in conditions:
        condition |= each
    years = AcademicYear._base_manager.db_manager(using).filter(condition, closed_at__isnull=False)
    if (start_year := years.values_list("start_year", flat=True).first()) is not None:
        raise YearClosed(start_year)


def _on_save(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    entry = guarded(sender)
    if raw or entry is None:  # fixtures are loaded as they were dumped
        return
    if update_fields is not None and entry.allow and set(update_fields) <= entry.allow:
        return
    check(entry.year_conditions(instance), using)


def _on_delete(sender, instance, using=None, **kwargs):
    if entry := guarded(sender):
        check(entry.year_conditions(instance), using)


def _on_m2m(sender, instance, action, model, pk_set, using=None, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    conditions = []
    if entry := guarded(type(instance)):
        conditions += entry.year_conditions(instance)
    if pk_set and (other := guarded(model)):
        conditions += other.rows_conditions(pk_set)
    check(conditions, using)


class ClosedYearMiddleware:
    """Show a change refused by a closed year as a 403 page with the reason (plain text for htmx)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, YearClosed):
            return None
        message = str(exception)
        if getattr(request, "htmx", False):
            return HttpResponse(message, status=403, content_type="text/plain; charset=utf-8")
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = ""
        return render(request, "closed_year.html", {"message": message, "back": back}, status=403)
