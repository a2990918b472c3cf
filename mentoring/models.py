import datetime
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring import logins, names, translit
from mentoring.collation import COLLATION
from mentoring.storage import PrivateUploadTo


class User(AbstractUser):
    first_name = models.CharField("имя", max_length=150, blank=True, db_collation=COLLATION)
    last_name = models.CharField("фамилия", max_length=150, blank=True, db_collation=COLLATION)
    patronymic = models.CharField("отчество", max_length=150, blank=True, db_collation=COLLATION)
    position = models.CharField("должность", max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        ordering = ["last_name", "first_name", "patronymic", "username"]

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return names.full_name(self.last_name, self.first_name, self.patronymic) or self.username

    def get_short_name(self):
        return names.short_name(self.last_name, self.first_name, self.patronymic) or self.username


class School(models.Model):
    """The school's requisites, printed on every document. Read them with ``School.load()``."""

    REQUIRED = ("full_name", "short_name", "director_title", "director_name", "address", "city")

    # One school per database (a district keeps one schema per school): the unique constant
    # makes a second row impossible even when two first saves arrive at once.
    key = models.PositiveSmallIntegerField(default=1, unique=True, editable=False)

    full_name = models.CharField(
        "полное наименование",
        max_length=500,
        help_text="Как в уставе: Государственное бюджетное общеобразовательное учреждение …",
    )
    short_name = models.CharField("краткое наименование", max_length=200, help_text="Например, ГБОУ школа № 43")
    director_title = models.CharField("должность руководителя", max_length=200, default="Директор")
    director_name = models.CharField("ФИО руководителя", max_length=300, help_text="Фамилия Имя Отчество")
    address = models.CharField("адрес", max_length=500)
    city = models.CharField("населённый пункт", max_length=200, help_text="Место издания документов")
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    site = models.URLField("сайт", blank=True)

    class Meta:
        verbose_name = "реквизиты школы"
        verbose_name_plural = "реквизиты школы"

    def __str__(self):
        return self.short_name or "Школа"

    @classmethod
    def load(cls):
        """The one accessor of the requisites: the stored row, or an empty unsaved one."""
        return cls.objects.order_by("pk").first() or cls()

    @property
    def missing_requisites(self):
        return [self._meta.get_field(name).verbose_name for name in self.REQUIRED if not getattr(self, name)]

    @property
    def director_short_name(self):
        return names.short_from_full(self.director_name)


FIRST_START_YEAR, LAST_START_YEAR = 2000, 2100


class AcademicYearQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).first()

    def current_for(self, request):
        """The current year, looked up once per request however many parts of the page ask."""
        if not hasattr(request, "_current_year"):
            request._current_year = self.current()
        return request._current_year

    def from_request(self, request):
        """The year a page shows: ``?year=2025`` when given, else the current one (or None)."""
        if "year" not in request.GET:
            return self.current_for(request)
        try:
            return self.get(start_year=int(request.GET["year"]))
        except (ValueError, self.model.DoesNotExist):
            raise Http404("Нет такого учебного года.") from None


class AcademicYear(models.Model):
    start_year = models.PositiveSmallIntegerField(
        "год начала",
        unique=True,
        error_messages={"unique": "Такой учебный год уже есть."},
        validators=[MinValueValidator(FIRST_START_YEAR), MaxValueValidator(LAST_START_YEAR)],
        help_text="Для 2026/2027 учебного года — 2026",
    )
    is_current = models.BooleanField("текущий", default=False)
    closed_at = models.DateTimeField("год закрыт", null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто закрыл",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        verbose_name = "учебный год"
        verbose_name_plural = "учебные годы"
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_academic_year",
                violation_error_message="Текущим может быть только один учебный год.",
            )
        ]

    def __str__(self):
        return f"{self.start_year}/{self.start_year + 1}"

    @staticmethod
    def start_year_of(day):
        """The school year a day falls in starts on the 1st of September."""
        return day.year if day.month >= 9 else day.year - 1

    @property
    def is_closed(self):
        """A closed year is kept for reading only: its banks, pairs, documents and roadmap stay as they were."""
        return self.closed_at is not None

    @property
    def start_date(self):
        return datetime.date(self.start_year, 9, 1)

    @property
    def preparation_start(self):
        """Preparations for a school year begin in August (the roadmap's first stage)."""
        return datetime.date(self.start_year, 8, 1)

    @property
    def end_date(self):
        return datetime.date(self.start_year + 1, 8, 31)

    @transaction.atomic
    def make_current(self):
        list(AcademicYear.objects.select_for_update())  # one change of the current year at a time
        AcademicYear.objects.filter(is_current=True).exclude(pk=self.pk).update(is_current=False)
        self.is_current = True
        self.save(update_fields=["is_current"])


