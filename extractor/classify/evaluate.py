"""Accuracy of item classification on the labelled lists in ``models/eval/``.

Each list is split and classified as a document's list would be; labelled items are matched to
the produced ones by item and subject (else the first unused same item), and scored on category,
sensitivity and subject. Used by ``scripts/eval_classify.py`` and by the accuracy test.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..assets import MODELS_DIR

EVAL = MODELS_DIR / "eval" / "personal_data_items.tsv"
HELDOUT = MODELS_DIR / "eval" / "personal_data_items_heldout.tsv"


@dataclass
class Result:
    expected: dict
    produced: object | None

    @property
    def category_ok(self) -> bool:
        return self.produced is not None and self.produced.category == self.expected["category"]

    @property
    def sensitivity_ok(self) -> bool:
        return self.produced is not None and self.produced.sensitivity == self.expected["sensitivity"]

    @property
    def subject_ok(self) -> bool:
        want = None if self.expected["subject"] == "-" else self.expected["subject"]
        return self.produced is not None and self.produced.subject == want


def load_rows(path: Path = EVAL) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def evaluate(rows: list[dict]) -> list[Result]:
    from . import classify_list

    by_list: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_list[row["list"]].append(row)
    results = []
    for text, expected in by_list.items():
        produced = classify_list(text)
        used: set[int] = set()
        for row in expected:
            # the labelled occurrence: same item and subject, else the first unused same item
            want = None if row["subject"] == "-" else row["subject"]
            match = next((i for i, item in enumerate(produced)
                          if i not in used and item.item == row["item"] and item.subject == want), None)
            if match is None:
                match = next((i for i, item in enumerate(produced) if i not in used and item.item == row["item"]), None)
            if match is not None:
                used.add(match)
            results.append(Result(row, produced[match] if match is not None else None))
    return results


def report(results: list[Result]) -> tuple[float, float, float, str]:
    per: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        per[r.expected["category"]].append(r)
    lines = [f"{'category':28} {'n':>3} {'category':>9} {'sensitivity':>11} {'subject':>8}"]
    for cat in sorted(per):
        rs = per[cat]
        lines.append(f"{cat:28} {len(rs):>3} {sum(r.category_ok for r in rs) / len(rs):>9.2f} "
                     f"{sum(r.sensitivity_ok for r in rs) / len(rs):>11.2f} {sum(r.subject_ok for r in rs) / len(rs):>8.2f}")
    n = len(results)
    cat_acc = sum(r.category_ok for r in results) / n
    sens_acc = sum(r.sensitivity_ok for r in results) / n
    subj_acc = sum(r.subject_ok for r in results) / n
    lines.append(f"{'overall':28} {n:>3} {cat_acc:>9.3f} {sens_acc:>11.3f} {subj_acc:>8.3f}")
    wrong = [r for r in results if not (r.category_ok and r.sensitivity_ok and r.subject_ok)]
    for r in wrong:
        got = (r.produced.subject, r.produced.category, r.produced.sensitivity, r.produced.method) if r.produced else None
        lines.append(f"  wrong: {r.expected['item']} ({r.expected['source']}): expected "
                     f"{r.expected['subject']}/{r.expected['category']}/{r.expected['sensitivity']}, got {got}")
    return cat_acc, sens_acc, subj_acc, "\n".join(lines)


