"""Pairs and groups of a year, how they were matched, their programmes and meetings.

A ``Mentorship`` is a pair (one mentor, one mentee) or a group (one mentor, several
mentees). Matching runs propose pairs (``Proposal``) scored by the curator's
``MatchingCriterion`` list; accepting a proposal makes a mentorship. Each mentorship has a
personalised ``Programme`` with its calendar of ``Meeting``s, which the mentor keeps as the
meeting journal. An ``Event`` is a meeting of many pairs at once, such as the final one.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from mentoring.models import AcademicYear, Material, NormativeAct
from participants.models import Mentee, Mentor, MentoringForm, RoleModel
from surveys.models import CODE_VALIDATOR


class MatchingCriterion(models.Model):
    """Which mentee answer meets which mentor answer, how they are compared, and how much it counts."""

    class Comparison(models.TextChoices):
        SHARED = "shared", "общие варианты ответа"
        EQUAL = "equal", "одинаковый ответ"
        CLOSENESS = "closeness", "близость по шкале"

    label = models.CharField("критерий", max_length=200)
    mentee_code = models.CharField(
        "вопрос наставляемому (код)", max_length=64, validators=[CODE_VALIDATOR], help_text="Например, topics"
    )
    mentor_code = models.CharField(
        "вопрос наставнику (код)", max_length=64, validators=[CODE_VALIDATOR], help_text="Обычно тот же код"
    )
    comparison = models.CharField("сравнение", max_length=16, choices=Comparison.choices, default=Comparison.SHARED)
    weight = models.PositiveSmallIntegerField(
        "вес", default=5, validators=[MaxValueValidator(10)], help_text="От 0 до 10: насколько критерий важен"
    )
    required = models.BooleanField(
        "обязательное совпадение",
        default=False,
        help_text="Фильтр: наставник без совпадения не предлагается (если наставляемый ответил на вопрос)",
    )
    is_active = models.BooleanField("учитывается", default=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "критерий подбора"
        verbose_name_plural = "критерии подбора"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class PairRule(models.Model):
    """The curator's decision on one mentee–mentor pair for matching: always or never."""

    class Kind(models.TextChoices):
        LOCK = "lock", "закреплена"
        FORBID = "forbid", "запрещена"

    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="+")
    mentee = models.ForeignKey(Mentee, verbose_name="наставляемый", on_delete=models.CASCADE, related_name="pair_rules")
    mentor = models.ForeignKey(Mentor, verbose_name="наставник", on_delete=models.CASCADE, related_name="pair_rules")
    kind = models.CharField("правило", max_length=8, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        verbose_name = "правило для пары"
        verbose_name_plural = "правила для пар"
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="one_rule_per_pair"),
            # A locked pair is the mentee's only one.
            models.UniqueConstraint(fields=["mentee"], condition=Q(kind="lock"), name="one_lock_per_mentee"),
        ]

    def __str__(self):
        return f"{self.mentee.person} — {self.mentor.person}: {self.get_kind_display()}"


