from django.contrib import admin

from surveys.models import Choice, Invitation, Question, Response, Section, Survey


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "purpose", "year", "is_template", "opens_on", "closes_on", "anonymous"]
    list_filter = ["purpose", "is_template", "year"]
    search_fields = ["title"]
    inlines = [SectionInline]
    readonly_fields = ["is_template", "year"]  # a template and a year's survey are made on the survey pages


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "code", "kind", "survey", "required"]
    list_filter = ["kind", "survey"]
    search_fields = ["text", "code"]
    list_select_related = ["survey"]
    inlines = [ChoiceInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: links are created and revoked from the survey's page, where the rules live."""

    list_display = ["survey", "subject", "respondent_role", "expires_at", "used_at", "revoked_at"]
    list_filter = ["survey", "respondent_role"]
    list_select_related = ["survey", "subject"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "submitted_at", "respondent_role"]
    list_filter = ["survey"]
    list_select_related = ["survey"]
    fields = ["survey", "submitted_at", "respondent_role"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
