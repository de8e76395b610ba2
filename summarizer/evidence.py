"""The evidence view: results as one self-contained HTML page, shown the way a reader checks them.

Each article gets a section: its title, the summary, the sentiment with its
score; the cleaned article with every key figure marked where its offsets say
(a tooltip for hover and a numbered note beside or below the text for phones);
each entity's evidence sentence underlined in its sentiment's colour; and what
the cleaner removed, grouped by reason under ``<details>``. Several articles
make one page with an index.

The article is untrusted: every piece of it reaches the page through
``html.escape``, and a Content-Security-Policy forbids scripts and anything
fetched from elsewhere. Offsets are checked, never trusted: a figure outside
the text, not matching its ``raw``, or overlapping another is skipped and says
why. The article is shown in one ``white-space: pre-wrap`` element, so its text
in the page is exactly the cleaned text and offsets can be checked in the DOM.
This module renders only; the results come from ``summarize_many`` (its
``BatchResult`` carries the cleaned article), and nothing is cleaned again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise

from .cleaning import CleanArticle
from .models import EntitySentiment, KeyFigure, Summary
from .render import format_value


@dataclass(frozen=True)
class ArticleEvidence:
    """One article to show: where it came from, its summary, and the cleaned article the summary was made from."""

    label: str
    summary: Summary
    article: CleanArticle


@dataclass(frozen=True)
class Mark:
    """A key figure placed in the text: ``number`` is its 1-based position in ``Summary.key_figures``."""

    number: int
    figure: KeyFigure


@dataclass(frozen=True)
class Underline:
    start: int
    end: int
    entity: EntitySentiment


@dataclass
class Layout:
    """What goes where in one article's text, and what could not be placed (with the reason)."""

    marks: list[Mark] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # figure number -> why it is not highlighted
    underlines: list[Underline] = field(default_factory=list)
    unplaced: list[EntitySentiment] = field(default_factory=list)  # evidence not found verbatim


