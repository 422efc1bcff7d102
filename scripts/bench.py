#!/usr/bin/env python3
"""The speed and memory of the whole pipeline on the generated corpus, beside what else reads these files.

    .venv/bin/python scripts/bench.py [--corpus out/corpus] [--limit N]        (or: make bench)

On the corpus of `make corpus` (254 documents in four renderings: .docx, LibreOffice PDF, Chromium PDF,
text export), in one run on this machine:

  1. One core, in this process, file by file (the pipeline loaded first, as a batch worker has it):
       pipeline    council's extract + JSON: read, structure (with classification), serialise — each timed;
                   a PDF once with each engine (--pdf-engine pdfplumber, the reference, and pdfium), the
                   engine that goes first taking turns from file to file (the first run of a document
                   meets its item lists uncached)
       bare        pdfplumber's bare parse (page.chars, page.lines, page.rects): the floor of our reader
       plumber     pdfplumber's extract_tables() + extract_text() on every page: what a user would otherwise write
       pdfium      pypdfium2's text pull of every page: the physical floor of getting text out
       docling     docling's .docx conversion, where docling is installed (optional; it is not a dependency)
     Seconds per page (a .docx or text export counts the pages of its LibreOffice PDF) and ratios.
  2. `council batch` over the whole corpus in a child process, with one job and with one per core, with
     each PDF engine: seconds, pages per second, the speed-up, and the memory of each worker sampled from
     /proc/PID/smaps_rollup: unique (USS: what the worker alone holds) and proportional (PSS).
  3. Classification: GiNZA's load, then uncached items a second over the labelled lists.

Figures only: nothing here is asserted (tests assert outcomes, never timings).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENGINES = ("pdfplumber", "pdfium")  # council's --pdf-engine: the reference first
FORMATS = ((".docx", "docx"), (".lo.pdf", "LibreOffice PDF"), (".chromium.pdf", "Chromium PDF"), (".txt", "text export"))


def format_of(path: Path) -> str | None:
    return next((name for suffix, name in FORMATS if path.name.endswith(suffix)), None)


# -- 1. one core, in process ----------------------------------------------------------------------


def pipeline(path: Path, engine: str = "pdfplumber") -> dict[str, float]:
    """Seconds of each stage of council's extract for ``path``, as extractor.extract runs them, a PDF's
    pages interpreted by ``engine``."""
    import hashlib

    from extractor import __version__
    from extractor import schema as S
    from extractor.classify.taxonomy import load_taxonomy
    from extractor.readers import read_document
    from extractor.schema import to_json
    from extractor.structure import build_document

    t0 = time.perf_counter()
    doc = read_document(path, pdf_engine=engine)
    t1 = time.perf_counter()
    source = S.Source(filename=path.name, format=doc.format, sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                      pages=doc.page_count)
    generator = S.Generator(tool="council-extractor", version=__version__, taxonomy_version=load_taxonomy().version,
                            models={})
    result = build_document(doc, source, generator)
    t2 = time.perf_counter()
    to_json(result)
    t3 = time.perf_counter()
    return {"read": t1 - t0, "structure": t2 - t1, "serialise": t3 - t2}


def timed(fn, path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def bare(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.chars, page.lines, page.rects  # noqa: B018 - the parse is the point


def plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()


def pdfium(path: Path) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for page in document:
            page.get_textpage().get_text_range()
    finally:
        document.close()


def docling_converter():
    try:
        from docling.document_converter import DocumentConverter
    except ImportError:
        return None
    converter = DocumentConverter()
    return lambda path: converter.convert(str(path))


def in_process(documents: list[Path], pages: dict[str, int]) -> None:
    from extractor.runners import warm_pipeline

    warm_pipeline()
    docling = docling_converter()
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    counted: dict[str, int] = defaultdict(int)
    for i, path in enumerate(documents):
        fmt = format_of(path)
        n = pages[path.name]
        gc.collect()
        row = totals[fmt]
        if path.suffix == ".pdf":  # the floor first, then ours, file by file: drift touches both alike
            row["bare"] += timed(bare, path)
            for engine in ENGINES if i % 2 == 0 else ENGINES[::-1]:
                for stage, seconds in pipeline(path, engine).items():
                    row[f"{stage} {engine}"] += seconds
        else:
            for stage, seconds in pipeline(path).items():
                row[f"{stage} pdfplumber"] += seconds
                row[f"{stage} pdfium"] += seconds  # no PDF: one reader, whichever engine is asked for
        if path.suffix == ".pdf":
            row["plumber"] += timed(plumber, path)
            row["pdfium"] += timed(pdfium, path)
        if fmt == "docx" and docling is not None:
            row["docling"] += timed(docling, path)
        counted[fmt] += n
    print(f"\n1. One core, in process: milliseconds per page ({len(documents)} files; a PDF's own pages, a .docx "
          "or text export those of its LibreOffice PDF)\n")
    print("Each stage with the engine named (a .docx or text export has no PDF engine: the same figure twice).\n")
    print("| format | pages | engine | read | structure + classify | serialise | **pipeline** | pdfplumber bare parse | "
          "**pipeline / bare** | pdfplumber tables + text | pypdfium2 text | docling |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for _, fmt in FORMATS:
        if fmt not in totals:
            continue
        row, n = totals[fmt], counted[fmt]

        def ms(key: str) -> str:
            return f"{1000 * row[key] / n:.1f}" if key in row else "–"

        for engine in ENGINES if fmt.endswith("PDF") else ENGINES[:1]:
            whole = sum(row[f"{stage} {engine}"] for stage in ("read", "structure", "serialise"))
            ratio = f"**{whole / row['bare']:.2f}×**" if "bare" in row else "–"
            print(f"| {fmt} | {n} | {engine if fmt.endswith('PDF') else '–'} | {ms(f'read {engine}')} | "
                  f"{ms(f'structure {engine}')} | {ms(f'serialise {engine}')} | **{1000 * whole / n:.1f}** | "
                  f"{ms('bare')} | {ratio} | {ms('plumber')} | {ms('pdfium')} | {ms('docling')} |")
    if docling is None:
        print("\n(docling is not installed: pip install docling to add its .docx conversion)")


# -- 2. council batch, one job and all cores --------------------------------------------------------


def memory_of(pid: int) -> tuple[float, float, float] | None:
    """(RSS, PSS, USS) of a process in MiB, from /proc/PID/smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    kb = {}
    for line in text.splitlines()[1:]:
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            kb[key] = int(parts[0])
    uss = kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)
    return kb.get("Rss", 0) / 1024, kb.get("Pss", 0) / 1024, uss / 1024


