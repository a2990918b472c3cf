from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from mentoring.models import AcademicYear, DataExport, RoadmapActivity, RoadmapStage, School, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "patronymic", "position", "is_active"]
    list_filter = ["groups", "is_active"]
    search_fields = ["username", "last_name", "first_name", "patronymic", "email", "position"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Личные данные", {"fields": ["last_name", "first_name", "patronymic", "position", "email"]}),
        ("Роли и доступ", {"fields": ["is_active", "groups", "is_staff", "is_superuser", "user_permissions"]}),
        ("Даты", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2"]}),
        ("Личные данные", {"fields": ["last_name", "first_name", "patronymic", "position", "email"]}),
        ("Роли", {"fields": ["groups"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        # The curator manages the school's accounts, never those of the people who run the server:
        # neither their data nor their passwords (the change, password and delete pages are 404).
        return users.filter(is_superuser=False, is_staff=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Only a superuser grants superuser or staff status or single permissions.
        hidden = {"is_staff", "is_superuser", "user_permissions"}
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]}) for name, opts in fieldsets]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["short_name", "director_name", "city"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not School.objects.exists()


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_current"]


@admin.register(RoadmapStage)
class RoadmapStageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year"]
    list_filter = ["year"]
    list_select_related = ["year"]
    search_fields = ["title"]


@admin.register(RoadmapActivity)
class RoadmapActivityAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "start_date", "end_date", "responsible", "done_at"]
    list_filter = ["stage__year", "stage__number"]
    list_select_related = ["stage"]
    search_fields = ["title", "expected_result", "responsible"]
    date_hierarchy = "end_date"
    readonly_fields = ["stage", "number", "done_at", "done_by"]

    def has_add_permission(self, request):
        return False  # activities are added on the roadmap page, which keeps their numbers in order

    def has_delete_permission(self, request, obj=None):
        return False  # likewise deleted there

    @admin.display(description="№", ordering="stage__number")
    def code(self, activity):
        return activity.code


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "what", "rows", "address"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
