#!/usr/bin/env python3
"""Agreement of the extractor with the generated corpus's truth, per format and per key family.

    .venv/bin/python scripts/score_corpus.py out/corpus            (make corpus prints this too)
    .venv/bin/python scripts/score_corpus.py tests/corpus --details   (what disagrees, per document)

For every ``<id>.truth.json`` (written by scripts/make_corpus.py) each rendering that exists —
.docx, LibreOffice PDF (.lo.pdf), Chromium PDF (.chromium.pdf), text export (.txt) — is extracted
and held to the truth in the terms of ../shared/docs/output-contract.md:

  title                             whether the title is right
  agenda, meeting, change_marking   share of the object's keys that are right
  fields, tables, procedures,       F1 of the list's entries, each entry compared whole
  checklist, personal_data,
  marked_changes
  diff                              for each new version with its approved one: F1 of the changes
                                    (path and kind); over all pairs, precision and recall of
                                    ``unmarked_changes`` (styled formats only)
  pdf ≡ docx                        share of PDFs whose JSON equals their .docx's apart from the
                                    keys the contract excludes (source, page, bbox, warnings)

A text export carries no styles, so there the truth says ``marked: null`` and no marked passages.
Prints a table; ``--json FILE`` writes the figures, ``--details`` the disagreements.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

FORMATS = {"docx": ".docx", "lo": ".lo.pdf", "chromium": ".chromium.pdf", "text": ".txt"}
FAMILIES = ("title", "agenda", "meeting", "change_marking", "fields", "tables", "procedures", "checklist",
            "personal_data", "marked_changes")
RAW_SIBLINGS = {"raw_title", "raw_value", "raw", "raw_measure", "raw_name", "raw_speaker"}  # text as printed may differ by rendering
EXCLUDED = {"source", "page", "bbox", "warnings", "first_page", "last_page"}  # a packet's page range too


def f1(truth: list, got: list) -> tuple[float, list, list]:
    """F1 of two multisets, with what is missing and what is extra."""
    t, g = Counter(truth), Counter(got)
    hit = sum((t & g).values())
    missing, extra = list((t - g).elements()), list((g - t).elements())
    if not truth and not got:
        return 1.0, [], []
    p = hit / sum(g.values()) if g else 0.0
    r = hit / sum(t.values()) if t else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), missing, extra


def keys_share(truth: dict | None, got: dict | None, keys) -> tuple[float, list, list]:
    if truth is None or got is None:
        ok = truth is None and got is None
        return float(ok), ([] if ok else [truth]), ([] if ok else [got])
    wrong = [k for k in keys if truth[k] != got.get(k)]
    return 1 - len(wrong) / len(keys), [(k, truth[k]) for k in wrong], [(k, got.get(k)) for k in wrong]


def _j(x) -> str:
    return json.dumps(x, ensure_ascii=False, sort_keys=True)


def atoms(family: str, doc: dict, styled: bool, truth_side: bool) -> list[str]:
    """One comparable string per entry of a list family, from the truth or from extracted JSON."""
    if family == "fields":
        return [_j([f["key"], f["value"], (f["marked"] if styled else None), f["marked_text"] if styled else [],
                    f["dates"], f["refers_to"]]) for f in doc["fields"]]
    if family == "tables":
        out = []
        for t in doc["tables"]:
            rows = t.get("text_rows") if (truth_side and not styled) else t["rows"]
            if not truth_side:
                rows = [[c["text"] for c in r] for r in t["rows"]]
            if t["header"]:
                out.append(_j(["header", [h for h in t["header"] if h]]))
            out += [_j(["row", [c for c in r if c]]) for r in rows]
        return out
    if family == "procedures":
        out = []
        for p in doc["procedures"]:
            items = p["items"] if truth_side else [[i["subject"], i["item"]] for i in p["items"]]
            out.append(_j([p["no"], p["department"], p["name"], items, p["grounds"], p["grounds_text"],
                           p["estimated_count"], p["uses_mynumber_card"], p["online_payment"]]))
        return out
    if family == "checklist":
        return [_j([e["party"], e["kind"], e["measure"], e["mark"], e["status"]]) for e in doc["checklist"]]
    if family == "personal_data":
        if truth_side:
            return [_j([lst["field"], lst["procedure"], lst["items"]]) for lst in doc["item_lists"]]
        return [_j([lst["location"].get("field"), lst["procedure"],
                    [[i["subject"], i["item"]] for i in lst["items"]]]) for lst in doc["personal_data"]]
    if family == "marked_changes":
        if not styled:
            return []
        return [_j(m if truth_side else m["text"]) for m in doc["marked_changes"]]
    raise ValueError(family)


def score_document(truth: dict, got: dict, styled: bool) -> dict[str, tuple[float, list, list]]:
    out = {}
    out["title"] = keys_share({"title": truth["title"]}, {"title": got.get("title")}, ("title",))
    out["agenda"] = keys_share(truth["agenda"], got["agenda"], ("type", "basis", "departments", "parent_title"))
    out["meeting"] = keys_share(truth["meeting"], got["meeting"], ("body", "fiscal_year", "session", "date",
                                                                   "document_number"))
    out["change_marking"] = keys_share(truth["change_marking"], got["change_marking"],
                                       ("statement", "reference", "styles"))
    for family in FAMILIES[4:]:
        out[family] = f1(atoms(family, truth, styled, True), atoms(family, got, styled, False))
    return out


def comparable(doc: dict, chromium: bool) -> dict:
    """A Submission's JSON without the keys the contract lets PDF and .docx differ in."""
    from extractor.normalize import normalize

    def walk(o):
        if isinstance(o, dict):
            return {k: (normalize(v) if chromium and k in RAW_SIBLINGS and isinstance(v, str) else walk(v))
                    for k, v in o.items() if k not in EXCLUDED}
        if isinstance(o, list):
            return [walk(x) for x in o]
        return o
    return walk(doc)


