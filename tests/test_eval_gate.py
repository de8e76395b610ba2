"""The quality gate: the evaluation on recorded model output must not fall below the pinned floors.

The cassette holds real answers of ``python -m llama_cpp.server`` with the
embedded model to every article of tests/data/eval (recorded by
scripts/record_cassettes.py). ``eval_floors.json`` pins what was reached:
raise a floor when quality improves, never lower one to get green.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import Settings, Summarizer
from summarizer.evaluate import evaluate

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "eval_floors.json").read_text(encoding="utf-8"))


@pytest.mark.vcr
def test_eval_set_meets_the_floors():
    settings = Settings.resolve(backend="openai", base_url="http://127.0.0.1:8765/v1",
                                api_key="sk-recording-placeholder-0000", model="qwen2.5-1.5b", mode="json_grammar",
                                use_cache=False, timeout=900)  # a 2-core server reading the long article
    with Summarizer(settings) as summarizer:
        report = evaluate(summarizer, HERE / "data" / "eval")
    totals = report.totals()
    print(json.dumps(totals, indent=2))
    for key, floor in FLOORS["at_least"].items():
        assert totals[key] >= floor, f"{key} fell to {totals[key]} (floor {floor})"
    for key, ceiling in FLOORS["at_most"].items():
        assert totals[key] <= ceiling, f"{key} rose to {totals[key]} (ceiling {ceiling})"