class MatchingRun(models.Model):
    """One run of the matching over the year's pool; its proposals wait for the curator."""

    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="+")
    coverage_first = models.BooleanField("сначала охватить как можно больше наставляемых", default=False)
    mentee_count = models.PositiveIntegerField("наставляемых в подборе", default=0)
    mentor_count = models.PositiveIntegerField("наставников в подборе", default=0)
    max_score = models.PositiveIntegerField("наибольший балл пары (десятые)", default=0)
    criteria = models.JSONField("критерии подбора", default=list)
    seconds = models.FloatField("время подбора, с", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="запустил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("запущен", auto_now_add=True)

    class Meta:
        verbose_name = "подбор пар"
        verbose_name_plural = "подборы пар"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Подбор от {self.created_at:%d.%m.%Y %H:%M}"


class ProposalQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related(
            "mentee__person__school_class", "mentee__form", "mentor__person__school_class", "mentorship"
        )


class Proposal(models.Model):
    """A pair the matching suggests, or a mentee it could not place (no mentor, with the reason)."""

    class Status(models.TextChoices):
        OPEN = "open", "предложена"
        ACCEPTED = "accepted", "принята"
        REJECTED = "rejected", "отклонена"

    run = models.ForeignKey(MatchingRun, verbose_name="подбор", on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(Mentee, verbose_name="наставляемый", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(
        Mentor, verbose_name="наставник", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveIntegerField("балл (десятые)", default=0)
    parts = models.JSONField("из чего сложился балл", default=list)
    reason = models.CharField("почему без наставника", max_length=500, blank=True)
    locked = models.BooleanField("закреплена куратором", default=False)
    status = models.CharField("решение", max_length=16, choices=Status.choices, default=Status.OPEN)
    mentorship = models.ForeignKey(
        "Mentorship", verbose_name="пара", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "предложение подбора"
        verbose_name_plural = "предложения подбора"
        ordering = ["run", "-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "mentee"], name="one_proposal_per_mentee_in_run")]

    def __str__(self):
        return f"{self.mentee.person} — {self.mentor.person if self.mentor_id else 'без наставника'}"

    def get_absolute_url(self):
        return reverse("proposal", args=[self.pk])

    @property
    def percent(self):
        return round(100 * self.score / self.run.max_score) if self.run.max_score else 0


class MentorshipQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related(
            "year", "form", "role_model", "order", "mentor__person__school_class"
        ).prefetch_related(models.Prefetch("mentees", queryset=Mentee.objects.select_related("person__school_class")))

    def open(self):
        """Pairs and groups still working or about to: they hold their mentor's places and their mentees."""
        return self.filter(status__in=Mentorship.OPEN)

    def of_mentor_user(self, user):
        return self.filter(mentor__person__user=user) if user.is_authenticated else self.none()


class Mentorship(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "предложена"
        APPROVED = "approved", "утверждена"
        ACTIVE = "active", "действует"
        FINISHED = "finished", "завершена"
        TERMINATED = "terminated", "прекращена досрочно"

    class Outcome(models.TextChoices):
        REACHED = "reached", "цели достигнуты"
        PARTLY = "partly", "цели достигнуты частично"
        NOT_REACHED = "not_reached", "цели не достигнуты"

    OPEN = (Status.PROPOSED, Status.APPROVED, Status.ACTIVE)

    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="+")
    is_group = models.BooleanField("группа", default=False)
    title = models.CharField(
        "название группы", max_length=300, blank=True, help_text="Например, «Подготовка к олимпиаде по математике»"
    )
    form = models.ForeignKey(MentoringForm, verbose_name="форма наставничества", on_delete=models.PROTECT)
    role_model = models.ForeignKey(
        RoleModel, verbose_name="ролевая модель", null=True, blank=True, on_delete=models.SET_NULL
    )
    mentor = models.ForeignKey(Mentor, verbose_name="наставник", on_delete=models.PROTECT, related_name="mentorships")
    mentees = models.ManyToManyField(
        Mentee, verbose_name="наставляемые", through="Membership", related_name="mentorships"
    )
    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.PROPOSED)
    starts_on = models.DateField("начало", null=True, blank=True)
    ends_on = models.DateField("окончание", null=True, blank=True)
    order = models.ForeignKey(
        NormativeAct,
        verbose_name="приказ о закреплении",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentorships",
        limit_choices_to={"kind": NormativeAct.Kind.PAIRS_ORDER},
    )
    ended_on = models.DateField("дата прекращения", null=True, blank=True)
    end_reason = models.TextField("причина прекращения", blank=True)
    achievements = models.TextField("достижения", blank=True)
    outcome = models.CharField("итог", max_length=16, choices=Outcome.choices, blank=True)
    best_practice = models.BooleanField("лучшая практика", default=False)
    case = models.OneToOneField(
        Material,
        verbose_name="кейс лучшей практики",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentorship",
        limit_choices_to={"kind": Material.Kind.CASE},
    )
    notified_at = models.DateTimeField("участники оповещены", null=True, blank=True)
    score = models.PositiveIntegerField("балл подбора (десятые)", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="создал", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    history = HistoricalRecords()
    objects = MentorshipQuerySet.as_manager()

    class Meta:
        verbose_name = "пара или группа"
        verbose_name_plural = "пары и группы"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="terminated") | ~Q(end_reason=""),
                name="termination_reason_given",
                violation_error_message="Укажите причину досрочного прекращения.",
            ),
            models.CheckConstraint(
                condition=Q(is_group=False) | ~Q(title=""),
                name="group_titled",
                violation_error_message="Назовите группу.",
            ),
        ]

    def __str__(self):
        if self.is_group:
            return f"Группа «{self.title}»"
        return f"Пара № {self.pk}"

    def get_absolute_url(self):
        return reverse("mentorship", args=[self.pk])

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def is_closed(self):
        return not self.is_open

    @property
    def order_label(self):
        """«Приказ № 112-о от 10.11.2026» once the order fixing the pair is signed (select ``order``)."""
        return self.order.label if self.order_id and self.order.is_signed else ""


class Membership(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="memberships")
    mentee = models.ForeignKey(Mentee, verbose_name="наставляемый", on_delete=models.PROTECT, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "участник пары или группы"
        verbose_name_plural = "участники пар и групп"
        constraints = [models.UniqueConstraint(fields=["mentorship", "mentee"], name="unique_membership")]

    def __str__(self):
        return str(self.mentee.person)


class ProgrammeTemplate(models.Model):
    """The starting text of a personalised programme for the forms of one audience."""

    name = models.CharField("название", max_length=200)
    audience = models.CharField(
        "для наставляемых", max_length=16, choices=MentoringForm.Audience.choices, default="students"
    )
    goal = models.TextField("цель")
    tasks = models.TextField("задачи", help_text="Каждая задача с новой строки")
    expected_results = models.TextField("ожидаемые результаты", help_text="Каждый результат с новой строки")
    plan = models.TextField(
        "план встреч",
        help_text="Тема каждой встречи с новой строки, по циклу: знакомство, пробная встреча, "
        "планирование, серия встреч, итоговая встреча",
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "шаблон программы"
        verbose_name_plural = "шаблоны программ"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def topics(self):
        return [line.strip() for line in self.plan.splitlines() if line.strip()]


class Programme(models.Model):
    """The personalised programme of one pair or group."""

    mentorship = models.OneToOneField(
        Mentorship, verbose_name="пара или группа", on_delete=models.CASCADE, related_name="programme"
    )
    request = models.TextField("трудности и запрос наставляемого")
    goal = models.TextField("цель")
    tasks = models.TextField("задачи")
    expected_results = models.TextField("ожидаемые результаты")
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    calendar_approved_at = models.DateTimeField("календарь встреч утверждён", null=True, blank=True)
    calendar_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="утвердил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("изменена", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "персонализированная программа"
        verbose_name_plural = "персонализированные программы"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message="Окончание программы раньше её начала.",
            )
        ]

    def __str__(self):
        return f"Программа: {self.mentorship}"

    def get_absolute_url(self):
        return reverse("programme", args=[self.mentorship_id])


class Meeting(models.Model):
    """A meeting of a pair or group: planned in the calendar, then held or not, in the journal."""

    class Stage(models.TextChoices):
        ACQUAINTANCE = "acquaintance", "знакомство"
        TRIAL = "trial", "пробная встреча"
        PLANNING = "planning", "планирование"
        SERIES = "series", "серия встреч"
        FINAL = "final", "итоговая встреча"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "очно"
        ONLINE = "online", "дистанционно"

    mentorship = models.ForeignKey(
        Mentorship, verbose_name="пара или группа", on_delete=models.CASCADE, related_name="meetings"
    )
    stage = models.CharField("этап", max_length=16, choices=Stage.choices, default=Stage.SERIES)
    topic = models.CharField("тема", max_length=300)
    planned_on = models.DateField("дата по плану", null=True, blank=True)
    planned_time = models.TimeField("время", null=True, blank=True)
    held = models.BooleanField("состоялась", null=True, blank=True, help_text="Пусто — ещё не отмечено")
    held_on = models.DateField("дата проведения", null=True, blank=True)
    duration = models.PositiveSmallIntegerField(
        "длительность, мин", null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    format = models.CharField("формат", max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    notes = models.TextField("заметки", blank=True, help_text="Что сделали, о чём договорились")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отметил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField("отмечено", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        ordering = ["mentorship", models.F("planned_on").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(held=True) | Q(held_on__isnull=False),
                name="held_meeting_dated",
                violation_error_message="Укажите дату проведения встречи.",
            )
        ]

    def __str__(self):
        return f"{self.get_stage_display().capitalize()}: {self.topic}"

    @property
    def is_final(self):
        return self.stage == self.Stage.FINAL

    @property
    def day(self):
        return self.held_on or self.planned_on


class Event(models.Model):
    """A meeting of many pairs and groups at once, such as the final meeting of all pairs."""

    class Kind(models.TextChoices):
        FINAL = "final", "групповая заключительная встреча"
        OTHER = "other", "общая встреча"

    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("вид", max_length=16, choices=Kind.choices, default=Kind.FINAL)
    title = models.CharField("название", max_length=300)
    held_on = models.DateField("дата")
    place = models.CharField("место", max_length=200, blank=True)
    notes = models.TextField("как прошла", blank=True)
    mentorships = models.ManyToManyField(Mentorship, verbose_name="пары и группы", blank=True, related_name="events")

    class Meta:
        verbose_name = "общая встреча пар"
        verbose_name_plural = "общие встречи пар"
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return f"{self.title}, {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("pair_event", args=[self.pk])