def _first_difference(a, b, path="") -> str:
    if type(a) is not type(b):
        return f"{path}: {str(a)[:80]} ≠ {str(b)[:80]}"
    if isinstance(a, dict):
        for k in a:
            if a[k] != b.get(k):
                return _first_difference(a[k], b.get(k), f"{path}/{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} ≠ {len(b)} entries"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{path}/{i}")
    return f"{path}: {str(a)[:80]} ≠ {str(b)[:80]}"


def _within(seconds: float, work, *args):
    """``work(*args)``, given up with TimeoutError after ``seconds`` (0: no bound): one extraction
    that never ends must not hold the whole run without a word."""
    import signal

    def expired(signum, frame):
        raise TimeoutError(f"took longer than {seconds:g} s (--timeout) and was given up")

    if not seconds:
        return work(*args)
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def score_one(args) -> dict:
    """Extract every rendering of one truth file and score it (runs in a worker process)."""
    truth_path, timeout = args
    from extractor import extract as extract_now

    def extract(path):
        return _within(timeout, extract_now, path)
    from extractor.diff import diff  # the subpackage's function: also what versions before 1.1 offer
    from extractor.schema import to_json

    record = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    base = Path(truth_path).with_name(record["id"])
    result = {"id": record["id"], "style": record.get("style", {}), "formats": {}, "equivalent": {}, "diff": {}}
    extracted = {}
    for fmt, suffix in FORMATS.items():
        path = base.with_name(base.name + suffix)
        if not path.exists():
            continue
        try:
            sub = extract(path)
        except Exception as exc:  # a failure to read counts as zero on every family
            result["formats"][fmt] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        extracted[fmt] = sub
        got = json.loads(to_json(sub))
        scores = score_document(record["truth"], got, styled=fmt != "text")
        result["formats"][fmt] = {k: v[0] for k, v in scores.items()}
        result["formats"][fmt]["_details"] = {k: {"missing": v[1], "extra": v[2]} for k, v in scores.items() if v[0] < 1}
        if fmt in ("lo", "chromium") and "docx" in extracted:
            a = comparable(json.loads(to_json(extracted["docx"])), fmt == "chromium")
            b = comparable(got, fmt == "chromium")
            result["equivalent"][fmt] = None if a == b else _first_difference(a, b)
    if record.get("previous"):
        prev = base.with_name(record["previous"])
        for fmt, suffix in FORMATS.items():
            old_path = prev.with_name(prev.name + suffix)
            if fmt not in extracted or not old_path.exists():
                continue
            try:
                d = json.loads(to_json(diff(extract(old_path), extracted[fmt])))
            except Exception as exc:
                result["diff"][fmt] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
            expected = record["expected_changes"]
            score, missing, extra = f1([_j([c["path"], c["kind"]]) for c in expected],
                                       [_j([c["path"], c["kind"]]) for c in d["changes"]])
            entry = {"changes": score, "missing": missing, "extra": extra}
            if fmt != "text":
                entry["unmarked_truth"] = [c["path"] for c in expected if not c["marked"]]
                entry["unmarked_got"] = d["unmarked_changes"] or []
                # every passage the generator marks is a change: none is marked but unchanged
                entry["marked_unchanged"] = [m["text"] for m in d["marked_unchanged"]]
            result["diff"][fmt] = entry
    return result


def score_corpus(directory: Path, jobs: int = 2, timeout: float = 120.0) -> list[dict]:
    truths = sorted(Path(directory).glob("*.truth.json"))
    if jobs <= 1:
        return [score_one((str(t), timeout)) for t in truths]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(score_one, [(str(t), timeout) for t in truths]))


