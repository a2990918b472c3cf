"""The formatting the curator may use in texts published on the site.

A small, safe subset of Markdown: paragraphs, **bold**, *italic*, lists, quotes, headings and
links (to http, https, mailto and tel addresses, and within the site). Anything typed as HTML is
shown as text, never interpreted; pictures are attached to a publication with their description,
not drawn from the text. No heading is above the second level: the page's own title is its only
first-level heading.
"""

from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_SCHEMES = ("http:", "https:", "mailto:", "tel:")
HELP = (
    "Оформление: пустая строка — новый абзац; **жирный**, *курсив*; строки, начинающиеся с «- » "
    "или «1. », — списки; «## » в начале строки — подзаголовок; ссылка — [текст](https://адрес). "
    "HTML не поддерживается, изображения прикладываются ниже."
)


def _allowed_link(url):
    url = url.strip().lower()
    if url.startswith(("/", "#")) and not url.startswith("//"):
        return True
    return url.startswith(ALLOWED_SCHEMES)


def _heading(self, tokens, idx, options, env):
    token = tokens[idx]
    level = max(int(token.tag[1]), 2)
    token.tag = f"h{level}"
    if token.nesting == 1 and idx + 2 < len(tokens):
        tokens[idx + 2].tag = token.tag
    return self.renderToken(tokens, idx, options, env)


def _link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    if not (token.attrGet("href") or "").startswith(("/", "#")):
        token.attrSet("rel", "noopener")
    return self.renderToken(tokens, idx, options, env)


_parser = MarkdownIt("commonmark", {"html": False}).disable(["image", "html_block", "html_inline"])
_parser.validateLink = _allowed_link
_parser.add_render_rule("heading_open", _heading)
_parser.add_render_rule("link_open", _link_open)


def render(text):
    """``text`` as safe HTML."""
    # Raw HTML is disabled and every link checked: what the parser gives is safe to show.
    return mark_safe(_parser.render(text or ""))


def plain(text, length=None):
    """``text`` without its formatting, as one line (for descriptions and the feed), cut to
    ``length`` characters at a word's end."""
    words = []
    for token in _parser.parse(text or ""):
        if token.type == "inline":
            words.extend(child.content for child in token.children or [] if child.type in ("text", "code_inline"))
    line = " ".join(" ".join(words).split())
    if length and len(line) > length:
        line = line[: length - 1].rsplit(" ", 1)[0].rstrip(",.;:—- ") + "…"
    return line
