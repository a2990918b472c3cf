from django.urls import path

from surveys.views import builder, invitations, mine, respond, results

urlpatterns = [
    # Building
    path("surveys/", builder.survey_list, name="survey_list"),
    path("surveys/add/", builder.survey_add, name="survey_add"),
    path("surveys/<int:pk>/", builder.survey, name="survey"),
    path("surveys/<int:pk>/edit/", builder.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/copy/", builder.survey_copy, name="survey_copy"),
    path("surveys/<int:pk>/delete/", builder.survey_delete, name="survey_delete"),
    path("surveys/<int:pk>/preview/", builder.survey_preview, name="survey_preview"),
    path("surveys/<int:pk>/state/<str:action>/", builder.survey_state, name="survey_state"),
    path("surveys/<int:pk>/sections/add/", builder.section_add, name="section_add"),
    path("surveys/<int:pk>/sections/<int:section_pk>/", builder.section_edit, name="section_edit"),
    path("surveys/<int:pk>/sections/<int:section_pk>/delete/", builder.section_delete, name="section_delete"),
    path("surveys/<int:pk>/questions/add/", builder.question_add, name="question_add"),
    path("surveys/<int:pk>/questions/<int:question_pk>/", builder.question_edit, name="question_edit"),
    path("surveys/<int:pk>/questions/<int:question_pk>/delete/", builder.question_delete, name="question_delete"),
    path("surveys/<int:pk>/questions/<int:question_pk>/<str:direction>/", builder.question_move, name="question_move"),
    # Invitations
    path("surveys/<int:pk>/invitations/", invitations.invitations, name="survey_invitations"),
    path("surveys/<int:pk>/invitations/people/", invitations.invite_people, name="survey_invite_people"),
    path(
        "surveys/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("surveys/<int:pk>/classes/<int:class_pk>/", mine.class_status, name="survey_class"),
    path("surveys/<int:pk>/classes/<int:class_pk>/links.pdf", invitations.class_sheet, name="survey_class_sheet"),
    # Results
    path("surveys/<int:pk>/results/", results.survey_results, name="survey_results"),
    path("surveys/<int:pk>/responses/", results.responses, name="survey_responses"),
    path("surveys/<int:pk>/responses/<int:response_pk>/", results.response, name="survey_response"),
    path("surveys/<int:pk>/responses/to-bank/", results.to_bank, name="survey_to_bank"),
    path("surveys/<int:pk>/answers/<int:question_pk>/", results.question_answers, name="survey_question_answers"),
    path("surveys/<int:pk>/answers.xlsx", results.export, name="survey_export"),
    path("my-surveys/", mine.my_surveys, name="my_surveys"),
    # Respondents, without a login
    path("a/<str:token>/", respond.fill, name="survey_fill"),
    path("a/open/<str:token>/", respond.open_fill, name="survey_open_fill"),
    path("a/open/<str:token>/done/", respond.open_done, name="survey_open_done"),
]
