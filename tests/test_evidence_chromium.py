"""The evidence view (``summarize -f html``) in headless Chromium: the marks are where the offsets say, at phone
and at desktop width, and the page draws.

The page comes from the command line, end to end; the summaries' offsets from the
same run's results (``--json``, served from the cache). The browser is asked
through DevTools (``chromium_tools.Browser``): the page itself runs no scripts.
The screenshots are kept in the test's temporary folder (``--basetemp`` to find them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium_tools import Browser, chromium, read_png
from click.testing import CliRunner

from summarizer import clean_input
from summarizer.cli import cli
from summarizer.testing import ScriptedBackend, answer, serving

SEED = Path(__file__).parent / "data" / "seeds" / "001_3bb448a0ca5d400d.txt"
HOSTILE = ('Acme "Rockets" <script>alert(1)</script> said on Monday that revenue rose 12% to $3.2 billion, '
           "O'Brien said &lt;script&gt;alert(2)&lt;/script&gt;.\n\n"
           'Shares of Acme fell 4% on Tuesday </mark><b>after</b> the board said it would "wait & see" &lt;/mark&gt;.'
           "\n\nAdvertisement\n")
MARK_BACKGROUND = (255, 241, 168)  # #fff1a8
NEGATIVE_UNDERLINE = "rgb(207, 34, 46)"  # #cf222e


def seed_answer() -> dict:
    reply = answer(summary=("Alibaba shares rose 8% after its CEO said AI spending will exceed the $53 billion plan.",
                            "Critics warn that Nvidia's $4.3 trillion valuation shows a bubble."),
                   figures=[{"raw": "8%", "label": "share price rise", "entity": "Alibaba"},
                            {"raw": "$53 billion", "label": "earlier AI spending plan", "entity": "Alibaba"},
                            {"raw": "$4 trillion", "label": "global AI spending in five years"},
                            {"raw": "110%", "label": "stock gain in 2025", "entity": "Alibaba"},
                            {"raw": "$16 billion", "label": "Cathie Wood's purchase"},
                            {"raw": "$4.3 trillion", "label": "Nvidia valuation", "entity": "Nvidia"}],
                   label="mixed", score=0.2)
    reply["sentiment"]["rationale"] = "AI spending lifts Alibaba while critics warn of a bubble"
    reply["sentiment"]["entities"] = [
        {"name": "Alibaba", "label": "positive", "evidence": "Alibaba’s stock is now up 110% in 2025 alone."},
        {"name": "Nvidia", "label": "negative",
         "evidence": "Critics say Nvidia is basically investing in its own customers, which is a dangerous loop."}]
    return reply


def hostile_answer() -> dict:
    reply = answer(summary=("Acme reported revenue of $3.2 billion.", "Its shares fell 4% on Tuesday."),
                   figures=[{"raw": "12%", "label": "revenue growth"}, {"raw": "$3.2 billion", "label": "revenue"},
                            {"raw": "4%", "label": "share price fall"}], label="negative", score=-0.4)
    reply["sentiment"]["entities"] = [{"name": "Acme", "label": "negative",
                                       "evidence": "Shares of Acme fell 4% on Tuesday"}]
    return reply


@pytest.fixture
def run(tmp_path: Path) -> tuple[Path, dict[str, dict], dict[str, str]]:
    """The page for two articles, each one's result as JSON, and each one's cleaned text."""
    chromium()
    folder = tmp_path / "news"
    folder.mkdir()
    texts = {"a-alibaba.txt": SEED.read_text(encoding="utf-8"), "b-acme.txt": HOSTILE}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    page = tmp_path / "page.html"
    with serving(ScriptedBackend([seed_answer(), hostile_answer()])):
        made = CliRunner().invoke(cli, [str(folder), "-f", "html", "-o", str(page), "-j", "1"])
        assert made.exit_code == 0, made.stderr
        again = CliRunner().invoke(cli, [str(folder), "--json", "-j", "1"])  # the same results, from the cache
        assert again.exit_code == 0, again.stderr
    results = {Path(r["meta"]["source"]).name: r for r in json.loads(again.stdout)}
    assert all(r["meta"]["cached"] for r in results.values())
    return page, results, {name: clean_input(text).text for name, text in texts.items()}


PROBE = """(() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    scripts: document.scripts.length, width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
    index: [...document.querySelectorAll('nav a')].map(a => [a.getAttribute('href'),
                                                             !!document.querySelector(a.getAttribute('href'))]),
    sections: [...document.querySelectorAll('section.view')].map(section => {
      const article = section.querySelector('.article');
      return {
        id: section.id, source: section.querySelector('.source').textContent, text: article.textContent,
        box: box(article), notes: box(section.querySelector('.notes')),
        marks: [...article.querySelectorAll('mark')].map(m => {
          const before = document.createRange();
          before.setStart(article, 0);
          before.setEndBefore(m);
          return {n: +m.dataset.n, text: m.textContent, before: before.toString(), title: m.title,
                  start: +m.dataset.start, end: +m.dataset.end, boxes: [...m.getClientRects()].map(r =>
                    [r.left, r.top, r.right, r.bottom]), note: getComputedStyle(m, '::after').content};
        }),
        underlines: [...article.querySelectorAll('.ev-negative')].map(e => [e.textContent,
                                                                          getComputedStyle(e).textDecorationColor]),
        removed: [...section.querySelectorAll('details.reason')].map(d =>
          [d.querySelector('summary').textContent, d.open, d.querySelector('ol').textContent]),
        removedOpen: section.querySelector('details.removed').open,
      };
    }),
  };
})()"""


def covered(rows: list[bytes], box: list[float], colour: tuple[int, int, int]) -> float:
    """The share of the pixels inside ``box`` (left, top, right, bottom) that are ``colour``, give or take."""
    left, top, right, bottom = (round(v) for v in box)
    pixels = [rows[y][x * 3:x * 3 + 3] for y in range(top + 1, bottom - 1) for x in range(left + 1, right - 1)]
    near = sum(1 for p in pixels if all(abs(a - b) <= 6 for a, b in zip(p, colour, strict=True)))
    return near / max(len(pixels), 1)


@pytest.mark.parametrize(("name", "width", "height", "mobile"), [("phone", 390, 844, True),
                                                                 ("desktop", 1280, 900, False)])
def test_the_marks_are_where_the_offsets_say_and_the_page_draws(run, tmp_path, name, width, height, mobile):
    page, results, cleaned = run
    with Browser(tmp_path / "profile") as browser:
        browser.open(page.as_uri(), width, height, mobile=mobile)
        seen = browser.evaluate(PROBE)
        shot = browser.screenshot(tmp_path / f"{name}.png", full_page=True)
        browser.screenshot(tmp_path / f"{name}-top.png")

    assert seen["scripts"] == 0
    assert seen["scrollWidth"] <= seen["width"] == width  # nothing wider than the screen: no sideways scrolling
    assert seen["index"] == [["#a1", True], ["#a2", True]]
    shot_width, shot_height, rows = read_png(shot.read_bytes())
    assert shot_width == width and shot_height > height
    for section in seen["sections"]:
        label = Path(section["source"]).name
        result, text = results[label], cleaned[label]
        assert section["text"] == text  # the page shows the cleaned article exactly, escaping undone by the browser
        figures = result["key_figures"]
        assert [m["n"] for m in section["marks"]] == list(range(1, len(figures) + 1))
        for mark, figure in zip(section["marks"], figures, strict=True):
            assert (mark["start"], mark["end"]) == (figure["start"], figure["end"])
            assert mark["text"] == figure["raw"] == text[figure["start"]:figure["end"]]
            assert mark["before"] == text[:figure["start"]]
            assert mark["note"] == f'"{mark["n"]}"' and figure["label"] in mark["title"]
            for box in mark["boxes"]:  # each line a mark wraps onto: inside the article, drawn highlighted
                assert section["box"][0] - 1 <= box[0] and box[2] <= section["box"][2] + 1
                assert covered(rows, box, MARK_BACKGROUND) > 0.3, (name, figure["raw"], box)
        if mobile:
            assert section["notes"][1] >= section["box"][3]  # the notes follow the article
        else:
            assert section["notes"][0] >= section["box"][2]  # the notes stand beside it
        assert section["removedOpen"] and not any(is_open for _, is_open, _ in section["removed"])

    alibaba, acme = seen["sections"]
    assert "".join(t for t, _ in alibaba["underlines"]) == ("Critics say Nvidia is basically investing in its own "
                                                           "customers, which is a dangerous loop.")
    assert {colour for _, colour in alibaba["underlines"] + acme["underlines"]} == {NEGATIVE_UNDERLINE}
    # the quote starts a sentence, so it stands for the whole cleaned sentence (review.ground_quote), escaped text
    assert "".join(t for t, _ in acme["underlines"]) == ('Shares of Acme fell 4% on Tuesday after the board said it '
                                                         'would "wait & see" &lt;/mark&gt;.')
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in acme["text"]  # the article's own text, shown as text
    assert acme["removed"][0][:2] == ["html-tag (5)", False] and "<script>" in acme["removed"][0][2]
    assert any(reason.startswith("related-links") for reason, _, _ in alibaba["removed"])