def summarise(results: list[dict]) -> dict:
    """Mean agreement per format and family; PDF ≡ .docx share; diff F1 and unmarked precision/recall."""
    summary: dict = {"documents": len(results), "formats": {}, "equivalent": {}, "diff": {}}
    for fmt in FORMATS:
        rows = [r["formats"][fmt] for r in results if fmt in r["formats"]]
        if not rows:
            continue
        fam = {f: sum(row.get(f, 0.0) for row in rows) / len(rows) for f in FAMILIES}
        fam["errors"] = sum(1 for row in rows if "error" in row)
        fam["documents"] = len(rows)
        summary["formats"][fmt] = fam
    for fmt in ("lo", "chromium"):
        eq = [r["equivalent"][fmt] for r in results if fmt in r["equivalent"]]
        if eq:
            summary["equivalent"][fmt] = sum(1 for e in eq if e is None) / len(eq)
    for fmt in FORMATS:
        pairs = [r["diff"][fmt] for r in results if fmt in r["diff"] and "error" not in r["diff"][fmt]]
        if not pairs:
            continue
        entry = {"pairs": len(pairs), "changes_f1": sum(p["changes"] for p in pairs) / len(pairs)}
        if fmt != "text":
            truth = Counter((i, p) for i, x in enumerate(pairs) for p in x["unmarked_truth"])
            got = Counter((i, p) for i, x in enumerate(pairs) for p in x["unmarked_got"])
            hit = sum((truth & got).values())
            entry["unmarked_precision"] = hit / sum(got.values()) if got else 1.0
            entry["unmarked_recall"] = hit / sum(truth.values()) if truth else 1.0
            entry["marked_unchanged"] = sum(len(x["marked_unchanged"]) for x in pairs)
        summary["diff"][fmt] = entry
    summary["by_style"] = by_style(results)
    return summary


