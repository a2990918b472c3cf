"""Printed forms outside the register: consents, labour-law forms, programmes, and their page."""

from django.urls import path

from reports.views import printouts

urlpatterns = [
    path("documents/forms/", printouts.printouts, name="printouts"),
    path("documents/forms/classes/<int:class_pk>/consents.pdf", printouts.class_consents, name="class_consents_pdf"),
    path("documents/forms/mentors/<int:mentor_pk>/labour.pdf", printouts.mentor_labour, name="mentor_labour_pdf"),
    path("documents/forms/labour.pdf", printouts.labour_forms, name="labour_forms_pdf"),
    path("documents/forms/pairs/<int:pk>/programme.pdf", printouts.programme_pdf, name="programme_pdf"),
]
