"""Not written yet."""


def mentor_scores(request, pk=None):
    raise NotImplementedError


def interview_add(request, pk=None):
    raise NotImplementedError


def parameters(request, pk=None):
    raise NotImplementedError


def parameter_add(request, pk=None):
    raise NotImplementedError


def parameter_edit(request, pk=None):
    raise NotImplementedError


def training_events(request, pk=None):
    raise NotImplementedError


def training_event_add(request, pk=None):
    raise NotImplementedError


def training_event(request, pk=None):
    raise NotImplementedError


def training_event_edit(request, pk=None):
    raise NotImplementedError


def material_add(request, pk=None):
    raise NotImplementedError


def material_download(request, pk=None):
    raise NotImplementedError
