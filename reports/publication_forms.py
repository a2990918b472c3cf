"""Forms of «Публикации»: a publication with the people it shows, a file, the site section, the list's filters."""

from collections import defaultdict

from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from mentoring import filetypes, markup, roles
from mentoring.forms import DateInput, submit_helper
from mentoring.material_forms import MaterialFileField
from mentoring.models import AcademicYear, Publication, SiteSection, User
from participants import publicity
from participants.models import Person
from reports import publishing

PEOPLE_HELP = (
    "В списке только участники, давшие согласие на распространение, в котором это разрешено. "
    "Других участников в тексте и на фото не называйте и не показывайте."
)
KEPT_HELP = (
    "Пока они отмечены, публикация не показывается на сайте. "
    "Уберите из текста и фотографий всё о них и снимите отметку."
)
ALT_REQUIRED = "Опишите, что на изображении: это прочитает экранный диктор незрячему посетителю"
PUBLISHED_YEARS = (2000, 2100)
# The form's field of each mark of an appearance.
PEOPLE_FIELDS = {"name": "named", "photo": "pictured", "results": "with_results"}


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AddressField(forms.CharField):
    """An address part, taken in lower case."""

    def to_python(self, value):
        return super().to_python(value).strip().lower()


class PeopleField(forms.ModelMultipleChoiceField):
    """People to tick, each shown with their class or position."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, person):
        return f"{person.full_name} — {person.place}" if person.place else person.full_name


def covered_people(mark):
    people = Person.objects.select_related("school_class").order_by("last_name", "first_name", "patronymic", "pk")
    return publicity.people_covering(mark, people)


class PublicationForm(forms.ModelForm):
    slug = AddressField(
        label="Адрес страницы",
        required=False,
        max_length=publishing.SLUG_LENGTH,
        help_text="Латинскими буквами, цифрами и дефисами; если оставить пустым, составится из заголовка",
        validators=[
            RegexValidator(
                r"^[a-z0-9]+(-[a-z0-9]+)*$",
                "Адрес — только строчные латинские буквы, цифры и дефисы между ними, например itogi-goda-2026.",
            )
        ],
    )
    status = forms.ChoiceField(
        label="Состояние",
        choices=[(Publication.Status.DRAFT, "черновик"), (Publication.Status.PUBLISHED, "опубликовать")],
        widget=forms.RadioSelect,
        initial=Publication.Status.DRAFT,
    )
    url = forms.URLField(label="Ссылка на источник", required=False, max_length=500, assume_scheme="https")
    named = PeopleField(label="Названы по ФИО", queryset=Person.objects.none(), required=False)
    pictured = PeopleField(label="На фотографиях", queryset=Person.objects.none(), required=False)
    with_results = PeopleField(label="Приведены результаты", queryset=Person.objects.none(), required=False)
    kept = forms.TypedMultipleChoiceField(
        label="Участники без действующего согласия",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=KEPT_HELP,
    )

    class Meta:
        model = Publication
        fields = ["kind", "title", "slug", "summary", "text", "level", "url", "event_date", "year"]
        fields += ["status", "published_at"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "text": forms.Textarea(attrs={"rows": 18}),
            "event_date": DateInput(),
            "published_at": DateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = markup.HELP
        self.fields["year"].queryset = AcademicYear.objects.all()
        self.fields["year"].empty_label = "— не относится к году —"
        self.fields["level"].help_text = "Обязателен для документов"
        self.fields["level"].choices = [("", "—"), *Publication.Level.choices]
        self.fields["published_at"].show_hidden_initial = False
        self.fields["published_at"].help_text = "Если дата в будущем, публикация появится в этот момент"
        self.fields["published_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        for mark, name in PEOPLE_FIELDS.items():
            self.fields[name].queryset = covered_people(mark)
        self.uncovered = []
        if self.instance.pk:
            self._initial_from_instance()
        else:
            self.initial.setdefault("published_at", _now())
        if not self.uncovered:
            del self.fields["kept"]
        self.helper = submit_helper("Сохранить")
        self.helper.layout = Layout(
            "kind",
            "title",
            "slug",
            "summary",
            "text",
            "level",
            "event_date",
            "url",
            "year",
            "status",
            "published_at",
            Fieldset(
                "Участники в публикации",
                HTML(f'<p class="form-text mt-0">{PEOPLE_HELP}</p>'),
                *(Div(name, css_class="people-choices") for name in ("named", "pictured", "with_results")),
                *(["kept"] if self.uncovered else []),
            ),
        )

    def _initial_from_instance(self):
        publication = self.instance
        self.appearances = list(publishing.appearances(publication))
        for mark, name in PEOPLE_FIELDS.items():
            self.initial.setdefault(name, [item.person_id for item in self.appearances if getattr(item, mark)])
        self.uncovered = [item for item in self.appearances if publishing.uncovered_marks(item)]
        if self.uncovered:
            self.fields["kept"].choices = [
                (item.person_id, f"{item.person.full_name} — нет согласия на: {_missing(item)}")
                for item in self.uncovered
            ]
            self.initial.setdefault("kept", [item.person_id for item in self.uncovered])
        if publication.status == Publication.Status.DRAFT and publication.published_at <= timezone.now():
            # A draft published later gets the day it is published, not the day it was begun.
            self.initial["published_at"] = _now()
        else:
            self.initial["published_at"] = timezone.localtime(publication.published_at).replace(second=0, microsecond=0)

    def clean_published_at(self):
        """A believable moment: year 1 typed by mistake is before the database's first UTC day."""
        value = self.cleaned_data["published_at"]
        if value and not PUBLISHED_YEARS[0] <= value.year <= PUBLISHED_YEARS[1]:
            raise forms.ValidationError(
                f"Укажите дату публикации между {PUBLISHED_YEARS[0]} и {PUBLISHED_YEARS[1]} годами."
            )
        return value

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and Publication.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "Этот адрес уже занят другой публикацией: измените его или оставьте поле пустым."
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Publication.Kind.DOCUMENT:
            if not cleaned.get("level"):
                self.add_error("level", "Укажите уровень документа: федеральный, региональный или школьный.")
        else:
            cleaned["level"] = ""
        if kind and kind != Publication.Kind.ANNOUNCEMENT:
            cleaned["event_date"] = None
        return cleaned

    def marks(self):
        """{person id: {mark: bool}} of the ticked people; those without a consent keep their
        marks while they stay ticked."""
        marks = defaultdict(lambda: dict.fromkeys(publishing.MARKS, False))
        for mark, name in PEOPLE_FIELDS.items():
            for person in self.cleaned_data.get(name) or []:
                marks[person.pk][mark] = True
        kept = set(self.cleaned_data.get("kept") or [])
        for item in self.uncovered:
            if item.person_id in kept:
                for mark in publishing.uncovered_marks(item):
                    marks[item.person_id][mark] = True
        return dict(marks)


