"""Questionnaires: the builder's surveys, sections, questions and choices; invitations with
personal links; responses and their answers.

A question's ``code`` is stable across surveys: matching compares a mentee's answer with a
mentor's answer to the question of the same code, and monitoring compares the answers given
before the programme with those given after it item by item.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear
from participants.models import Mentee, Person

CODE_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]*$", "Код: латинские строчные буквы, цифры и «_», начиная с буквы (например, need_topics)."
)


def new_token():
    """A personal link's secret: 32 random bytes (256 bits), URL-safe."""
    return secrets.token_urlsafe(32)


def _count(model, **conditions):
    """A subquery counting ``model`` rows of each survey: no join multiplies another's rows."""
    rows = model.objects.filter(survey=models.OuterRef("pk"), **conditions).order_by().values("survey")
    return Coalesce(models.Subquery(rows.annotate(n=models.Count("pk")).values("n")), 0)


class SurveyQuerySet(models.QuerySet):
    def with_counts(self, **invitation_conditions):
        """Each survey's questions, responses, invitations and those still waiting for an answer."""
        return self.annotate(
            question_count=_count(Question),
            response_count=_count(Response),
            invitation_count=_count(Invitation, **invitation_conditions),
            answered_count=_count(Invitation, used_at__isnull=False, **invitation_conditions),
        )

    def templates(self):
        return self.filter(is_template=True)

    def of_year(self, year):
        return self.filter(is_template=False, year=year)


