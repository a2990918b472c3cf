"""Not written yet."""


def forms_list(request, pk=None):
    raise NotImplementedError


def form_add(request, pk=None):
    raise NotImplementedError


def form_edit(request, pk=None):
    raise NotImplementedError


def kinds(request, pk=None):
    raise NotImplementedError


def kind_edit(request, pk=None):
    raise NotImplementedError


def export_log(request, pk=None):
    raise NotImplementedError
