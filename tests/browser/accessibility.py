"""The accessibility check of a page: axe-core (vendored in ``vendor/``) run in the page itself.

The script is evaluated through the browser's debugging protocol, which the page's Content
Security Policy does not govern; the page under test keeps its own policy.
"""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
# WCAG 2.1 A and AA, the level Russian public sites are held to (ГОСТ Р 52872-2019).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def violations(page):
    """The serious and critical violations on ``page``, one readable line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(result => result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        TAGS,
    )
    blocking = [v for v in found if v["impact"] in BLOCKING]
    return [f"{v['impact']}: {v['id']} — {v['help']} at {', '.join(v['nodes'])}" for v in blocking]
