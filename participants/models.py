from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from mentoring import names
from mentoring.collation import COLLATION
from mentoring.models import AcademicYear


class SchoolClass(models.Model):
    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="classes")
    grade = models.PositiveSmallIntegerField("параллель", validators=[MinValueValidator(1), MaxValueValidator(11)])
    letter = models.CharField(
        "литера",
        max_length=2,
        validators=[RegexValidator(r"^[А-ЯЁ]{1,2}$", "Литера класса — заглавная русская буква.")],
    )
    class_leader = models.ForeignKey(
        "Person",
        verbose_name="классный руководитель",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_classes",
        limit_choices_to={"kind__in": ["teacher", "staff"]},
    )

    class Meta:
        verbose_name = "класс"
        verbose_name_plural = "классы"
        ordering = ["year", "grade", "letter"]
        constraints = [models.UniqueConstraint(fields=["year", "grade", "letter"], name="unique_class_in_year")]

    def __str__(self):
        return f"{self.grade}{self.letter}"


class Person(models.Model):
    class Kind(models.TextChoices):
        STUDENT = "student", "обучающийся"
        TEACHER = "teacher", "педагог"
        STAFF = "staff", "сотрудник"
        EXTERNAL = "external", "внешний участник"

    last_name = models.CharField("фамилия", max_length=150, db_collation=COLLATION)
    first_name = models.CharField("имя", max_length=150, db_collation=COLLATION)
    patronymic = models.CharField("отчество", max_length=150, blank=True, db_collation=COLLATION)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    kind = models.CharField("категория", max_length=16, choices=Kind.choices)
    school_class = models.ForeignKey(
        SchoolClass, verbose_name="класс", null=True, blank=True, on_delete=models.SET_NULL, related_name="students"
    )
    position = models.CharField("должность", max_length=200, blank=True)
    organisation = models.CharField("организация", max_length=300, blank=True, help_text="Для внешних наставников")
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = "человек"
        verbose_name_plural = "люди"
        ordering = ["last_name", "first_name", "patronymic"]
        indexes = [models.Index(fields=["kind", "school_class"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return names.full_name(self.last_name, self.first_name, self.patronymic)

    @property
    def short_name(self):
        return names.short_name(self.last_name, self.first_name, self.patronymic)