def children_of(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def batch(corpus: Path, jobs: int, engine: str = "pdfplumber") -> dict:
    """Wall seconds of `council batch` and the peak memory of the batch process and of each worker."""
    out = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    command = [str(ROOT / ".venv" / "bin" / "council"), "batch", str(corpus), "--out-dir", str(out), "-q",
               "-j", str(jobs), "--pdf-engine", engine]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, tuple[float, float, float]] = {}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            for pid in [proc.pid, *children_of(proc.pid)]:
                m = memory_of(pid)
                if m:
                    old = peaks.get(pid, (0.0, 0.0, 0.0))
                    peaks[pid] = tuple(max(a, b) for a, b in zip(old, m))
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    subprocess.run(["rm", "-rf", str(out)], check=False)
    workers = [peaks[p] for p in peaks if p != proc.pid]
    return {"seconds": seconds, "main": peaks.get(proc.pid), "workers": workers, "summary": stderr.strip().splitlines()[-1]}


def batches(corpus: Path, pages_total: int, files: int, engines: tuple[str, ...] = ENGINES) -> None:
    cores = os.cpu_count() or 1
    runs = {(engine, jobs): batch(corpus, jobs, engine) for engine in engines for jobs in (1, cores)}
    print(f"\n2. council batch over the corpus ({files} files, {pages_total} pages as above), in a child process\n")
    print("| --pdf-engine | jobs | seconds | pages/s | speed-up | batch process RSS | per worker: peak USS (unique) | "
          "PSS | RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (engine, jobs), run in runs.items():
        main = run["main"] or (0, 0, 0)
        uss = " / ".join(f"{w[2]:.0f}" for w in run["workers"])
        pss = " / ".join(f"{w[1]:.0f}" for w in run["workers"])
        rss = " / ".join(f"{w[0]:.0f}" for w in run["workers"])
        print(f"| {engine} | {jobs} | {run['seconds']:.1f} | {pages_total / run['seconds']:.1f} | "
              f"{runs[engine, 1]['seconds'] / run['seconds']:.2f}× | {main[0]:.0f} MiB | {uss} MiB | {pss} MiB | "
              f"{rss} MiB |")
    for (engine, jobs), run in runs.items():
        print(f"   {engine} -j {jobs}: {run['summary']}")


# -- 3. classification -------------------------------------------------------------------------------


def bench_classify() -> None:
    import resource

    from extractor.classify import classifier, classify_lists
    from extractor.classify.evaluate import EVAL, HELDOUT, load_rows
    from extractor.classify.taxonomy import load_taxonomy

    lists = list(dict.fromkeys(row["list"] for path in (EVAL, HELDOUT) for row in load_rows(path)))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    classifier.nlp.cache_clear()
    start = time.perf_counter()
    classifier.nlp()
    classifier._centroids(load_taxonomy().version)
    load = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    classifier.analyse.cache_clear()
    classifier.classify_item.cache_clear()
    classifier._HEAD_POS.clear()
    start = time.perf_counter()
    n = sum(len(items) for items in classify_lists(lists).values())
    cold = time.perf_counter() - start
    start = time.perf_counter()
    classify_lists(lists)
    warm = time.perf_counter() - start
    print(f"\n3. Classification: GiNZA (the components used) and the category centroids load in {load:.2f} s "
          f"(peak RSS {before:.0f} → {after:.0f} MiB); {n} items in {len(lists)} lists: {n / cold:,.0f} items/s "
          f"uncached, {n / warm:,.0f} items/s cached")


# -- the corpus ------------------------------------------------------------------------------------


def stem(path: Path) -> str:
    name = path.name
    for suffix, _ in FORMATS:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "out" / "corpus")
    parser.add_argument("--limit", type=int, help="only the first N documents (all four renderings of each)")
    parser.add_argument("--skip-batch", action="store_true", help="only the in-process figures")
    parser.add_argument("--batch-engines", default=",".join(ENGINES),
                        help="the PDF engines council batch runs with, comma-separated (default: both)")
    args = parser.parse_args(argv)
    engines = tuple(e for e in args.batch_engines.split(",") if e)
    if not engines or any(e not in ENGINES for e in engines):
        parser.error(f"--batch-engines: a comma-separated list of {', '.join(ENGINES)}")
    sys.stdout.reconfigure(line_buffering=True)  # each table as it is measured, also into a file
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if not args.corpus.is_dir():
        print(f"bench: {args.corpus}: no corpus — make corpus (or scripts/make_corpus.py --out {args.corpus})",
              file=sys.stderr)
        return 2
    from extractor.progress import page_count_of

    stems = sorted({stem(p) for p in args.corpus.glob("*.lo.pdf")})[: args.limit]
    lo_pages = {s: page_count_of(args.corpus / f"{s}.lo.pdf") or 1 for s in stems}
    # each document's renderings in turn, starting with another format each time: the first rendering
    # of a document meets its item lists uncached, so no format is always first
    documents = [args.corpus / f"{s}{suffix}" for i, s in enumerate(stems)
                 for suffix, _ in FORMATS[i % 4:] + FORMATS[:i % 4] if (args.corpus / f"{s}{suffix}").exists()]
    # a PDF's own pages (Chromium lays a document out on more pages than LibreOffice); a .docx or text
    # export counts the pages of its LibreOffice PDF
    pages = {p.name: (page_count_of(p) if p.suffix == ".pdf" else None) or lo_pages[stem(p)] for p in documents}
    print(f"corpus: {args.corpus} — {len(stems)} documents, {len(documents)} files, {sum(pages.values())} pages; "
          f"{os.cpu_count()} cores")
    in_process(documents, pages)
    if not args.skip_batch:
        corpus = args.corpus
        if args.limit:  # the same documents for the batch: linked into a folder of their own
            corpus = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
            for path in documents:
                (corpus / path.name).symlink_to(path.resolve())
        pages_total = sum(pages.values())
        batches(corpus, pages_total, len(documents), engines)
    bench_classify()
    return 0


if __name__ == "__main__":
    sys.exit(main())