class Survey(models.Model):
    class Purpose(models.TextChoices):
        MENTEE_INTAKE = "mentee_intake", "Анкета наставляемого"
        MENTOR_INTAKE = "mentor_intake", "Анкета наставника"
        THIRD_PARTY = "third_party", "Сведения о запросе наставляемого"
        BEFORE = "before", "Ожидания (до программы)"
        AFTER = "after", "Результаты (после программы)"
        SWOT = "swot", "SWOT-анализ"
        FEEDBACK = "feedback", "Обратная связь"
        OTHER = "other", "Другая"

    class Audience(models.TextChoices):
        STUDENTS = "students", "обучающиеся"
        STAFF = "staff", "педагоги и сотрудники"
        MENTEES = "mentees", "наставляемые"
        MENTORS = "mentors", "наставники"
        PARENTS = "parents", "родители (законные представители)"
        ANYONE = "anyone", "все участники"

    title = models.CharField("название", max_length=300)
    purpose = models.CharField("назначение", max_length=16, choices=Purpose.choices, default=Purpose.OTHER)
    audience = models.CharField("кто заполняет", max_length=16, choices=Audience.choices, default=Audience.ANYONE)
    introduction = models.TextField("вступление", blank=True, help_text="Что увидит респондент над вопросами")
    thanks = models.TextField(
        "текст после отправки", blank=True, default="Спасибо! Ваши ответы сохранены.", max_length=2000
    )
    year = models.ForeignKey(
        AcademicYear,
        verbose_name="учебный год",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    is_template = models.BooleanField("шаблон", default=False)
    source = models.ForeignKey(
        "self", verbose_name="создана из", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    template_key = models.SlugField(
        "ключ стандартного шаблона", max_length=50, blank=True, editable=False
    )  # set on the templates that ship with the programme, so they are installed once
    opens_on = models.DateField("приём ответов с", null=True, blank=True)
    closes_on = models.DateField("по", null=True, blank=True, help_text="Включительно")
    stopped = models.BooleanField("приём остановлен", default=False)
    anonymous = models.BooleanField(
        "анонимная", default=False, help_text="Ответы не связываются с респондентом; имя не хранится"
    )
    confidential = models.BooleanField(
        "конфиденциальная",
        default=True,
        help_text="Ответы читают только куратор и администрация; классный руководитель видит лишь, кто ответил",
    )
    compare_with = models.ForeignKey(
        "self",
        verbose_name="сравнивать с анкетой",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Анкета «до программы»: её ответы сравниваются с ответами этой анкеты по вопросам с общим кодом",
    )
    open_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    link_days = models.PositiveSmallIntegerField(
        "срок действия личной ссылки, дней", default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["-is_template", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_template=True) | Q(year__isnull=False), name="survey_has_year_unless_template"
            ),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
                violation_error_message="Дата окончания приёма раньше даты начала.",
            ),
            models.UniqueConstraint(
                fields=["template_key"], condition=~Q(template_key=""), name="one_standard_template_per_key"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("survey", args=[self.pk])

    @property
    def state(self):
        """«черновик», «открыта», «закрыта» or «ожидает открытия», for today."""
        today = timezone.localdate()
        if self.is_template:
            return "шаблон"
        if self.opens_on is None:
            return "черновик"
        if self.stopped or (self.closes_on and today > self.closes_on):
            return "закрыта"
        if today < self.opens_on:
            return "ожидает открытия"
        return "открыта"

    @property
    def is_open(self):
        return self.state == "открыта"

    def link_expiry(self, now=None):
        """When a personal link made ``now`` expires."""
        return (now or timezone.now()) + datetime.timedelta(days=self.link_days)

    @property
    def open_url(self):
        return reverse("survey_open_fill", args=[self.open_token]) if self.open_token else ""


class Section(models.Model):
    survey = models.ForeignKey(Survey, verbose_name="анкета", on_delete=models.CASCADE, related_name="sections")
    title = models.CharField("раздел", max_length=300)
    description = models.TextField("пояснение", blank=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "раздел анкеты"
        verbose_name_plural = "разделы анкеты"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE_10 = "scale10", "шкала 1–10"
        SCALE_5 = "scale5", "шкала 1–5"
        SINGLE = "single", "один вариант"
        MULTIPLE = "multiple", "несколько вариантов"
        YES_NO = "yesno", "да / нет"
        SHORT_TEXT = "text", "короткий текст"
        LONG_TEXT = "textarea", "развёрнутый ответ"
        NUMBER = "number", "число"
        DATE = "date", "дата"

    SCALES = {Kind.SCALE_10: 10, Kind.SCALE_5: 5}
    WITH_CHOICES = (Kind.SINGLE, Kind.MULTIPLE)
    NUMERIC = (Kind.SCALE_10, Kind.SCALE_5, Kind.NUMBER)
    TEXTUAL = (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    survey = models.ForeignKey(Survey, verbose_name="анкета", on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, verbose_name="раздел", on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(
        "код",
        max_length=50,
        validators=[CODE_VALIDATOR],
        help_text="Постоянный код вопроса: по нему подбор пар и мониторинг находят ответ в разных анкетах",
    )
    kind = models.CharField("тип", max_length=16, choices=Kind.choices)
    text = models.CharField("вопрос", max_length=500)
    help_text = models.CharField("подсказка", max_length=500, blank=True)
    required = models.BooleanField("обязательный", default=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "вопрос"
        verbose_name_plural = "вопросы"
        ordering = ["section__position", "section_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                name="question_code_unique_in_survey",
                violation_error_message="В анкете уже есть вопрос с таким кодом.",
            )
        ]

    def __str__(self):
        return self.text

    @property
    def scale_max(self):
        return self.SCALES.get(self.kind)

    @property
    def has_choices(self):
        return self.kind in self.WITH_CHOICES

    @property
    def has_options(self):
        """Answered by picking: scales, choices and yes/no (a group of radios or checkboxes)."""
        return self.kind in self.SCALES or self.kind in self.WITH_CHOICES or self.kind == self.Kind.YES_NO


class Choice(models.Model):
    question = models.ForeignKey(Question, verbose_name="вопрос", on_delete=models.CASCADE, related_name="choices")
    text = models.CharField("вариант", max_length=300)
    value = models.CharField(
        "код варианта",
        max_length=50,
        validators=[CODE_VALIDATOR],
        help_text="Одинаковые коды вариантов в анкетах наставляемых и наставников совпадают при подборе пар",
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "вариант ответа"
        verbose_name_plural = "варианты ответа"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "value"],
                name="choice_value_unique_in_question",
                violation_error_message="У вопроса уже есть вариант с таким кодом.",
            )
        ]

    def __str__(self):
        return self.text


class InvitationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("survey", "subject__school_class", "respondent")

    def waiting(self):
        """Not answered, not revoked, not expired, on a survey open today."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A personal link to one survey, for one person or about one person."""

    class Respondent(models.TextChoices):
        SELF = "self", "сам участник"
        PARENT = "parent", "родитель (законный представитель)"
        CLASS_LEADER = "class_leader", "классный руководитель"

    survey = models.ForeignKey(Survey, verbose_name="анкета", on_delete=models.CASCADE, related_name="invitations")
    subject = models.ForeignKey(
        Person, verbose_name="участник", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    respondent_role = models.CharField("кто отвечает", max_length=16, choices=Respondent.choices, default="self")
    respondent = models.ForeignKey(
        Person,
        verbose_name="респондент",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_assignments",
        help_text="Кто заполняет анкету, если он есть в базе (сам участник или классный руководитель)",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    expires_at = models.DateTimeField("ссылка действует до")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    used_at = models.DateTimeField("ответ получен", null=True, blank=True)
    revoked_at = models.DateTimeField("ссылка отозвана", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "приглашение"
        verbose_name_plural = "приглашения"
        ordering = ["subject__last_name", "subject__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "subject", "respondent_role"],
                name="one_invitation_per_person_and_role",
                violation_error_message="Этот участник уже приглашён.",
            )
        ]

    def __str__(self):
        return f"{self.survey} — {self.subject}"

    def get_absolute_url(self):
        return reverse("survey_fill", args=[self.token])

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def status(self):
        if self.used_at:
            return "ответ получен"
        if self.revoked_at:
            return "отозвано"
        if self.is_expired:
            return "срок истёк"
        return "ожидает ответа"


class ResponseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("respondent__school_class", "subject__school_class")


class Response(models.Model):
    survey = models.ForeignKey(Survey, verbose_name="анкета", on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )  # unique: a link stores one response whatever the number of submits
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )  # the open link's form carries a one-time key: a second submit of the same page stores nothing
    respondent = models.ForeignKey(
        Person, verbose_name="респондент", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        Person,
        verbose_name="о ком",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    respondent_role = models.CharField("кто отвечал", max_length=16, choices=Invitation.Respondent.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("дата ответа", default=timezone.now)
    mentee = models.ForeignKey(
        Mentee,
        verbose_name="запись наставляемого",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
        help_text="Запись банка, созданная по этой анкете; её оценки — стартовые",
    )
    added_to_bank_at = models.DateTimeField("включён в банк", null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.survey}, ответ № {self.pk}"

    def get_absolute_url(self):
        return reverse("survey_response", args=[self.survey_id, self.pk])


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    choices = models.ManyToManyField(Choice, blank=True, related_name="answers")

    class Meta:
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.display}"

    @property
    def display(self):
        """The answer as the respondent gave it, in words (choices need ``choices`` prefetched)."""
        if self.flag is not None:
            return "да" if self.flag else "нет"
        if self.number is not None:
            return f"{self.number.normalize():f}"
        if self.date is not None:
            return self.date.strftime("%d.%m.%Y")
        if self.text:
            return self.text
        return "; ".join(choice.text for choice in self.choices.all())
