"""What monitoring keeps of its own: the year's review (the coverage target and the curator's
SWOT analysis) and the region's list of indicators. Every figure is counted from the other
apps' data by ``reports.monitoring``; nothing counted is stored."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q

from mentoring.models import AcademicYear


class YearReview(models.Model):
    """The year's monitoring settings and the curator's SWOT analysis (one item per line)."""

    SWOT_FIELDS = ("strengths", "weaknesses", "opportunities", "threats")

    year = models.OneToOneField(
        AcademicYear, verbose_name="учебный год", on_delete=models.CASCADE, related_name="review"
    )
    coverage_target = models.PositiveSmallIntegerField(
        "целевой охват, %",
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Доля обучающихся, вовлечённых в наставничество и сопровождение",
    )
    age_from = models.PositiveSmallIntegerField(
        "возраст обучающихся: от", default=10, validators=[MinValueValidator(5), MaxValueValidator(18)]
    )
    age_to = models.PositiveSmallIntegerField(
        "до (включительно)", default=18, validators=[MinValueValidator(5), MaxValueValidator(20)]
    )
    strengths = models.TextField("сильные стороны", blank=True, help_text="Каждый пункт с новой строки")
    weaknesses = models.TextField("слабые стороны", blank=True, help_text="Каждый пункт с новой строки")
    opportunities = models.TextField("возможности", blank=True, help_text="Каждый пункт с новой строки")
    threats = models.TextField("угрозы", blank=True, help_text="Каждый пункт с новой строки")
    conclusions = models.TextField("выводы и решения", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="изменил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "мониторинг года"
        verbose_name_plural = "мониторинг годов"
        constraints = [
            models.CheckConstraint(
                condition=Q(age_to__gte=F("age_from")),
                name="age_band_ordered",
                violation_error_message="Верхняя граница возраста не может быть меньше нижней.",
            )
        ]

    def __str__(self):
        return f"Мониторинг {self.year}"

    @classmethod
    def of(cls, year):
        """The year's review; a year without one takes the settings of the latest earlier review
        (unsaved, so reading the dashboard writes nothing)."""
        review = cls.objects.filter(year=year).first()
        if review:
            return review
        earlier = cls.objects.filter(year__start_year__lt=year.start_year).order_by("-year__start_year").first()
        review = cls(year=year)
        if earlier:
            review.coverage_target, review.age_from, review.age_to = (
                earlier.coverage_target,
                earlier.age_from,
                earlier.age_to,
            )
        return review

    def swot(self):
        """[(field name, title, [items])] in the order of the analysis."""
        return [
            (
                name,
                self._meta.get_field(name).verbose_name,
                [line.strip() for line in getattr(self, name).splitlines() if line.strip()],
            )
            for name in self.SWOT_FIELDS
        ]


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class Indicator(models.Model):
    """A row of the region's report: what the region calls it, which figure fills it, and for what period."""

    class Period(models.TextChoices):
        YEAR = "year", "учебный год (1 сентября — 31 августа)"
        FIRST_HALF = "first_half", "I полугодие (1 сентября — 31 декабря)"
        SECOND_HALF = "second_half", "II полугодие (1 января — 31 августа)"
        CALENDAR = "calendar", "календарный год окончания учебного (1 января — 31 декабря)"
        CUSTOM = "custom", "свои даты"

    position = models.PositiveSmallIntegerField("№ п/п", default=0)
    name = models.CharField("показатель (как в форме региона)", max_length=500)
    metric = models.CharField("чем заполняется", max_length=60)
    period = models.CharField("период", max_length=16, choices=Period.choices, default=Period.YEAR)
    starts_on = models.DateField("с", null=True, blank=True)
    ends_on = models.DateField("по", null=True, blank=True)

    class Meta:
        verbose_name = "показатель регионального отчёта"
        verbose_name_plural = "показатели регионального отчёта"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.period == self.Period.CUSTOM:
            if not self.starts_on or not self.ends_on:
                raise ValidationError("Для своего периода укажите обе даты.")
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": "Конец периода не может быть раньше начала."})

    def dates(self, year):
        """(first day, last day) of the indicator's period in ``year``."""
        start, end = year.start_year, year.start_year + 1
        return {
            self.Period.YEAR: (year.start_date, year.end_date),
            self.Period.FIRST_HALF: (year.start_date, datetime.date(start, 12, 31)),
            self.Period.SECOND_HALF: (datetime.date(end, 1, 1), year.end_date),
            self.Period.CALENDAR: (datetime.date(end, 1, 1), datetime.date(end, 12, 31)),
            self.Period.CUSTOM: (self.starts_on, self.ends_on),
        }[self.period]

    @classmethod
    @transaction.atomic
    def renumber(cls):
        for number, indicator in enumerate(cls.objects.select_for_update(), start=1):
            if indicator.position != number:
                cls.objects.filter(pk=indicator.pk).update(position=number)
