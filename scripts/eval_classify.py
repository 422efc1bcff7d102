#!/usr/bin/env python3
"""Accuracy of personal-data item classification, per category and overall.

    .venv/bin/python scripts/eval_classify.py

Prints the table for models/eval/personal_data_items.tsv (the file the accuracy test holds to
0.9 category / 0.95 sensitivity) and for the held-out file, which was never used to grow the
lexicon, then the items that went wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.classify.evaluate import EVAL, HELDOUT, evaluate, load_rows, report  # noqa: E402


def main() -> int:
    print(f"== {EVAL.relative_to(ROOT)}")
    print(report(evaluate(load_rows(EVAL)))[3])
    print(f"\n== {HELDOUT.relative_to(ROOT)} (never used to grow the lexicon)")
    print(report(evaluate(load_rows(HELDOUT)))[3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
