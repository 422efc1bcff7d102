"""Issue 9: agreement with the generated corpus's truth, on the committed seeded subset.

``tests/corpus/`` holds the first ten documents of ``scripts/make_corpus.py`` (and the approved
versions of those that have one) in all four formats, with their truth. The full corpus (200
documents) is ``make corpus``; its figures are in the README.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(ROOT / "scripts"))

import corpus_grammar  # noqa: E402
import score_corpus  # noqa: E402

TRUTHS = sorted(CORPUS.glob("*.truth.json"))


def test_the_committed_subset_is_what_the_grammar_makes_now(tmp_path):
    """Never hand-edited: each truth and each .docx is what the generator writes for its seed."""
    import make_corpus

    assert len([t for t in TRUTHS if not t.name.endswith("p.truth.json")]) >= 10
    kyujitai = make_corpus._kyujitai_pairs()
    for truth in TRUTHS:
        record = json.loads(truth.read_text(encoding="utf-8"))
        sub = corpus_grammar.Submission(record["seed"], held=record.get("held", False))
        make_corpus.write_document(sub, record["id"], record["version"] == "previous", tmp_path, kyujitai)
        assert json.loads((tmp_path / truth.name).read_text(encoding="utf-8")) == record, truth.name
        docx = f"{record['id']}.docx"
        assert (tmp_path / docx).read_bytes() == (CORPUS / docx).read_bytes(), docx
        for fmt, suffix in score_corpus.FORMATS.items():
            assert (CORPUS / f"{record['id']}{suffix}").exists(), f"{record['id']}{suffix} is missing"


@pytest.fixture(scope="module")
def summary():
    return score_corpus.summarise(score_corpus.score_corpus(CORPUS, jobs=2))


@pytest.mark.parametrize("fmt", list(score_corpus.FORMATS))
def test_every_key_family_agrees_with_the_truth_in_every_format(summary, fmt):
    scores = summary["formats"][fmt]
    assert scores["errors"] == 0
    low = {family: round(scores[family], 3) for family in score_corpus.FAMILIES if scores[family] < 0.98}
    assert low == {}


@pytest.mark.parametrize("fmt", ["lo", "chromium"])
def test_a_pdf_gives_the_json_of_its_docx(summary, fmt):
    assert summary["equivalent"][fmt] >= 0.98


@pytest.mark.parametrize("fmt", ["docx", "lo", "chromium"])
def test_unmarked_changes_are_found_without_false_alarms(summary, fmt):
    d = summary["diff"][fmt]
    assert d["pairs"] >= 3
    assert d["unmarked_precision"] >= 0.95
    assert d["unmarked_recall"] >= 0.95
    assert d["changes_f1"] >= 0.95
    assert d["marked_unchanged"] == 0  # every passage the generator marks is a change


def test_an_unstyled_text_export_diffs_with_marking_unknown(summary):
    assert summary["diff"]["text"]["changes_f1"] >= 0.95


def test_the_scorer_gives_up_an_extraction_that_never_ends():
    """One extraction that hung (a reading that stood still) held a whole scoring run for minutes
    without a word; it now counts as that rendering's error after --timeout seconds."""
    import time

    started = time.monotonic()
    with pytest.raises(TimeoutError, match="--timeout"):
        score_corpus._within(0.2, time.sleep, 30)
    assert time.monotonic() - started < 5
    assert score_corpus._within(0, sum, [1, 2]) == 3