def by_style(results: list[dict]) -> dict:
    """Per style family and choice (as the truth record names them): documents, the mean over formats
    and key families, the weakest key family, and the PDF ≡ .docx share."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in results:
        for family, choice in r.get("style", {}).items():
            groups.setdefault((family, str(choice)), []).append(r)
    out: dict = {}
    for (family, choice), rs in sorted(groups.items()):
        rows = [row for r in rs for row in r["formats"].values()]
        fam = {f: sum(row.get(f, 0.0) for row in rows) / len(rows) for f in FAMILIES} if rows else {}
        eq = [e for r in rs for e in r["equivalent"].values()]
        weakest = min(fam, key=fam.get) if fam else None
        out.setdefault(family, {})[choice] = {
            "documents": len(rs), "mean": sum(fam.values()) / len(fam) if fam else 0.0,
            "weakest": weakest, "weakest_score": fam.get(weakest, 0.0) if weakest else 0.0,
            "pdf_equivalent": sum(1 for e in eq if e is None) / len(eq) if eq else None}
    return out


def print_summary(summary: dict, out=sys.stdout) -> None:
    fmts = list(summary["formats"])
    print(f"{summary['documents']} truth files", file=out)
    print("family".ljust(16) + "".join(f.rjust(10) for f in fmts), file=out)
    for fam in FAMILIES + ("errors", "documents"):
        cells = []
        for f in fmts:
            v = summary["formats"][f][fam]
            cells.append(f"{v:.3f}".rjust(10) if isinstance(v, float) else str(v).rjust(10))
        print(fam.ljust(16) + "".join(cells), file=out)
    for fmt, share in summary["equivalent"].items():
        print(f"{fmt} ≡ docx: {share:.3f}", file=out)
    for fmt, d in summary["diff"].items():
        line = f"diff {fmt}: {d['pairs']} pairs, changes F1 {d['changes_f1']:.3f}"
        if "unmarked_precision" in d:
            line += (f", unmarked precision {d['unmarked_precision']:.3f} recall {d['unmarked_recall']:.3f}"
                     f", marked but unchanged (all false) {d['marked_unchanged']}")
        print(line, file=out)
    if summary.get("by_style"):
        print(f"{'style family / choice':<34}{'docs':>5}{'mean':>9}  {'weakest family':<21}{'PDF≡docx':>9}", file=out)
    for family, choices in summary.get("by_style", {}).items():
        for choice, d in choices.items():
            eq = "-" if d["pdf_equivalent"] is None else f"{d['pdf_equivalent']:.3f}"
            print(f"{family + ' / ' + choice:<34}{d['documents']:>5}{d['mean']:>9.3f}  "
                  f"{d['weakest'] or '-':<15}{d['weakest_score']:.3f}{eq:>10}", file=out)


def print_details(results: list[dict], out=sys.stdout) -> None:
    for r in results:
        for fmt, scores in r["formats"].items():
            if "error" in scores:
                print(f"{r['id']} {fmt}: ERROR {scores['error']}", file=out)
                continue
            for fam, d in scores["_details"].items():
                print(f"{r['id']} {fmt} {fam} {scores[fam]:.3f}", file=out)
                for m in d["missing"][:6]:
                    print(f"    - {m}", file=out)
                for e in d["extra"][:6]:
                    print(f"    + {e}", file=out)
        for fmt, e in r["equivalent"].items():
            if e:
                print(f"{r['id']} {fmt} ≢ docx: {e}", file=out)
        for fmt, d in r["diff"].items():
            if "error" in d:
                print(f"{r['id']} diff {fmt}: ERROR {d['error']}", file=out)
                continue
            if d["changes"] < 1 or set(d.get("unmarked_truth", [])) != set(d.get("unmarked_got", [])) or d.get(
                    "marked_unchanged"):
                print(f"{r['id']} diff {fmt} {d['changes']:.3f} missing {d['missing']} extra {d['extra']} "
                      f"unmarked truth {d.get('unmarked_truth')} got {d.get('unmarked_got')} "
                      f"marked but unchanged {d.get('marked_unchanged')}", file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("directory", type=Path)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write the figures (and every document's scores) here")
    ap.add_argument("--details", action="store_true", help="print what disagrees, per document")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds one extraction may take before it counts as an error (0: no bound; default 120)")
    args = ap.parse_args(argv)
    if not any(args.directory.glob("*.truth.json")):
        print(f"score_corpus: no *.truth.json in {args.directory}; run make corpus first", file=sys.stderr)
        return 2
    results = score_corpus(args.directory, args.jobs, args.timeout)
    summary = summarise(results)
    if args.details:
        print_details(results)
    print_summary(summary)
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "documents": results}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
