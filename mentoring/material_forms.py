"""Forms of the methodological piggy bank: a material, the tags line, the list's search."""

from django import forms

from mentoring import filetypes
from mentoring.forms import submit_helper
from mentoring.materials import TAG_MAX_LENGTH, parse_tags
from mentoring.models import AcademicYear, Material


class TagsField(forms.CharField):
    """«Метки через запятую»: cleans to a list of tag names."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Метки через запятую")
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("help_text", "Например: адаптация, 5 класс, учитель – ученик")
        super().__init__(**kwargs)

    def clean(self, value):
        names = parse_tags(super().clean(value))
        too_long = [name for name in names if len(name) > TAG_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"Метка «{too_long[0][:40]}…» длиннее {TAG_MAX_LENGTH} знаков: метки разделяются запятыми."
            )
        return names


class MaterialFileField(forms.FileField):
    """A file of an accepted type, checked by its content, up to the size limit. The cleaned file
    carries ``download_name``: the uploader's name with the true extension."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"{filetypes.accepted_text()}; не больше {filetypes.size_limit_text()}.")
        kwargs.setdefault("widget", forms.ClearableFileInput)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault(
            "accept", ",".join(ext for kind in filetypes.MATERIAL_TYPES for ext in kind.extensions)
        )

    def to_python(self, data):
        file = super().to_python(data)
        if file:
            _kind, file.download_name = filetypes.check(file)
        return file


class MaterialForm(forms.ModelForm):
    file = MaterialFileField(label="Файл", required=False)
    url = forms.URLField(label="Ссылка", required=False, max_length=500, assume_scheme="https")
    tags = TagsField()

    class Meta:
        model = Material
        fields = ["title", "kind", "description", "authors", "file", "url", "tags", "year"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        labels = {"description": "Описание"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = AcademicYear.objects.all()
        self.fields["year"].empty_label = "— не относится к году —"
        self.fields["description"].help_text = "Краткое описание или текст кейса"
        if self.instance.pk:
            self.initial["tags"] = ", ".join(tag.name for tag in self.instance.tags.all())
        self.helper = submit_helper("Сохранить")

    def clean(self):
        cleaned = super().clean()
        if "file" in self.errors:
            return cleaned
        if not (cleaned.get("file") or cleaned.get("url") or (cleaned.get("description") or "").strip()):
            raise forms.ValidationError("Прикрепите файл, дайте ссылку или напишите описание — хотя бы что-то одно.")
        return cleaned

    def material(self):
        """The unsaved material with its file name set; ``mentoring.materials`` stores it and its tags."""
        material = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "download_name"):
            material.file_name = upload.download_name
        elif not upload:
            material.file_name = ""
        return material


class MaterialFilterForm(forms.Form):
    q = forms.CharField(label="Поиск", required=False, max_length=200)
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "все виды"), *Material.Kind.choices])
    tag = forms.CharField(label="Метка", required=False, max_length=TAG_MAX_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(placeholder="название, описание, авторы, метки")
        self.fields["kind"].widget.attrs.update({"class": "form-select", "data-autosubmit": ""})
