"""The banks of the programme: classes, people, mentees, mentors, consents and evaluation.

A ``Person`` is kept across years; a ``Mentee`` or ``Mentor`` is that person's place in one
year's bank. Changes of personal data are recorded by django-simple-history.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from mentoring import names
from mentoring.collation import COLLATION
from mentoring.models import AcademicYear, NormativeAct, Publication
from mentoring.storage import PrivateUploadTo


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
        constraints = [
            models.UniqueConstraint(
                fields=["year", "grade", "letter"],
                name="unique_class_in_year",
                violation_error_message="Такой класс в этом учебном году уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.grade}{self.letter}"


class PersonQuerySet(models.QuerySet):
    def search(self, text):
        """People whose name contains every word of ``text``, ignoring case and Ё."""
        for word in names.search_key(text).split():
            self = self.filter(search_name__contains=word)
        return self


class Person(models.Model):
    class Kind(models.TextChoices):
        STUDENT = "student", "обучающийся"
        TEACHER = "teacher", "педагог"
        STAFF = "staff", "сотрудник"
        EXTERNAL = "external", "внешний участник"

    STAFF_KINDS = (Kind.TEACHER, Kind.STAFF)

    last_name = models.CharField("фамилия", max_length=150, db_collation=COLLATION)
    first_name = models.CharField("имя", max_length=150, db_collation=COLLATION)
    patronymic = models.CharField("отчество", max_length=150, blank=True, db_collation=COLLATION)
    # «фамилия имя отчество» in search form (names.search_key): case and Ё do not matter.
    search_name = models.CharField(max_length=460, default="", editable=False, db_index=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    kind = models.CharField("категория", max_length=16, choices=Kind.choices)
    school_class = models.ForeignKey(
        SchoolClass, verbose_name="класс", null=True, blank=True, on_delete=models.SET_NULL, related_name="students"
    )
    position = models.CharField("должность", max_length=200, blank=True)
    career_start = models.PositiveSmallIntegerField(
        "год начала педагогической работы",
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text="Для педагогов: по нему считается стаж молодого специалиста",
    )
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

    history = HistoricalRecords(excluded_fields=["search_name"])
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "человек"
        verbose_name_plural = "люди"
        ordering = ["last_name", "first_name", "patronymic"]
        indexes = [models.Index(fields=["kind", "school_class"])]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_search_name()
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("person", args=[self.pk])

    def fill_search_name(self):
        """Set the search form of the name; bulk writes call it themselves."""
        self.search_name = names.search_key(self.full_name)

    @property
    def full_name(self):
        return names.full_name(self.last_name, self.first_name, self.patronymic)

    @property
    def short_name(self):
        return names.short_name(self.last_name, self.first_name, self.patronymic)

    @property
    def is_student(self):
        return self.kind == self.Kind.STUDENT

    @property
    def is_staff_member(self):
        return self.kind in self.STAFF_KINDS

    @property
    def place(self):
        """Class for a student, position (and organisation) for everyone else."""
        if self.is_student:
            return str(self.school_class) if self.school_class_id else ""
        return ", ".join(part for part in (self.position, self.organisation) if part)


class MentoringForm(models.Model):
    """A form of mentoring («ученик – ученик», …): an editable dictionary."""

    class Audience(models.TextChoices):
        STUDENTS = "students", "обучающиеся"
        TEACHERS = "teachers", "педагоги"

    class MentorKind(models.TextChoices):
        ANY = "any", "любой участник"
        STUDENT = "student", "обучающийся более старшего класса"
        STAFF = "staff", "педагог или сотрудник школы"
        EXTERNAL = "external", "внешний участник (студент, представитель организации)"

    name = models.CharField("название", max_length=100, unique=True)
    audience = models.CharField("наставляемые", max_length=16, choices=Audience.choices)
    description = models.TextField("описание", blank=True)
    is_active = models.BooleanField("используется в школе", default=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    # Rules of matching and defaults for pairs of this form.
    mentor_kind = models.CharField(
        "кто может быть наставником", max_length=16, choices=MentorKind.choices, default=MentorKind.ANY
    )
    min_grade_gap = models.PositiveSmallIntegerField(
        "наставник-ученик старше хотя бы на, классов",
        default=2,
        validators=[MaxValueValidator(10)],
        help_text="Для наставников-обучающихся: разница параллелей наставника и наставляемого",
    )
    default_capacity = models.PositiveSmallIntegerField(
        "наставляемых у наставника по умолчанию",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Если у наставника не указано, сколько наставляемых он может вести",
    )
    months = models.PositiveSmallIntegerField(
        "срок работы пары, месяцев", default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class RoleModel(models.Model):
    """A role model inside a form («успевающий – неуспевающий», …)."""

    form = models.ForeignKey(MentoringForm, verbose_name="форма", on_delete=models.CASCADE, related_name="role_models")
    name = models.CharField("название", max_length=200)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "ролевая модель"
        verbose_name_plural = "ролевые модели"
        ordering = ["form", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "name"],
                name="unique_role_model_in_form",
                violation_error_message="Такая ролевая модель в этой форме уже есть.",
            )
        ]

    def __str__(self):
        return self.name


class MentoringKind(models.Model):
    """A kind of teachers' mentoring (традиционное, реверсивное, …): an editable dictionary."""

    name = models.CharField("название", max_length=100, unique=True)
    description = models.TextField("описание", blank=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "вид наставничества педагогов"
        verbose_name_plural = "виды наставничества педагогов"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Consent(models.Model):
    """One consent, a separate document (152-ФЗ since 01.09.2025; ТК РФ ст. 351.8)."""

    class Kind(models.TextChoices):
        PERSONAL_DATA = "personal_data", "на обработку персональных данных"
        DISSEMINATION = "dissemination", "на распространение (публикацию на сайте)"
        LABOUR = "labour", "на наставничество (ТК РФ ст. 351.8)"

    class GivenBy(models.TextChoices):
        SELF = "self", "сам участник"
        REPRESENTATIVE = "representative", "законный представитель"

    person = models.ForeignKey(Person, verbose_name="участник", on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField("согласие", max_length=16, choices=Kind.choices)
    given_by = models.CharField("кем дано", max_length=16, choices=GivenBy.choices, default=GivenBy.SELF)
    representative_name = models.CharField("ФИО законного представителя", max_length=300, blank=True)
    representative_document = models.CharField(
        "документ, подтверждающий полномочия",
        max_length=300,
        blank=True,
        help_text="Например, свидетельство о рождении",
    )
    given_on = models.DateField("дата согласия")
    covers_name = models.BooleanField("ФИО", default=True)
    covers_photo = models.BooleanField("фотографии", default=False)
    covers_results = models.BooleanField("результаты участия", default=False)
    scan = models.FileField("скан", upload_to=PrivateUploadTo("consents"), blank=True, max_length=200)
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    withdrawal_note = models.CharField("основание отзыва", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="внёс", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "согласие"
        verbose_name_plural = "согласия"
        ordering = ["person", "kind", "-given_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(withdrawn_on__isnull=True),
                name="one_active_consent_per_kind",
                violation_error_message="У участника уже есть действующее согласие этого вида.",
            ),
            models.CheckConstraint(
                condition=Q(given_by="self") | ~Q(representative_name=""),
                name="representative_named",
                violation_error_message="Укажите ФИО законного представителя.",
            ),
        ]

    def __str__(self):
        return f"Согласие {self.get_kind_display()}: {self.person}"

    @property
    def is_active(self):
        return self.withdrawn_on is None


class Appearance(models.Model):
    """A person a publication on the site names, pictures or gives the results of. Each mark
    needs the matching item of the person's dissemination consent (``participants.publicity``)."""

    publication = models.ForeignKey(
        Publication, verbose_name="публикация", on_delete=models.CASCADE, related_name="appearances"
    )
    # Deleting a person must not bring back a publication hidden because of them: the curator
    # first takes them out of it (the text may still name them).
    person = models.ForeignKey(Person, verbose_name="участник", on_delete=models.PROTECT, related_name="appearances")
    name = models.BooleanField("названо ФИО", default=True)
    photo = models.BooleanField("на фотографиях", default=False)
    results = models.BooleanField("приведены результаты", default=False)

    class Meta:
        verbose_name = "участник в публикации"
        verbose_name_plural = "участники в публикациях"
        ordering = ["publication", "person"]
        constraints = [models.UniqueConstraint(fields=["publication", "person"], name="one_appearance_per_person")]

    def __str__(self):
        return f"{self.person} в «{self.publication}»"


class MenteeQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("person__school_class", "form", "role_model")


class Mentee(models.Model):
    class Status(models.TextChoices):
        APPLICATION = "application", "заявка"
        IN_BANK = "bank", "в банке"
        PAIRED = "paired", "в паре/группе"
        FINISHED = "finished", "завершил"
        DROPPED = "dropped", "выбыл"
        SUPPORT = "support", "без пары — сопровождение"

    person = models.ForeignKey(Person, verbose_name="участник", on_delete=models.CASCADE, related_name="mentee_records")
    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="mentees")
    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.APPLICATION)
    form = models.ForeignKey(
        MentoringForm, verbose_name="форма наставничества", null=True, blank=True, on_delete=models.PROTECT
    )
    role_model = models.ForeignKey(
        RoleModel, verbose_name="ролевая модель", null=True, blank=True, on_delete=models.SET_NULL
    )
    request = models.TextField("запрос", blank=True, help_text="С чем нужна помощь наставника")
    support = models.TextField(
        "оказанное сопровождение", blank=True, help_text="Психолого-педагогическое сопровождение, если пары нет"
    )
    notes = models.TextField("заметки куратора", blank=True)
    results = models.TextField("итоги участия", blank=True, help_text="Заносятся при завершении пары или группы")
    best_practice = models.BooleanField("лучшая практика", default=False)
    created_at = models.DateTimeField("включён в банк", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords()
    objects = MenteeQuerySet.as_manager()

    class Meta:
        verbose_name = "наставляемый"
        verbose_name_plural = "наставляемые"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="one_mentee_record_per_year",
                violation_error_message="Этот участник уже в банке наставляемых этого года.",
            ),
            models.CheckConstraint(
                condition=~Q(status="support") | ~Q(support=""),
                name="support_described",
                violation_error_message="Опишите оказанное сопровождение.",
            ),
        ]

    def __str__(self):
        return f"{self.person} — наставляемый, {self.year}"

    def get_absolute_url(self):
        return self.person.get_absolute_url()


class MentorQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("person__school_class").prefetch_related("forms")


class Mentor(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "кандидат"
        INTERVIEWED = "interviewed", "собеседование пройдено"
        TRAINED = "trained", "обучен"
        APPOINTED = "appointed", "назначен приказом"
        WORKING = "working", "работает"
        ARCHIVED = "archived", "в архиве"

    person = models.ForeignKey(Person, verbose_name="участник", on_delete=models.CASCADE, related_name="mentor_records")
    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="mentors")
    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.CANDIDATE)
    forms = models.ManyToManyField(MentoringForm, verbose_name="формы наставничества", blank=True)
    competencies = models.TextField("компетенции", blank=True, help_text="Чем может помочь наставляемому")
    subjects = models.CharField("предметы", max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(
        "сколько наставляемых может вести",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Пусто — по умолчанию для его форм наставничества",
    )
    appointment = models.ForeignKey(
        NormativeAct,
        verbose_name="приказ о назначении",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointed_mentors",
        limit_choices_to={"kind": NormativeAct.Kind.MENTORS_ORDER},
    )
    notes = models.TextField("заметки куратора", blank=True)
    results = models.TextField("итоги участия", blank=True, help_text="Заносятся при завершении пар и групп")
    best_practice = models.BooleanField("лучшая практика", default=False)
    created_at = models.DateTimeField("включён в банк", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords(m2m_fields=[forms])
    objects = MentorQuerySet.as_manager()

    class Meta:
        verbose_name = "наставник"
        verbose_name_plural = "наставники"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="one_mentor_record_per_year",
                violation_error_message="Этот участник уже в банке наставников этого года.",
            )
        ]

    def __str__(self):
        return f"{self.person} — наставник, {self.year}"

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    @property
    def places(self):
        """How many mentees this mentor can lead: their own number, else their forms' default (prefetch forms)."""
        if self.capacity:
            return self.capacity
        return max((form.default_capacity for form in self.forms.all()), default=1)


