from django.contrib import admin

from participants.models import Person, SchoolClass


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "class_leader"]
    list_filter = ["year", "grade"]
    list_select_related = ["year", "class_leader"]
    search_fields = ["class_leader__last_name"]
    autocomplete_fields = ["class_leader"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "kind", "school_class", "position", "birth_date"]
    list_filter = ["kind", "school_class__grade"]
    list_select_related = ["school_class"]
    search_fields = ["last_name", "first_name", "patronymic", "email"]
    autocomplete_fields = ["user"]
    ordering = ["last_name", "first_name", "patronymic"]
