from django.urls import path

from participants.views import banks, consents, dictionaries, excel, people, selection

urlpatterns = [
    # The directory of people and their cards
    path("people/", people.people, name="people"),
    path("people/add/", people.person_add, name="person_add"),
    path("people/to-bank/", people.people_to_bank, name="people_to_bank"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/mentee/", people.mentee_add, name="mentee_add"),
    path("people/<int:pk>/mentor/", people.mentor_add, name="mentor_add"),
    path("people/<int:pk>/mentor-profile/", people.mentor_profile_edit, name="mentor_profile_edit"),
    path("classes/", people.classes, name="classes"),
    path("classes/add/", people.class_add, name="class_add"),
    path("classes/<int:pk>/", people.class_edit, name="class_edit"),
    # The banks
    path("mentees/", banks.mentees, name="mentees"),
    path("mentees/<int:pk>/edit/", banks.mentee_edit, name="mentee_edit"),
    path("mentees/<int:pk>/notes/add/", banks.request_note_add, name="request_note_add"),
    path("mentees/report/", banks.request_note_report, name="request_note_report"),
    path("mentors/", banks.mentors, name="mentors"),
    path("mentors/<int:pk>/edit/", banks.mentor_edit, name="mentor_edit"),
    # Excel
    path("people/import/", excel.people_import, name="people_import"),
    path("people/import/<int:pk>/", excel.people_import_preview, name="people_import_preview"),
    path("people/import/template.xlsx", excel.import_template, name="import_template"),
    path("people/export.xlsx", excel.people_export, name="people_export"),
    path("mentees/export.xlsx", excel.mentees_export, name="mentees_export"),
    path("mentors/export.xlsx", excel.mentors_export, name="mentors_export"),
    # Consents
    path("people/<int:pk>/consents/add/", consents.consent_add, name="consent_add"),
    path("consents/<int:pk>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/scan/", consents.consent_scan, name="consent_scan"),
    path("consents/<int:pk>/scan/upload/", consents.consent_scan_upload, name="consent_scan_upload"),
    # Selection and training of mentors
    path("mentors/<int:pk>/scores/", selection.mentor_scores, name="mentor_scores"),
    path("mentors/<int:pk>/interviews/add/", selection.interview_add, name="interview_add"),
    path("mentors/parameters/", selection.parameters, name="evaluation_parameters"),
    path("mentors/parameters/add/", selection.parameter_add, name="evaluation_parameter_add"),
    path("mentors/parameters/<int:pk>/", selection.parameter_edit, name="evaluation_parameter_edit"),
    path("mentors/training/", selection.training_events, name="training_events"),
    path("mentors/training/add/", selection.training_event_add, name="training_event_add"),
    path("mentors/training/<int:pk>/", selection.training_event, name="training_event"),
    path("mentors/training/<int:pk>/edit/", selection.training_event_edit, name="training_event_edit"),
    path("mentors/training/<int:pk>/materials/add/", selection.material_add, name="training_material_add"),
    path("mentors/training/materials/<int:pk>/", selection.material_download, name="training_material"),
    # Dictionaries
    path("dictionaries/forms/", dictionaries.forms_list, name="mentoring_forms"),
    path("dictionaries/forms/add/", dictionaries.form_add, name="mentoring_form_add"),
    path("dictionaries/forms/<int:pk>/", dictionaries.form_edit, name="mentoring_form_edit"),
    path("dictionaries/kinds/", dictionaries.kinds, name="mentoring_kinds"),
    path("dictionaries/kinds/<int:pk>/", dictionaries.kind_edit, name="mentoring_kind_edit"),
    path("exports/", dictionaries.export_log, name="export_log"),
]