def _missing(appearance):
    return publishing.marks_text(publishing.uncovered_marks(appearance))


def _now():
    return timezone.localtime().replace(second=0, microsecond=0)


class PublicationFileField(MaterialFileField):
    """A file checked by content; the cleaned file carries ``kind`` beside ``download_name``."""

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file:
            file.kind, file.download_name = filetypes.check(file)
        return file


class PublicationFileForm(forms.Form):
    file = PublicationFileField(label="Файл")
    title = forms.CharField(
        label="Подпись",
        required=False,
        max_length=300,
        help_text="Для фото — подпись под ним; для файла — как назвать его в списке (иначе — имя файла)",
    )
    alt = forms.CharField(
        label="Текстовое описание изображения",
        required=False,
        max_length=300,
        help_text="Для фотографий и рисунков обязательно: что на них изображено — это прочитает экранный диктор "
        "незрячему посетителю",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Загрузить")
        self.image = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if not upload or upload.kind not in publishing.IMAGE_TYPES:
            return cleaned
        if not cleaned.get("alt", "").strip():
            self.add_error("alt", ALT_REQUIRED + ".")
            return cleaned
        try:
            self.image = publishing.reencode(upload, upload.kind)
        except forms.ValidationError as error:
            self.add_error("file", error)
        return cleaned


class SiteSectionForm(forms.ModelForm):
    class Meta:
        model = SiteSection
        fields = ["intro", "description", "curator", "phone", "email", "reception"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 18}), "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formatting = markup.HELP.replace(", изображения прикладываются ниже", "")
        self.fields["intro"].help_text = f"{self.fields['intro'].help_text}. {formatting}"
        curators = User.objects.filter(is_active=True, groups__name=roles.CURATOR)
        if self.instance.curator_id:
            curators = curators | User.objects.filter(pk=self.instance.curator_id)
        self.fields["curator"].queryset = curators.distinct().order_by("last_name", "first_name", "pk")
        self.fields["curator"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["curator"].empty_label = "— не указан —"
        self.helper = submit_helper("Сохранить")


class PublicationFilterForm(forms.Form):
    q = forms.CharField(label="Поиск", required=False, max_length=200)
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "все виды"), *Publication.Kind.choices])
    state = forms.ChoiceField(label="Состояние", required=False, choices=[("", "все"), *publishing.STATES])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(placeholder="слова из заголовка")
        for name in ("kind", "state"):
            self.fields[name].widget.attrs.update({"class": "form-select", "data-autosubmit": ""})
