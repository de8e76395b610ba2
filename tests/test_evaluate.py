"""The evaluation's arithmetic, on a scripted model whose answers are known."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from summarizer import Settings, Summarizer
from summarizer.cli import cli
from summarizer.evaluate import evaluate
from summarizer.testing import ScriptedBackend, answer, serving

ARTICLE = """Acme Corp said on Tuesday that revenue rose 12% to $3.2 billion in the third quarter, beating forecasts.
The company also said it would hire about 400 engineers next year, and its shares climbed 5% in New York.

You May Also Like
Bitcoin tops $91,000 as ETF inflows return
"""
GOLD = {
    "title": None, "sentiment": "positive",
    "key_figures": [{"raw": "12%", "value": 12, "unit": "%", "label": "revenue growth"},
                    {"raw": "$3.2 billion", "value": 3.2e9, "unit": "USD", "label": "revenue"},
                    {"raw": "400 engineers", "value": 400, "unit": "engineers", "label": "hiring"}],
    "must_keep": ["The company also said it would hire about 400 engineers next year, and its shares climbed 5% in "
                  "New York."],
    "must_drop": ["You May Also Like", "Bitcoin tops $91,000 as ETF inflows return"],
    "forbidden_figures": ["$91,000"], "injection": False,
}


def write(folder: Path) -> Path:
    folder.mkdir()
    (folder / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "acme.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return folder


def test_scores_are_computed_from_the_answer(tmp_path):
    folder = write(tmp_path / "eval")
    figures = [{"raw": "12%", "label": "growth"}, {"raw": "5%", "label": "share gain"}]
    reply = answer(summary=("Acme's revenue rose 12% to $3.2 billion.", "It will hire 900 people."),
                   figures=figures, label="mixed")
    backend = ScriptedBackend([reply] * 3)
    with Summarizer(Settings.resolve(use_cache=False), backend=backend) as summarizer:
        report = evaluate(summarizer, folder)
    totals = report.totals()
    assert totals["must_keep_kept_pct"] == 100.0 and totals["must_drop_dropped_pct"] == 100.0
    assert totals["figures_reported"] == 2 and totals["figures_grounded_pct"] == 100.0
    assert totals["figure_precision_pct"] == 50.0  # 12% matches gold, 5% does not
    assert totals["figure_recall_pct"] == 33.3  # 1 of 3 gold figures found
    assert totals["value_unit_correct_pct"] == 100.0
    assert totals["forbidden_figures_reported"] == 0
    assert totals["sentiment_accuracy_pct"] == 0.0
    assert totals["sentiment_confusion"]["positive"]["mixed"] == 1


def test_eval_command_prints_a_table_and_json(tmp_path, monkeypatch):
    folder = write(tmp_path / "eval")
    backend = ScriptedBackend([answer(figures=[{"raw": "$3.2 billion", "label": "revenue"}])] * 2)
    with serving(backend):
        table = CliRunner().invoke(cli, ["eval", str(folder)])
        data = json.loads(CliRunner().invoke(cli, ["eval", str(folder), "--json"]).stdout)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[1].startswith("acme.txt")
    assert "figure_recall_pct: 33.3" in table.stdout
    assert data["totals"]["figure_precision_pct"] == 100.0 and data["articles"][0]["name"] == "acme.txt"


def test_missing_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "not a folder" in result.stderr


def test_gold_strings_are_found_with_their_runs_of_spaces_folded_as_the_cleaner_folds_them(tmp_path):
    """A real page's sentence had two spaces in a row; the cleaner folds them, and the sentence, kept, was counted
    lost. Both ways: a noise string with a double space that is still there counts as left."""
    folder = tmp_path / "eval"
    folder.mkdir()
    text = ARTICLE.replace("hire about 400", "hire  about 400")
    gold = {**GOLD, "must_keep": [GOLD["must_keep"][0].replace("hire about", "hire  about")],
            "must_drop": ["Bitcoin  tops $91,000"]}
    (folder / "acme.txt").write_text(text.replace("You May Also Like\n", ""), encoding="utf-8")
    (folder / "acme.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    backend = ScriptedBackend([answer(summary=("Acme's revenue rose 12% to $3.2 billion.", "Acme will hire."))])
    with Summarizer(Settings.resolve(use_cache=False), backend=backend) as summarizer:
        totals = evaluate(summarizer, folder).totals()
    assert totals["must_keep_kept_pct"] == 100.0
    assert totals["must_drop_dropped_pct"] == 0.0


def _forbidden_count(tmp_path: Path, forbidden: list[str]) -> int:
    article = ("Acme Corp said on Tuesday that revenue rose 12% to $3.2 billion in the third quarter, beating "
               "forecasts.\nIts shares climbed 1% in New York, while the wider index slipped.\n")
    folder = tmp_path / "eval"
    folder.mkdir()
    (folder / "acme.txt").write_text(article, encoding="utf-8")
    (folder / "acme.gold.json").write_text(json.dumps({**GOLD, "must_keep": [], "must_drop": [],
                                                       "forbidden_figures": forbidden}), encoding="utf-8")
    reply = answer(summary=("Acme's revenue rose 12% to $3.2 billion.", "Its shares climbed 1% in New York."),
                   figures=[{"raw": "1%", "label": "share gain"}])
    with Summarizer(Settings.resolve(use_cache=False), backend=ScriptedBackend([reply] * 3)) as summarizer:
        return int(evaluate(summarizer, folder).totals()["forbidden_figures_reported"])


def test_a_figure_is_forbidden_when_it_is_the_noises_number_not_a_piece_of_one(tmp_path):
    """Seen on h17/blind: the DAX's '1%' counted as the quote widget's '-1.11%' (and the summary's '1%' too)."""
    assert _forbidden_count(tmp_path, ["-1.11%", "21%", "1%5"]) == 0


def test_the_noises_own_number_reported_is_forbidden(tmp_path):
    assert _forbidden_count(tmp_path, ["1%"]) == 2  # as a figure and in the summary


def test_a_figure_matches_a_gold_figure_only_as_a_whole_number(tmp_path):
    """'2%' is not the gold's '12%': the plain substring test had counted it found (the forbidden count was
    already whole-number)."""
    folder = tmp_path / "eval"
    folder.mkdir()
    text = "Acme Corp's costs grew 2% as revenue rose 12% to $3.2 billion.\nIt will hire about 400 engineers.\n"
    (folder / "acme.txt").write_text(text, encoding="utf-8")
    (folder / "acme.gold.json").write_text(json.dumps({**GOLD, "must_keep": [], "must_drop": [],
                                                       "forbidden_figures": []}), encoding="utf-8")
    reply = answer(summary=("Acme's revenue rose 12% to $3.2 billion.", "Its costs grew 2%."),
                   figures=[{"raw": "2%", "label": "cost growth"}, {"raw": "$3.2 billion", "label": "revenue"}])
    with Summarizer(Settings.resolve(use_cache=False), backend=ScriptedBackend([reply] * 3)) as summarizer:
        totals = evaluate(summarizer, folder).totals()
    assert totals["figure_precision_pct"] == 50.0 and totals["figure_recall_pct"] == 33.3
