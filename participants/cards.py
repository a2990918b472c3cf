"""Panels that apps to the right of this one add to a person's card.

The card belongs to the banks, but what a person answered in questionnaires, or which pair
they are in, is kept by later apps. Each registers ``panel(request, person, year) -> str``
(rendered HTML, or "" when it has nothing to show this user) from its AppConfig.ready.
"""

_panels = []


def register(panel):
    if panel not in _panels:
        _panels.append(panel)
    return panel


def render(request, person, year):
    return [html for panel in _panels if (html := panel(request, person, year))]