def lay_out(text: str, summary: Summary) -> Layout:
    """Place the figures at their offsets and find each entity's evidence sentence in ``text``."""
    layout = Layout()
    numbered = sorted(enumerate(summary.key_figures, 1), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    last: Mark | None = None
    for number, figure in numbered:
        why = _misplaced(text, figure)
        if why is None and last is not None and figure.start < last.figure.end:
            why = f"overlaps figure {last.number} ({last.figure.raw!r} at {last.figure.start}-{last.figure.end})"
        if why is not None:
            layout.skipped[number] = why
            continue
        last = Mark(number, figure)
        layout.marks.append(last)
    for entity in summary.sentiment.entities:
        quote = entity.evidence.strip()
        start = text.find(quote) if quote else -1
        if start < 0:
            layout.unplaced.append(entity)
        else:
            layout.underlines.append(Underline(start, start + len(quote), entity))
    return layout


def _misplaced(text: str, figure: KeyFigure) -> str | None:
    if not 0 <= figure.start < figure.end <= len(text):
        return f"its offsets {figure.start}-{figure.end} are outside the article ({len(text)} characters)"
    found = text[figure.start:figure.end]
    if found != figure.raw:
        return f"the article has {found!r} at {figure.start}-{figure.end}, not {figure.raw!r}"
    return None


# --- HTML -------------------------------------------------------------------

_STYLE = """
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
overflow-wrap:break-word}
main{max-width:76rem;margin:0 auto;padding:.75rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 .5rem}
h2{font-size:1.05rem;margin:1.25rem 0 .5rem}
.view,.index{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:0 0 1rem}
.source,.meta{color:#59636e;font-size:.85rem;overflow-wrap:anywhere}
.summary{font-size:1.05rem;margin:.5rem 0}
.badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85rem;font-weight:600;white-space:nowrap}
.positive{color:#116329;background:#dafbe1}.negative{color:#a40e26;background:#ffebe9}
.neutral{color:#424a53;background:#eaeef2}.mixed{color:#7d4e00;background:#fff8c5}
.grid{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
@media (min-width:62rem){.grid{grid-template-columns:minmax(0,1fr) 19rem}.notes{position:sticky;top:.75rem}}
.article{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:1rem}
mark{background:#fff1a8;color:inherit;border-radius:3px;box-shadow:0 0 0 1px #e3c300}
mark::after{content:attr(data-n);font-size:.65em;vertical-align:super;color:#7d4e00;font-weight:700;margin-left:.1em}
.ev{text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:3px}
.ev-positive{text-decoration-color:#1a7f37}.ev-negative{text-decoration-color:#cf222e}
.ev-neutral{text-decoration-color:#818b98}.ev-mixed{text-decoration-color:#bf8700}
.notes{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.5rem .75rem;font-size:.875rem;
align-self:start}
.notes h2{margin:.25rem 0 .4rem}.notes ol{margin:0;padding-left:1.6rem}.notes li{margin:.3rem 0}
.notes .skipped{color:#59636e}
.raw{font-weight:600}.failed{color:#a40e26}
ul{padding-left:1.2rem}li{margin:.25rem 0}
details{margin:.35rem 0}.removed{margin-top:1rem}summary{cursor:pointer;font-weight:600}
details details{margin-left:1rem}.cut{white-space:pre-wrap;overflow-wrap:anywhere;color:#59636e}
.at{font-family:ui-monospace,monospace;font-size:.8em;color:#818b98;margin-right:.4em}
"""


def render_page(articles: Sequence[ArticleEvidence], failures: Sequence[tuple[str, str]] = ()) -> str:
    """One self-contained page for ``articles`` (an index when there is more than one entry);
    ``failures`` are ``(label, error)`` pairs listed in the index so the page says what is missing."""
    ids = [f"a{n}" for n in range(1, len(articles) + 1)]
    sections = "".join(render_section(item, anchor) for item, anchor in zip(articles, ids, strict=True))
    index = _index(articles, ids, failures) if len(articles) + len(failures) > 1 else ""
    heading = _title(articles[0]) if len(articles) == 1 else f"Evidence: {len(articles)} articles"
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>{escape(heading)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
            f"{index}{sections}</main>\n</body>\n</html>\n")


def _title(item: ArticleEvidence) -> str:
    return item.summary.title or item.article.title or item.label


def _badge(label: str, score: float | None = None) -> str:
    text = label if score is None else f"{label} {score:+.2f}"
    return f'<span class="badge {escape(label)}">{escape(text)}</span>'


def _index(articles: Sequence[ArticleEvidence], ids: Sequence[str], failures: Sequence[tuple[str, str]]) -> str:
    rows = [f'<li><a href="#{anchor}">{escape(_title(item))}</a> '
            f"{_badge(item.summary.sentiment.label, item.summary.sentiment.score)}"
            + (f' <span class="source">{escape(item.label)}</span>' if _title(item) != item.label else "") + "</li>"
            for item, anchor in zip(articles, ids, strict=True)]
    rows += [f'<li class="failed"><span class="source">{escape(label)}</span> failed: '
             f'{escape(error.removeprefix(f"{label}: "))}</li>' for label, error in failures]
    return f'<nav class="index" aria-label="Articles"><h1>Articles</h1>\n<ol>\n{"".join(rows)}</ol>\n</nav>\n'


def render_section(item: ArticleEvidence, anchor: str) -> str:
    """One article's ``<section>``; ``anchor`` is its id, and prefixes the ids of its figures and notes."""
    summary, text = item.summary, item.article.text
    layout = lay_out(text, summary)
    s = summary.sentiment
    parts = [f'<section class="view" id="{escape(anchor)}">\n<h1>{escape(_title(item))}</h1>\n',
             f'<p class="source">{escape(item.label)}</p>\n<p class="summary">{escape(summary.summary)}</p>\n',
             f'<p class="sentiment">Sentiment: {_badge(s.label, s.score)} {escape(s.rationale)}</p>\n',
             _meta(item),
             '<div class="grid">\n<div>\n<h2>Cleaned article</h2>\n',
             f'<div class="article">{_article_html(text, layout, anchor)}</div>\n</div>\n',
             '<aside class="notes">\n', _notes(summary.key_figures, layout, anchor), _entities(layout),
             "</aside>\n</div>\n", _removed(item.article), "</section>\n"]
    return "".join(parts)


def _meta(item: ArticleEvidence) -> str:
    meta = item.summary.meta
    origin = "from the cache" if meta.cached else f"{meta.seconds:.2f}s"
    bits = [f"{meta.backend} ({meta.model}), prompt {meta.prompt_version}, {origin}"]
    if meta.parts > 1:
        bits.append(f"split into {meta.parts} parts")
    lines = [f'<p class="meta">{escape("; ".join(bits))}</p>\n']
    lines += [f'<p class="meta">warning: {escape(w)}</p>\n' for w in meta.warnings]
    lines += [f'<p class="meta">note: {escape(n)}</p>\n' for n in item.article.notes]
    return "".join(lines)


def describe(figure: KeyFigure) -> str:
    """The figure in words, for its tooltip and its note: label, value and unit, kind, direction, entity."""
    value = format_value(figure)
    if figure.value_high is not None:
        value += f" to {format_value(figure.model_copy(update={'value': figure.value_high}))}"
    if figure.approximate:
        value = f"about {value}"
    facts = [f"{figure.label}: {value}", figure.kind.replace("_", " ")]
    if figure.converted is not None:
        facts.append(f"= {figure.converted.value:,.10g} {figure.converted.unit}")
    if figure.direction:
        facts.append(figure.direction)
    if figure.entity:
        facts.append(figure.entity)
    return " · ".join(facts)


def _article_html(text: str, layout: Layout, anchor: str) -> str:
    """The text with figures as ``<mark>`` elements and evidence as underlined spans, never nested in each other:
    a mark inside an evidence sentence carries the underline class itself, so every mark holds exactly its raw."""
    pieces: list[str] = []
    position = 0
    for mark in layout.marks:
        figure = mark.figure
        pieces.append(_underlined(text, position, figure.start, layout.underlines))
        covering = _covering(figure.start, figure.end, layout.underlines)
        classes = f' class="{_ev_class(covering)}"' if covering else ""
        tip = describe(figure) + (f" — evidence for {_names(covering)}" if covering else "")
        pieces.append(f'<mark id="{anchor}-f{mark.number}" data-n="{mark.number}" data-start="{figure.start}" '
                      f'data-end="{figure.end}"{classes} title="{escape(tip)}">{escape(figure.raw)}</mark>')
        position = figure.end
    pieces.append(_underlined(text, position, len(text), layout.underlines))
    return "".join(pieces)


def _underlined(text: str, start: int, end: int, underlines: Sequence[Underline]) -> str:
    """``text[start:end]`` escaped, cut where evidence sentences begin and end, those pieces underlined."""
    cuts = sorted({start, end} | {p for u in underlines for p in (u.start, u.end) if start < p < end})
    pieces = []
    for a, b in pairwise(cuts):
        covering = _covering(a, b, underlines)
        chunk = escape(text[a:b])
        pieces.append(f'<span class="{_ev_class(covering)}" title="{escape("evidence for " + _names(covering))}">'
                      f"{chunk}</span>" if covering else chunk)
    return "".join(pieces)


def _covering(start: int, end: int, underlines: Sequence[Underline]) -> list[EntitySentiment]:
    return [u.entity for u in underlines if u.start < end and start < u.end]


def _ev_class(entities: Sequence[EntitySentiment]) -> str:
    return f"ev ev-{escape(entities[0].label)}"  # one colour: the first entity's; the title names them all


def _names(entities: Sequence[EntitySentiment]) -> str:
    return "; ".join(f"{e.name} ({e.label})" for e in entities)


def _notes(figures: Sequence[KeyFigure], layout: Layout, anchor: str) -> str:
    if not figures:
        return "<h2>Key figures</h2>\n<p>None.</p>\n"
    rows = []
    for number, figure in enumerate(figures, 1):
        why = layout.skipped.get(number)
        raw = escape(figure.raw)
        if why is None:
            rows.append(f'<li value="{number}" id="{anchor}-n{number}"><a class="raw" href="#{anchor}-f{number}">'
                        f"{raw}</a> {escape(describe(figure))}</li>")
        else:
            rows.append(f'<li value="{number}" class="skipped"><span class="raw">{raw}</span> '
                        f"{escape(describe(figure))}<br>not highlighted: {escape(why)}</li>")
    return f'<h2>Key figures</h2>\n<ol>\n{"".join(rows)}</ol>\n'


def _entities(layout: Layout) -> str:
    if not layout.underlines and not layout.unplaced:
        return ""
    found = [f'<li>{_badge(u.entity.label)} <b>{escape(u.entity.name)}</b>: '
             f'<span class="ev ev-{escape(u.entity.label)}">{escape(u.entity.evidence)}</span></li>'
             for u in layout.underlines]
    parts = ["<h2>Entities</h2>\n"]
    if found:
        parts.append(f'<p class="meta">Each sentence is underlined in the article.</p>\n'
                     f'<ul class="entities">\n{"".join(found)}</ul>\n')
    if layout.unplaced:
        missing = [f"<li>{_badge(e.label)} <b>{escape(e.name)}</b>: “{escape(e.evidence)}”</li>"
                   for e in layout.unplaced]
        parts.append(f'<h2>Evidence not found verbatim in the article</h2>\n'
                     f'<ul class="unplaced">\n{"".join(missing)}</ul>\n')
    return "".join(parts)


def _removed(article: CleanArticle) -> str:
    """What the cleaner cut, one collapsed group per audit reason (most pieces first), offsets into the input."""
    if not article.removed:
        return '<p class="meta">Nothing was removed as noise.</p>\n'
    counts = Counter(r.reason for r in article.removed)
    groups = []
    for reason, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        rows = [f'<li><span class="at">{r.start}-{r.end}</span><span class="cut">{escape(r.text)}</span></li>'
                for r in article.removed if r.reason == reason]
        groups.append(f'<details class="reason"><summary>{escape(reason)} ({count})</summary>\n'
                      f'<ol>\n{"".join(rows)}</ol>\n</details>\n')
    total = len(article.removed)
    return (f'<details class="removed" open><summary>Removed as noise: {total} piece{"s" if total != 1 else ""}, '
            f'{len(counts)} reason{"s" if len(counts) != 1 else ""}</summary>\n'
            f'<p class="meta">Offsets are into the input as read.</p>\n{"".join(groups)}</details>\n')
