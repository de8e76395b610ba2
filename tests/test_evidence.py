"""The evidence view (``summarizer.evidence`` and ``summarize -f html``): where the marks are, escaping, removed noise.

The page is read back with the standard library's HTML parser, as a browser would
build it: the article element's text must be the cleaned text exactly, and each
``<mark>`` must sit at its figure's offsets. ``test_evidence_chromium`` checks the
same in a real browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import CleanArticle, KeyFigure, Summary
from summarizer.cleaning import CleanStats, Removed
from summarizer.cli import cli
from summarizer.evidence import ArticleEvidence, lay_out, render_page
from summarizer.models import EntitySentiment, Meta, Sentiment
from summarizer.testing import EchoBackend, ScriptedBackend, answer, serving

HOSTILE = ('Acme "Rockets" <script>alert(1)</script> said revenue rose 12% to $3.2 billion. '
           "Its O'Brien said: </mark><b>not bold</b> & more.\n\n"
           "Shares fell 4% on Tuesday, the worst day in a year.")

VOID = {"meta", "br", "link", "img", "input", "hr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # all text inside, as the DOM's textContent
    children: list[Node] = field(default_factory=list)


class Page(HTMLParser):
    """The page as a tree of elements with their text: enough to find the article, its marks and its spans."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for node in self.stack:
            node.text += data

    def find(self, tag: str | None = None, cls: str | None = None, node: Node | None = None) -> Iterator[Node]:
        for child in (node or self.root).children:
            if (tag is None or child.tag == tag) and (cls is None or cls in child.attrs.get("class", "").split()):
                yield child
            yield from self.find(tag, cls, child)


def figure(text: str, raw: str, label: str = "a figure", occurrence: int = 0, **extra) -> KeyFigure:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(raw, start + 1)
    return KeyFigure(raw=raw, label=label, value=1, unit="%", start=start, end=start + len(raw), **extra)


def result(text: str, figures: list[KeyFigure], entities: list[EntitySentiment] = (), title: str | None = "T"
           ) -> Summary:
    return Summary(title=title, summary="It happened.", key_figures=figures,
                   sentiment=Sentiment(label="mixed", score=0.1, rationale="both ways", entities=list(entities)),
                   meta=Meta(model="m", backend="b", prompt_version="v1"))


def cleaned(text: str, removed: list[Removed] = ()) -> CleanArticle:
    return CleanArticle(text=text, removed=list(removed), stats=CleanStats(chars_in=len(text), chars_out=len(text)))


def page_for(text: str, figures: list[KeyFigure], entities: list[EntitySentiment] = (), removed: list[Removed] = (),
             title: str | None = "T") -> tuple[str, Page]:
    html = render_page([ArticleEvidence("in.txt", result(text, figures, entities, title), cleaned(text, removed))])
    return html, Page(html)


def article_text(page: Page) -> str:
    """The article element's text, spans and marks included, as a browser's ``textContent``."""
    return next(page.find("div", "article")).text


