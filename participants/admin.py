from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participants.models import (
    Consent,
    EvaluationParameter,
    Mentee,
    Mentor,
    MentoringForm,
    MentoringKind,
    Person,
    RoleModel,
    SchoolClass,
)


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "class_leader"]
    list_filter = ["year", "grade"]
    list_select_related = ["year", "class_leader"]
    search_fields = ["class_leader__last_name"]
    autocomplete_fields = ["class_leader"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "kind", "school_class", "position", "birth_date"]
    list_filter = ["kind", "school_class__grade"]
    list_select_related = ["school_class"]
    search_fields = ["search_name", "email"]
    autocomplete_fields = ["user"]
    ordering = ["last_name", "first_name", "patronymic"]


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["name", "audience", "is_active", "position"]
    list_editable = ["position"]


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    list_display = ["name", "form", "position"]
    list_filter = ["form"]


@admin.register(MentoringKind)
class MentoringKindAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]


@admin.register(Mentee)
class MenteeAdmin(SimpleHistoryAdmin):
    list_display = ["person", "year", "status", "form"]
    list_filter = ["year", "status", "form"]
    list_select_related = ["person", "year", "form"]
    search_fields = ["person__search_name"]
    autocomplete_fields = ["person"]


@admin.register(Mentor)
class MentorAdmin(SimpleHistoryAdmin):
    list_display = ["person", "year", "status", "capacity"]
    list_filter = ["year", "status", "forms"]
    list_select_related = ["person", "year"]
    search_fields = ["person__search_name"]
    autocomplete_fields = ["person"]


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "kind", "given_by", "given_on", "withdrawn_on"]
    list_filter = ["kind", "given_by"]
    list_select_related = ["person"]
    search_fields = ["person__search_name"]
    autocomplete_fields = ["person"]
    exclude = ["scan"]  # scans are downloaded through the card, where the download is logged


@admin.register(EvaluationParameter)
class EvaluationParameterAdmin(admin.ModelAdmin):
    list_display = ["name", "max_score", "is_active", "position"]
