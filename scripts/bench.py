#!/usr/bin/env python3
"""PDF reader speed and memory beside pdfplumber's own bare parse; classification speed.

    .venv/bin/python scripts/bench.py [PDF ...]        (or: make bench)

For each PDF (default: samples/*.pdf) it measures, in this one process:
  bare    pdfplumber.open + page.chars, page.lines, page.rects of every page
  reader  extractor's whole PDF reader (read_document): layout with render modes, tables,
          underline, paragraphs
and prints seconds per page (best of --repeat runs), peak Python memory (tracemalloc) and the
ratio reader/bare. The figures are for reading, not for the structure layer or JSON.

Then, for personal-data classification: GiNZA's load time and the process's peak RSS after it,
and items per second over the evaluation lists, first uncached, then with the per-text cache.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bare_parse(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.chars, page.lines, page.rects  # noqa: B018 - the parse is the point
        return len(pdf.pages)


def reader_parse(path: Path) -> int:
    from extractor.readers import read_document

    return read_document(path).page_count


def measure(fn, path: Path, repeat: int) -> tuple[float, float, int]:
    """(best seconds, peak MiB, pages) of ``fn(path)``."""
    times = []
    pages = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        pages = fn(path)
        times.append(time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    fn(path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return min(times), peak, pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted((ROOT / "samples").glob("*.pdf"))
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    bare_parse(pdfs[0])  # warm imports and caches before timing anything
    reader_parse(pdfs[0])
    print(f"{'file':44} {'pages':>5} {'bare s/p':>9} {'reader s/p':>10} {'ratio':>6} {'bare MiB':>9} {'reader MiB':>10}")
    ratios, total_bare, total_reader, total_pages = [], 0.0, 0.0, 0
    for path in pdfs:
        b_time, b_peak, pages = measure(bare_parse, path, args.repeat)
        r_time, r_peak, _ = measure(reader_parse, path, args.repeat)
        ratio = r_time / b_time
        ratios.append(ratio)
        total_bare, total_reader, total_pages = total_bare + b_time, total_reader + r_time, total_pages + pages
        print(f"{path.name[:44]:44} {pages:>5} {b_time / pages:>9.3f} {r_time / pages:>10.3f} {ratio:>6.2f} "
              f"{b_peak:>9.1f} {r_peak:>10.1f}")
    print(f"{'all':44} {total_pages:>5} {total_bare / total_pages:>9.3f} {total_reader / total_pages:>10.3f} "
          f"{total_reader / total_bare:>6.2f}   (median ratio {statistics.median(ratios):.2f})")
    bench_classify()
    return 0


def bench_classify() -> None:
    import resource

    from extractor.classify import classify_list
    from extractor.classify import classifier
    from extractor.classify.evaluate import load_rows

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    classifier.nlp()
    load = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lists = list(dict.fromkeys(row["list"] for row in load_rows()))
    classifier.analyse.cache_clear()
    classifier.classify_item.cache_clear()
    start = time.perf_counter()
    n = sum(len(classify_list(text)) for text in lists)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    sum(len(classify_list(text)) for text in lists)
    warm = time.perf_counter() - start
    print(f"\nclassification: GiNZA load {load:.2f} s, peak RSS {before:.0f} → {after:.0f} MiB; "
          f"{n} items in {len(lists)} lists: {n / cold:.0f} items/s uncached, {n / warm:.0f} items/s cached")


if __name__ == "__main__":
    sys.exit(main())