class MentorProfile(models.Model):
    """The long-term mentor base: what the school knows of a mentor across years."""

    person = models.OneToOneField(
        Person, verbose_name="участник", on_delete=models.CASCADE, related_name="mentor_profile"
    )
    rating = models.PositiveSmallIntegerField(
        "рейтинг", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="От 1 до 5"
    )
    notes = models.TextField("заметки", blank=True, help_text="Переходят на следующие годы")
    updated_at = models.DateTimeField("изменено", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "запись долгосрочной базы наставников"
        verbose_name_plural = "долгосрочная база наставников"

    def __str__(self):
        return str(self.person)


class RequestNote(models.Model):
    """Third-party information about a mentee's request, from staff or a parent."""

    class AuthorRole(models.TextChoices):
        CLASS_LEADER = "class_leader", "классный руководитель"
        PSYCHOLOGIST = "psychologist", "педагог-психолог"
        STAFF = "staff", "сотрудник"
        CURATOR = "curator", "куратор"

    class Source(models.TextChoices):
        AUTHOR = "author", "собственные наблюдения"
        PARENT = "parent", "со слов родителя"

    mentee = models.ForeignKey(
        Mentee, verbose_name="наставляемый", on_delete=models.CASCADE, related_name="request_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="автор", on_delete=models.PROTECT, related_name="request_notes"
    )
    author_role = models.CharField("роль автора", max_length=16, choices=AuthorRole.choices)
    source = models.CharField("источник", max_length=16, choices=Source.choices, default=Source.AUTHOR)
    text = models.TextField("сведения о запросе")
    created_at = models.DateTimeField("дата", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "сведения о запросе наставляемого"
        verbose_name_plural = "сведения о запросах наставляемых"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_author_role_display()} о {self.mentee.person}"


class EvaluationParameter(models.Model):
    """A parameter on which mentor candidates are scored: a configurable list."""

    name = models.CharField("параметр", max_length=200, unique=True)
    description = models.TextField("что оценивается", blank=True)
    max_score = models.PositiveSmallIntegerField(
        "наибольший балл", default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    is_active = models.BooleanField("используется", default=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "параметр оценки наставника"
        verbose_name_plural = "параметры оценки наставников"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class MentorScore(models.Model):
    mentor = models.ForeignKey(Mentor, verbose_name="наставник", on_delete=models.CASCADE, related_name="scores")
    parameter = models.ForeignKey(EvaluationParameter, verbose_name="параметр", on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField("балл")
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="оценил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluated_at = models.DateTimeField("дата оценки", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "оценка наставника"
        verbose_name_plural = "оценки наставников"
        ordering = ["parameter"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "parameter"],
                name="one_score_per_parameter",
                violation_error_message="Оценка по этому параметру уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.parameter}: {self.score}"


class Interview(models.Model):
    class Result(models.TextChoices):
        RECOMMENDED = "recommended", "рекомендован"
        NOT_RECOMMENDED = "not_recommended", "не рекомендован"
        REPEAT = "repeat", "нужна повторная встреча"

    mentor = models.ForeignKey(Mentor, verbose_name="кандидат", on_delete=models.CASCADE, related_name="interviews")
    held_on = models.DateField("дата собеседования")
    result = models.CharField("результат", max_length=16, choices=Result.choices)
    interviewers = models.CharField("кто проводил", max_length=300, blank=True)
    notes = models.TextField("заметки", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "собеседование"
        verbose_name_plural = "собеседования"
        ordering = ["-held_on", "-created_at"]

    def __str__(self):
        return f"Собеседование {self.held_on:%d.%m.%Y}: {self.get_result_display()}"


class TrainingEvent(models.Model):
    """An induction session or an experience exchange for mentors."""

    class Kind(models.TextChoices):
        INDUCTION = "induction", "установочная сессия"
        EXCHANGE = "exchange", "обмен опытом"

    year = models.ForeignKey(
        AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="training_events"
    )
    kind = models.CharField("вид", max_length=16, choices=Kind.choices)
    title = models.CharField("тема", max_length=300)
    held_on = models.DateField("дата")
    place = models.CharField("место", max_length=200, blank=True)
    description = models.TextField("содержание", blank=True)
    attendees = models.ManyToManyField(Mentor, verbose_name="присутствовали", blank=True, related_name="trainings")

    class Meta:
        verbose_name = "обучение наставников"
        verbose_name_plural = "обучение наставников"
        ordering = ["-held_on", "title"]

    def __str__(self):
        return f"{self.get_kind_display().capitalize()} «{self.title}», {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("training_event", args=[self.pk])


class TrainingMaterial(models.Model):
    event = models.ForeignKey(TrainingEvent, verbose_name="занятие", on_delete=models.CASCADE, related_name="materials")
    title = models.CharField("название", max_length=300)
    file = models.FileField("файл", upload_to=PrivateUploadTo("training"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "материал занятия"
        verbose_name_plural = "материалы занятий"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.title


class PeopleImport(models.Model):
    """An uploaded Excel file of people, kept from its preview until it is applied."""

    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField("файл", max_length=255)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="загрузил", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)
    applied_at = models.DateTimeField("применён", null=True, blank=True)
    created = models.PositiveIntegerField("добавлено", default=0)
    updated = models.PositiveIntegerField("обновлено", default=0)
    unchanged = models.PositiveIntegerField("без изменений", default=0)

    class Meta:
        verbose_name = "импорт людей"
        verbose_name_plural = "импорт людей"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%d.%m.%Y %H:%M})"
