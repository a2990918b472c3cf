"""Not written yet."""


def people_import(request, pk=None):
    raise NotImplementedError


def people_import_preview(request, pk=None):
    raise NotImplementedError


def import_template(request, pk=None):
    raise NotImplementedError


def people_export(request, pk=None):
    raise NotImplementedError


def mentees_export(request, pk=None):
    raise NotImplementedError


def mentors_export(request, pk=None):
    raise NotImplementedError