class RoadmapStage(models.Model):
    year = models.ForeignKey(
        AcademicYear, verbose_name="учебный год", on_delete=models.CASCADE, related_name="roadmap_stages"
    )
    number = models.PositiveSmallIntegerField("№ этапа")
    title = models.CharField("наименование этапа", max_length=300)

    class Meta:
        verbose_name = "этап дорожной карты"
        verbose_name_plural = "этапы дорожной карты"
        ordering = ["year", "number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="unique_stage_number_in_year")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class RoadmapActivity(models.Model):
    stage = models.ForeignKey(RoadmapStage, verbose_name="этап", on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField("№ в этапе")
    title = models.TextField("содержание деятельности")
    expected_result = models.TextField("ожидаемый результат", blank=True)
    start_date = models.DateField("начало")
    end_date = models.DateField("срок")
    responsible = models.CharField("ответственные", max_length=500, blank=True)
    evidence_code = models.CharField(
        "подтверждение данными",
        max_length=64,
        blank=True,
        help_text="Какие данные системы подтверждают выполнение мероприятия",
    )
    done_at = models.DateTimeField("отмечено выполненным", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кем отмечено",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_note = models.TextField("примечание о выполнении", blank=True)

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожной карты"
        ordering = ["stage__number", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="activity_ends_after_start",
                violation_error_message="Срок не может быть раньше начала.",
            )
        ]

    def __str__(self):
        return f"{self.stage.number}.{self.number}. {self.title}"

    def get_absolute_url(self):
        year = self.stage.year
        query = "" if year.is_current else f"?year={year.start_year}"
        return f"{reverse('roadmap')}{query}#activity-{self.pk}"

    def clean(self):
        """Dates belong to the activity's school year (its calendar years, preparation included)."""
        start_year = self.stage.year.start_year
        first, last = datetime.date(start_year, 1, 1), datetime.date(start_year + 1, 12, 31)
        message = f"Дата должна относиться к {self.stage.year} учебному году: {start_year}–{start_year + 1} гг."
        errors = {
            field: message
            for field in ("start_date", "end_date")
            if getattr(self, field) and not first <= getattr(self, field) <= last
        }
        if errors:
            raise ValidationError(errors)

    @property
    def code(self):
        return f"{self.stage.number}.{self.number}"


class DataExport(models.Model):
    """A record of personal data leaving the application: an export or a file download.

    What is logged: every file a logged-in user downloads that names people or holds what is
    known about them — Excel exports of the banks and of questionnaire answers, the year's and the
    region's reports, documents of the register (drafts and signed PDFs, acquaintance sheets,
    scans), printed forms (consents, labour-law forms, programmes), sheets of personal links and of
    pairs, consent scans, training materials. Each view calls ``log`` once the file is ready (a
    404 logs nothing), with what was downloaded in Russian («Приказ № 45-о от 01.09.2026 (PDF)»,
    «Согласия 7А класса (PDF)») and the number of rows or people where there is one.

    What is not: files with no personal data — the piggy bank's methodological materials, the
    blank import template, the roadmap (published on the site as it is), publication files and
    published acts, which are made for the public site — and every anonymous download of the
    public section (there is no user to record).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    what = models.CharField("что выгружено", max_length=500)
    rows = models.PositiveIntegerField("строк", null=True, blank=True)
    address = models.GenericIPAddressField("адрес", null=True, blank=True)

    class Meta:
        verbose_name = "выгрузка персональных данных"
        verbose_name_plural = "журнал выгрузок персональных данных"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.user}: {self.what}"

    @classmethod
    def log(cls, request, what, rows=None):
        """Record that ``request.user`` got ``what``; nothing for an anonymous visitor."""
        if not request.user.is_authenticated:
            return None
        return cls.objects.create(user=request.user, what=what[:500], rows=rows, address=logins.client_address(request))


class NormativeActQuerySet(models.QuerySet):
    def signed(self):
        """Signed acts, published or not: those in force."""
        return self.filter(status__in=[NormativeAct.Status.SIGNED, NormativeAct.Status.PUBLISHED])


class NormativeAct(models.Model):
    """A local act of the programme in the school's register: an order or a protocol.

    A draft renders from live data and can be previewed at any time. Signing stores the PDF and
    the list of people named in it (``people``), which never change afterwards. The kinds, their
    templates and what signing each one does are described in ``reports.kinds``.
    """

    class Kind(models.TextChoices):
        COUNCIL_PROTOCOL = "council_protocol", "протокол заседания педагогического совета"
        REGULATION_ORDER = "regulation_order", "приказ об утверждении Положения о наставничестве"
        ROADMAP_ORDER = "roadmap_order", "приказ об утверждении плана мероприятий (дорожной карты)"
        CURATOR_ORDER = "curator_order", "приказ о назначении куратора"
        MENTORS_ORDER = "mentors_order", "приказ о назначении наставников"
        PAIRS_ORDER = "pairs_order", "приказ о закреплении наставнических пар и групп"
        FINAL_EVENT_ORDER = "final_event_order", "приказ о проведении итогового мероприятия"

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        SIGNED = "signed", "подписан"
        PUBLISHED = "published", "опубликован"

    year = models.ForeignKey(AcademicYear, verbose_name="учебный год", on_delete=models.PROTECT, related_name="acts")
    kind = models.CharField("вид документа", max_length=32, choices=Kind.choices)
    number = models.CharField("номер", max_length=30, help_text="Нумерация в пределах календарного года")
    date = models.DateField("дата")
    # The calendar year of ``date``: numbers repeat from year to year, never within one.
    register_year = models.PositiveSmallIntegerField(editable=False)
    heading = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула", blank=True)
    items = models.TextField("пункты", blank=True, help_text="Каждый пункт с новой строки; нумерация проставится сама")
    content = models.JSONField("содержание по виду документа", default=dict, blank=True)
    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The address of the public check page (QR code): unguessable, so the register cannot be listed.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pdf = models.FileField("подписанный документ (PDF)", upload_to=PrivateUploadTo("acts"), blank=True, max_length=200)
    people = models.JSONField("люди в документе на дату подписания", default=list, blank=True, editable=False)
    scan = models.FileField("скан с подписью", upload_to=PrivateUploadTo("acts"), blank=True, max_length=200)
    signed_at = models.DateTimeField("подписан", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кем подписан",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("опубликован", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="подготовил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    # Set when the act is published: its address in the public section (``prikaz-98-o-ot-01-09-2026``).
    slug = models.SlugField("адрес на сайте", max_length=100, blank=True, editable=False)
    # The copy the public downloads when the act names people who gave no consent to publish
    # their names: the annexes and those names are left out. Made once, on the first request.
    public_pdf = models.FileField(
        "копия для сайта (PDF)", upload_to=PrivateUploadTo("acts"), blank=True, max_length=200, editable=False
    )
    history = HistoricalRecords(excluded_fields=["content", "people"])
    objects = NormativeActQuerySet.as_manager()

    class Meta:
        verbose_name = "документ"
        verbose_name_plural = "реестр документов"
        ordering = ["-date", "-pk"]
        constraints = [
            # Protocols of the council are numbered on their own, orders in one register.
            models.UniqueConstraint(
                fields=["register_year", "number"],
                condition=Q(kind="council_protocol"),
                name="unique_protocol_number",
                violation_error_message="Протокол с таким номером в этом году уже есть.",
            ),
            models.UniqueConstraint(
                fields=["register_year", "number"],
                condition=~Q(kind="council_protocol"),
                name="unique_order_number",
                violation_error_message="Приказ с таким номером в этом году уже есть.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_at__isnull=False),
                name="signed_act_has_signing_time",
            ),
            models.UniqueConstraint(fields=["slug"], condition=~Q(slug=""), name="unique_act_slug"),
        ]

    def __str__(self):
        return f"{self.title} от {self.date:%d.%m.%Y} № {self.number}"

    def save(self, *args, **kwargs):
        self.register_year = self.date.year
        if kwargs.get("update_fields") is not None and "date" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "register_year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("act", args=[self.pk])

    @property
    def is_protocol(self):
        return self.kind == self.Kind.COUNCIL_PROTOCOL

    @classmethod
    def title_of(cls, kind):
        """«Приказ» or «Протокол», as the register and the check page name a kind."""
        return "Протокол" if kind == cls.Kind.COUNCIL_PROTOCOL else "Приказ"

    @property
    def title(self):
        return self.title_of(self.kind)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_signed(self):
        return not self.is_draft

    def make_slug(self):
        """The act's address in the public section: ``prikaz-98-o-ot-01-09-2026``."""
        return translit.slugify(f"{self.title} {self.number} от {self.date:%d.%m.%Y}")

    @property
    def label(self):
        """«Приказ № 112-о от 10.11.2026»: how pairs and mentors cite the act."""
        return f"{self.title} № {self.number} от {self.date:%d.%m.%Y}"


class MaterialTag(models.Model):
    name = models.CharField("метка", max_length=60, unique=True, db_collation=COLLATION)

    class Meta:
        verbose_name = "метка материала"
        verbose_name_plural = "метки материалов"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Material(models.Model):
    """An item of the methodological piggy bank: a recommendation, a scenario, a template, a
    best-practice case. Kept across years; a case points back to its pair (``pairs.Mentorship.case``)."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "методические рекомендации"
        SCENARIO = "scenario", "сценарий мероприятия"
        TEMPLATE = "template", "шаблон документа"
        PRESENTATION = "presentation", "презентация"
        CASE = "case", "кейс лучшей практики"
        OTHER = "other", "другое"

    title = models.CharField("название", max_length=300)
    kind = models.CharField("вид", max_length=16, choices=Kind.choices, default=Kind.RECOMMENDATION)
    description = models.TextField("содержание", blank=True, help_text="Краткое описание или текст кейса")
    authors = models.CharField("авторы", max_length=300, blank=True)
    file = models.FileField("файл", upload_to=PrivateUploadTo("materials"), blank=True, max_length=200)
    file_name = models.CharField("имя файла", max_length=255, blank=True, editable=False)
    url = models.URLField("ссылка", blank=True, max_length=500)
    tags = models.ManyToManyField(MaterialTag, verbose_name="метки", blank=True, related_name="materials")
    year = models.ForeignKey(
        AcademicYear,
        verbose_name="учебный год",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="добавил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("добавлен", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        verbose_name = "материал методической копилки"
        verbose_name_plural = "методическая копилка"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("material", args=[self.pk])

    @property
    def is_case(self):
        return self.kind == self.Kind.CASE


class SiteSection(models.Model):
    """The «Наставничество» section of the school's site: what it says about the programme and
    whom to ask. One row; read it with ``SiteSection.load()``."""

    key = models.PositiveSmallIntegerField(default=1, unique=True, editable=False)
    intro = models.TextField(
        "о программе наставничества",
        blank=True,
        help_text="Текст главной страницы раздела: что такое наставничество в школе и как принять участие",
    )
    description = models.CharField(
        "описание раздела для поисковых систем",
        max_length=300,
        blank=True,
        help_text="Одно-два предложения; показываются в результатах поиска",
    )
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="куратор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Имя показывается, если у куратора есть согласие на распространение ФИО",
    )
    phone = models.CharField("телефон для обращений", max_length=100, blank=True)
    email = models.EmailField("электронная почта для обращений", blank=True)
    reception = models.CharField(
        "где и когда принимает", max_length=300, blank=True, help_text="Например, кабинет 214, вторник 15:00–17:00"
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "раздел «Наставничество» на сайте"
        verbose_name_plural = "раздел «Наставничество» на сайте"

    def __str__(self):
        return "Раздел «Наставничество»"

    @classmethod
    def load(cls):
        """The stored settings, or unsaved ones with the standard text about the programme."""
        if stored := cls.objects.select_related("curator").order_by("pk").first():
            return stored
        return cls(intro=cls.default_intro())

    @staticmethod
    def default_intro():
        return render_to_string("public/default_intro.md", {"school": School.load()}).strip()


class PublicationQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published items whose publication date has come. Who is named in them is a second
        rule: ``participants.publicity.consented``."""
        return self.filter(status=Publication.Status.PUBLISHED, published_at__lte=now or timezone.now())


class Publication(models.Model):
    """An item of the public «Наставничество» section: news, an announcement, a document, a
    material, the year's results, a best mentor or a case. People it names, pictures or gives
    results of are listed as ``participants.Appearance`` rows, each covered by their consent."""

    class Kind(models.TextChoices):
        NEWS = "news", "новость"
        ANNOUNCEMENT = "announcement", "анонс"
        DOCUMENT = "document", "документ"
        MATERIAL = "material", "методический материал"
        RESULT = "result", "итоги"
        BEST_MENTOR = "best_mentor", "лучший наставник"
        CASE = "case", "кейс"

    class Level(models.TextChoices):
        FEDERAL = "federal", "федеральный уровень"
        REGIONAL = "regional", "региональный уровень"
        SCHOOL = "school", "уровень школы"

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        PUBLISHED = "published", "опубликовано"

    # The address of each kind's pages in the public section: /nastavnichestvo/<section>/<slug>/.
    SECTIONS = {
        Kind.NEWS: "novosti",
        Kind.ANNOUNCEMENT: "anonsy",
        Kind.DOCUMENT: "dokumenty",
        Kind.MATERIAL: "metodicheskie-materialy",
        Kind.RESULT: "itogi",
        Kind.BEST_MENTOR: "luchshie-nastavniki",
        Kind.CASE: "keisy",
    }

    kind = models.CharField("вид", max_length=16, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField("заголовок", max_length=300)
    slug = models.SlugField(
        "адрес страницы",
        max_length=100,
        unique=True,
        help_text="Латинскими буквами; составляется из заголовка, если оставить пустым",
    )
    summary = models.CharField(
        "краткое описание",
        max_length=300,
        blank=True,
        help_text="Для списков, ленты новостей и поисковых систем; если пусто — начало текста",
    )
    text = models.TextField("текст", blank=True)
    level = models.CharField(
        "уровень документа", max_length=16, choices=Level.choices, blank=True, help_text="Только для документов"
    )
    url = models.URLField("ссылка на источник", max_length=500, blank=True)
    event_date = models.DateField("дата мероприятия", null=True, blank=True, help_text="Для анонсов")
    year = models.ForeignKey(
        AcademicYear,
        verbose_name="учебный год",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    status = models.CharField("статус", max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "дата публикации", default=timezone.now, help_text="Если дата в будущем, публикация появится в этот момент"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="автор", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    history = HistoricalRecords()
    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "публикация"
        verbose_name_plural = "публикации"
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["kind", "status", "published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The item's public page (a draft's address answers 404 until it is published)."""
        return reverse("public_item", args=[self.section, self.slug])

    @property
    def section(self):
        return self.SECTIONS[self.kind]

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()


class PublicationFile(models.Model):
    """A picture shown with a publication, or a file attached to it for download."""

    publication = models.ForeignKey(
        Publication, verbose_name="публикация", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("файл", upload_to=PrivateUploadTo("publications"), max_length=200)
    file_name = models.CharField("имя файла", max_length=255, editable=False)
    size = models.PositiveIntegerField("размер, байт", default=0, editable=False)
    is_image = models.BooleanField("изображение", default=False, editable=False)
    title = models.CharField(
        "подпись", max_length=300, blank=True, help_text="Для файла — как его назвать в списке; для фото — подпись"
    )
    alt = models.CharField(
        "текстовое описание изображения",
        max_length=300,
        blank=True,
        help_text="Что изображено: его прочитает экранный диктор незрячему посетителю",
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)
    created_at = models.DateTimeField("добавлен", auto_now_add=True)

    class Meta:
        verbose_name = "файл публикации"
        verbose_name_plural = "файлы публикаций"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or self.file_name

    def get_absolute_url(self):
        return reverse("public_file", args=[self.pk])