def mark_positions(html: str) -> list[tuple[str, int, int, str]]:
    """(mark text, data-start, data-end, article text before the mark) for each mark, from the raw HTML's parse."""
    positions = []

    class Walker(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.inside, self.depth, self.seen, self.mark = False, 0, "", None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "div" and attrs.get("class") == "article":
                self.inside, self.depth = True, 0
            elif self.inside:
                self.depth += 1
                if tag == "mark":
                    self.mark = [attrs["data-start"], attrs["data-end"], self.seen, ""]

        def handle_endtag(self, tag):
            if not self.inside:
                return
            if self.depth == 0:
                self.inside = False
                return
            self.depth -= 1
            if tag == "mark":
                start, end, before, inner = self.mark
                positions.append((inner, int(start), int(end), before))
                self.mark = None

        def handle_data(self, data):
            if self.inside:
                self.seen += data
                if self.mark is not None:
                    self.mark[3] += data

    Walker().feed(html)
    return positions


# --- the library -----------------------------------------------------------

def test_each_mark_holds_its_figures_raw_exactly_where_its_offsets_say():
    figures = [figure(HOSTILE, "12%"), figure(HOSTILE, "$3.2 billion"), figure(HOSTILE, "4%")]
    html, page = page_for(HOSTILE, figures)
    assert article_text(page) == HOSTILE
    positions = mark_positions(html)
    assert [p[0] for p in positions] == ["12%", "$3.2 billion", "4%"]
    for (inner, start, end, before), fig in zip(positions, figures, strict=True):
        assert (start, end) == (fig.start, fig.end)
        assert inner == fig.raw == HOSTILE[start:end]
        assert before == HOSTILE[:start]


def test_article_text_is_escaped_scripts_quotes_and_closing_marks_stay_text():
    figures = [figure(HOSTILE, "12%", label='<img src=x onerror="alert(1)">', entity="Acme \"Rockets\"")]
    evidence = [EntitySentiment(name="<b>Acme</b>", label="negative", evidence="Shares fell 4% on Tuesday, the worst "
                                "day in a year.")]
    html, page = page_for(HOSTILE, figures, evidence, title="<script>alert('t')</script>")
    assert "<script" not in html.lower() and "<img" not in html and "<b>not bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;/mark&gt;&lt;b&gt;not bold" in html
    assert "<b>&lt;b&gt;Acme&lt;/b&gt;</b>" in html
    assert html.count("</mark>") == html.count("<mark ") == 1
    assert article_text(page) == HOSTILE  # the parser saw no element that was not ours
    mark = next(page.find("mark"))
    assert '<img src=x onerror="alert(1)">' in mark.attrs["title"] and 'Acme "Rockets"' in mark.attrs["title"]
    assert next(page.find("title")).text == "<script>alert('t')</script>"
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "http://" not in html and "https://" not in html and "src=" not in html.replace("src=x", "")


def test_bad_offsets_are_skipped_with_a_note_and_the_page_stays_whole():
    good = figure(HOSTILE, "12%")
    figures = [
        good,
        KeyFigure(raw="12% to", label="overlapping", value=12, unit="%", start=good.start, end=good.start + 6),
        KeyFigure(raw="99%", label="past the end", value=99, unit="%", start=len(HOSTILE) + 5, end=len(HOSTILE) + 8),
        KeyFigure(raw="4%", label="wrong place", value=4, unit="%", start=0, end=2),
        figure(HOSTILE, "4%"),
    ]
    html, page = page_for(HOSTILE, figures)
    assert article_text(page) == HOSTILE
    assert [p[0] for p in mark_positions(html)] == ["12%", "4%"]
    notes = [li.text for li in page.find("li", "skipped")]
    assert len(notes) == 3
    assert "overlaps figure 1" in notes[0] and "outside the article" in notes[1] and "not '4%'" in notes[2]
    layout = lay_out(HOSTILE, result(HOSTILE, figures))
    assert sorted(layout.skipped) == [2, 3, 4] and [m.number for m in layout.marks] == [1, 5]


def test_evidence_is_underlined_in_its_colour_or_listed_apart_when_not_in_the_text():
    sentence = "Shares fell 4% on Tuesday, the worst day in a year."
    entities = [EntitySentiment(name="Acme", label="negative", evidence=sentence),
                EntitySentiment(name="Acme", label="positive", evidence="Revenue was a record, said nobody.")]
    html, page = page_for(HOSTILE, [figure(HOSTILE, "4%")], entities)
    article = next(page.find("div", "article"))
    underlined = [n for n in article.children if "ev-negative" in n.attrs.get("class", "")]
    assert "".join(n.text for n in underlined) == sentence  # split around the mark, which carries the class too
    assert any(n.tag == "mark" and n.text == "4%" for n in underlined)
    assert article_text(page) == HOSTILE
    unplaced = next(page.find("ul", "unplaced"))
    assert "Revenue was a record, said nobody." in unplaced.text and "positive" in unplaced.text
    assert "Revenue was a record" not in article.text
    assert "not found verbatim" in html


def test_removed_noise_is_grouped_by_reason_with_counts_under_details():
    removed = [Removed(reason="advertisement", text="Buy <now>!", start=0, end=10),
               Removed(reason="price-ticker", text="BTC $1", start=11, end=17),
               Removed(reason="advertisement", text="Sponsored", start=18, end=27)]
    html, page = page_for(HOSTILE, [], removed=removed)
    outer = next(page.find("details", "removed"))
    assert "Removed as noise: 3 pieces, 2 reasons" in next(page.find("summary", node=outer)).text
    groups = {next(page.find("summary", node=d)).text: [li.text for li in page.find("li", node=d)]
              for d in page.find("details", "reason")}
    assert groups == {"advertisement (2)": ["0-10Buy <now>!", "18-27Sponsored"], "price-ticker (1)": ["11-17BTC $1"]}
    assert "Buy &lt;now&gt;!" in html and "<script" not in html.lower()
    assert "Nothing was removed" in page_for(HOSTILE, [])[0]


def test_several_articles_make_one_page_with_an_index_and_failures_named():
    items = [ArticleEvidence(f"{n}.txt", result(HOSTILE, [figure(HOSTILE, "12%")], title=f"Story {n}"),
                             cleaned(HOSTILE)) for n in (1, 2)]
    page = Page(render_page(items, failures=[("bad.txt", "bad.txt: no article text")]))
    index = next(page.find("nav"))
    links = [(a.attrs["href"], a.text) for a in page.find("a", node=index)]
    assert links == [("#a1", "Story 1"), ("#a2", "Story 2")]
    assert [s.attrs["id"] for s in page.find("section")] == ["a1", "a2"]
    assert "bad.txt failed: no article text" in index.text
    ids = [n.attrs["id"] for n in page.find() if "id" in n.attrs]
    assert len(ids) == len(set(ids))  # figure anchors do not collide across articles
    assert "viewport" in render_page(items)


# --- the command line --------------------------------------------------------

ARTICLE = ("Example Corp shares rose 7% on Tuesday after the company reported quarterly revenue of $3.2 billion.\n\n"
           "The chief executive said demand for chips stayed strong.\n\nAdvertisement\n")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_summarize_file_f_html_o_writes_one_page_from_the_cleaned_article(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "page.html"
    reply = answer(summary=("Example Corp shares rose.", "Revenue was $3.2 billion."),
                   figures=[{"raw": "$3.2 billion", "label": "revenue"}])
    reply["sentiment"]["entities"] = [{"name": "Example Corp", "label": "positive", "evidence":
                                       "Example Corp shares rose 7% on Tuesday after the company reported quarterly "
                                       "revenue of $3.2 billion."}]
    with serving(ScriptedBackend([reply])):
        run = invoke(str(source), "-f", "html", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    text = article_text(page)
    assert text.startswith("Example Corp shares rose 7%") and "Advertisement" not in text
    [(inner, start, end, before)] = mark_positions(html)
    assert inner == "$3.2 billion" == text[start:end] and before == text[:start]
    assert "ev-positive" in html and "advertisement (1)" in html
    assert not list(tmp_path.glob(".page.html.*"))  # the temporary file was renamed into place


def test_f_html_prints_to_stdout_and_folders_make_one_indexed_page(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"s{n}.txt").write_text(ARTICLE.replace("7%", f"{n + 1}%"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    with serving(EchoBackend()):
        run = invoke(str(folder), "-f", "html", "-j", "2")
    assert run.exit_code == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0] and "no article text" in errors[0]
    page = Page(run.stdout)
    assert run.stdout.count("<!doctype html>") == 1
    sections = list(page.find("section"))
    assert [s.attrs["id"] for s in sections] == ["a1", "a2", "a3"]
    assert [next(page.find("p", "source", s)).text for s in sections] == [str(folder / f"s{n}.txt") for n in range(3)]
    index = next(page.find("nav"))
    assert [a.attrs["href"] for a in page.find("a", node=index)] == ["#a1", "#a2", "#a3"]
    assert "empty.txt failed" in index.text
    for n, section in enumerate(sections):
        assert [m.text for m in page.find("mark", node=section)] == [f"{n + 1}%"]


@pytest.mark.parametrize(("name", "data", "error"), [
    ("empty.txt", b"", "no article text"),
    ("x.bin", bytes(range(256)) * 4, "looks like a binary file"),
    ("missing.txt", None, "no such file"),
])
def test_bad_input_keeps_its_one_line_error_and_writes_no_page(tmp_path, name, data, error):
    source = tmp_path / name
    if data is not None:
        source.write_bytes(data)
    out = tmp_path / "page.html"
    out.write_text("the page of an earlier run", encoding="utf-8")
    with serving(EchoBackend()):
        run = invoke(str(source), "-f", "html", "-o", str(out))
    assert run.exit_code == 1 and "Traceback" not in run.output
    lines = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and error in lines[0] and name in lines[0]
    assert out.read_text(encoding="utf-8") == "the page of an earlier run"  # never half-replaced, never emptied


def test_an_unwritable_output_fails_before_any_article_is_summarized(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    with serving(EchoBackend()) as backend:
        run = invoke(str(source), "-f", "html", "-o", str(tmp_path / "no" / "such" / "page.html"))
    assert run.exit_code == 1
    assert "cannot write" in run.stderr and "choose another --output" in run.stderr
    assert backend.requests == []


def test_help_lists_the_html_format():
    assert "-f html" in invoke("--help").stdout
    words = " ".join(invoke("run", "--help").stdout.split())
    assert "markdown|html]" in words and "figures, evidence and removed noise" in words


def test_the_readme_documents_f_html():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "-f html" in readme
