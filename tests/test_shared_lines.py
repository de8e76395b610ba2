"""Lines that many articles of one site share are that site's furniture: dropped in a batch, whatever their wording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import Summarizer, clean
from summarizer.cli import cli
from summarizer.testing import EchoBackend, serving

# A made-up site's furniture, in shapes the cleaner's rules do not know: a tagline above the headline (alone,
# it reads as the title) and a pitch in prose below the story.
TAGLINE = "Harrowgate Wire: the lenders, tokens and ventures desk"
PITCH = "Harrowgate Wire is read each morning by treasurers, founders and fund managers who want the story first."

STORIES = [
    ("Pellmont Bank lifts savings rates",
     "Pellmont Bank raised its easy-access savings rate to 4.1% on Monday, the third increase this year.\n\n"
     "The lender said deposits grew by $2.3 billion in the quarter as customers moved cash from current accounts."),
    ("Osterling token slides after exchange delisting",
     "The Osterling token fell 18% to $0.42 after two exchanges said they would stop trading it next week.\n\n"
     "Its developers said they were in talks with other venues and that user funds were not affected."),
    ("Quenby Robotics wins warehouse contract",
     "Quenby Robotics signed a $65 million contract to automate twelve warehouses for a grocery chain.\n\n"
     "The company expects the first sites to open in the spring and the rest over the following two years."),
    ("Tallis Chips delays new plant",
     "Tallis Chips pushed back the opening of its new plant by six months, citing slower demand for memory.\n\n"
     "The chipmaker kept its full-year revenue forecast of $4.8 billion and said hiring would continue."),
    ("Brennock Air cuts routes for winter",
     "Brennock Air will cut 14 routes over the winter as fuel costs rise and bookings to short-haul cities soften.\n\n"
     "The airline said staff on the affected routes would be offered roles at its two largest bases."),
]


def page(title: str, body: str, *, tagline: bool = True, pitch: bool = True) -> str:
    parts = [TAGLINE] if tagline else []
    parts += [title, body]
    parts += [PITCH] if pitch else []
    return "\n\n".join(parts) + "\n"


def write(folder: Path, pages: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(pages):
        path = folder / f"{index:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(items: list[object], **options: object) -> list:
    with Summarizer(backend=EchoBackend(), use_cache=False) as summarizer:
        results = sorted(summarizer.summarize_many(items, **options), key=lambda r: r.index)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return results


def test_the_rules_alone_keep_this_sites_furniture():
    """The premise: one page at a time, neither line is recognised as noise, and the tagline is taken for the
    title."""
    article = clean(page(*STORIES[0]))
    assert article.title == TAGLINE and PITCH in article.text


def test_a_sites_tagline_and_pitch_go_when_its_articles_share_them(tmp_path):
    results = run(write(tmp_path / "harrowgate", [page(*story) for story in STORIES]))
    for result, (title, body) in zip(results, STORIES, strict=True):
        text = result.article.text
        assert PITCH not in text and TAGLINE not in text
        assert result.article.title == title  # the headline, no longer hidden behind the tagline
        assert all(paragraph in text for paragraph in body.split("\n\n"))  # every sentence of the story stays
        reasons = {r.reason for r in result.article.removed}
        assert "site-boilerplate" in reasons


def test_prose_needs_more_of_the_sites_articles_than_a_menu_does(tmp_path):
    # in 3 of 6 articles: enough for a menu line (40%), not for a prose line (60%)
    stories = [*STORIES, ("Corlett Foods buys a bakery group", "Corlett Foods agreed to buy Hemsley Bakeries for "
                                                                "$310 million in cash, its largest deal.")]
    pages = [page(*story, tagline=index < 3, pitch=index < 3) for index, story in enumerate(stories)]
    results = run(write(tmp_path / "harrowgate", pages))
    assert PITCH in results[0].article.text
    assert results[0].article.title == stories[0][0] and TAGLINE not in results[0].article.text


def test_a_line_with_a_figure_is_a_fact_and_stays(tmp_path):
    fact = "The Harrowgate index of regional lenders closed at 4,512 points, its highest level since the spring."
    pages = [page(title, f"{body}\n\n{fact}") for title, body in STORIES]
    results = run(write(tmp_path / "harrowgate", pages))
    assert all(fact in r.article.text for r in results)


@pytest.mark.parametrize("how", ["two articles", "other sites", "turned off"])
def test_nothing_shared_is_dropped_without_enough_articles_of_one_site(tmp_path, how):
    if how == "two articles":
        items: list[object] = write(tmp_path / "harrowgate", [page(*story) for story in STORIES[:2]])
        results = run(items)
    elif how == "other sites":
        items = [path for index, story in enumerate(STORIES)
                 for path in write(tmp_path / f"site{index}", [page(*story)])]
        results = run(items)
    else:
        results = run(write(tmp_path / "harrowgate", [page(*story) for story in STORIES]), shared_lines=False)
    assert all(PITCH in r.article.text and r.article.title == TAGLINE for r in results)


def test_texts_of_one_site_are_grouped_by_their_urls_host():
    items = [{"id": f"a{index}", "text": page(*story), "url": f"https://www.harrowgate.example/news/{index}"}
             for index, story in enumerate(STORIES)]
    items.append({"id": "other", "text": page(*STORIES[0]), "url": "https://elsewhere.example/x"})
    results = run(items)
    assert all(PITCH not in r.article.text for r in results[:-1])
    assert PITCH in results[-1].article.text


@pytest.mark.parametrize("flag, title", [((), "story"), (("--keep-shared-lines",), "tagline")])
def test_the_command_line_drops_them_unless_told_to_keep_them(tmp_path, flag, title):
    folder = tmp_path / "harrowgate"
    write(folder, [page(*story) for story in STORIES])
    with serving(EchoBackend()):
        result = CliRunner().invoke(cli, [str(folder), "-f", "jsonl", "--no-cache", "--no-log", *flag])
    assert result.exit_code == 0, result.output
    titles = {json.loads(line)["result"]["title"] for line in result.output.splitlines() if line.startswith("{")}
    assert titles == ({story[0] for story in STORIES} if title == "story" else {TAGLINE})
