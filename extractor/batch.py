"""Many files: worker processes, a progress line per file, resume, a manifest of what failed.

``council batch IN_DIR --out-dir OUT`` writes ``OUT/<relative path>.json`` for every document under
IN_DIR (the input's relative path kept, as the contract says) and ``OUT/batch-manifest.json``: per
input its sha256, status and, for a failure, the error code and message. With ``--resume`` an input
whose manifest entry says it was converted from the same bytes by the same tool version, and whose
output is still there, is not converted again. One bad file never stops the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .archive import NOT_READ, diff_path, find_inputs, load_manifest, output_path, write_manifest
from .errors import FileTimeout, InternalError, TooLarge


@dataclass(frozen=True)
class ReadOptions:
    """How every file of a batch is read: passwords tried in turn on an encrypted PDF, the limits
    checked before work, and how long one file may take."""

    passwords: tuple[str, ...] = ()
    limits: object = None  # extractor.limits.Limits; None for the defaults
    timeout: float | None = None
    memory_mb: int | None = None  # the address space a worker may add to the loaded pipeline (RLIMIT_AS)
    pdf_engine: str = "pdfplumber"  # who interprets a PDF's pages (extractor.readers.pdf.ENGINES)


@dataclass(frozen=True)
class Outcome:
    relative: str
    sha256: str
    status: str  # converted | failed | not_read
    seconds: float
    code: str | None = None
    message: str | None = None
    summary: str | None = None
    record: dict | None = None  # the --jsonl line (see extractor.summary.record)
    pages: int | None = None  # a PDF's or an image's pages; None for other formats and failures


class BatchCounts(NamedTuple):
    converted: int
    failed: int
    skipped: int  # unchanged since the last run (--resume)
    not_read: int  # not a document this tool reads (each in the manifest with its reason)
    summary: str


def _digest(path: Path) -> str:
    try:
        return sha256_of(path)
    except OSError:
        return ""


def _record(relative: str, *, status: str, code: str | None) -> dict:
    from .summary import record

    return record(relative, status=status, code=code)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _extract_with(path: Path, options: ReadOptions):
    """Extract, trying each password on an encrypted PDF; within the timeout."""
    import signal

    from . import extract
    from .errors import Encrypted

    def expired(signum, frame):
        raise FileTimeout(None, f"took longer than the per-file timeout of {options.timeout:g} s "
                                f"(--timeout {options.timeout:g}) and was given up")

    if options.timeout:
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, options.timeout)
    try:
        error = None
        for password in (None, *options.passwords):
            try:
                return extract(path, password=password, limits=options.limits, pdf_engine=options.pdf_engine)
            except Encrypted as exc:
                error = exc
        raise error
    finally:
        if options.timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


_BASELINE: list[int] = []  # a worker's address space before its first file


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux: /proc/self/statm), 0 where unknown."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _cap_memory(memory_mb: int) -> None:
    """Cap this worker's address space at what it held before its first file (the pipeline it shares
    with the others) plus ``memory_mb``: what one file may take, whatever the model's size."""
    import resource

    if not _BASELINE:
        _BASELINE.append(_address_space())
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = _BASELINE[0] + memory_mb * 1024 * 1024
    if soft == resource.RLIM_INFINITY or soft > wanted:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def convert_one(root: str, relative: str, out_dir: str, options: ReadOptions = ReadOptions()) -> Outcome:
    """Worker: extract one file and write its JSON atomically. Never raises."""
    from .output import write_atomic
    from .errors import CouncilError
    from .schema import to_json
    from .summary import record, summary_line

    start = time.perf_counter()
    path = Path(root) / relative
    if options.memory_mb:
        _cap_memory(options.memory_mb)

    def digest() -> str:  # the Submission carries it; a failure has to read the bytes itself
        try:
            return sha256_of(path)
        except OSError:
            return ""

    try:
        result = _extract_with(path, options)
        write_atomic(output_path(Path(out_dir), Path(relative)), to_json(result))
        return Outcome(relative, result.source.sha256, "converted", time.perf_counter() - start,
                       summary=summary_line(result), record=record(relative, result, status="converted"),
                       pages=result.source.pages)
    except MemoryError:
        pass  # answered below the handlers, once the traceback has let go of the file's memory
    except CouncilError as exc:  # a FileTimeout too
        exc.path = relative  # name the file by its place in the archive, not its base name alone
        return Outcome(relative, digest(), "failed", time.perf_counter() - start, exc.code, exc.one_line(),
                       record=record(relative, status="failed", code=exc.code))
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the archive
        if not (options.memory_mb and "Cannot allocate memory" in str(exc)):  # else a library's allocation failed
            error = InternalError(relative, f"internal error ({type(exc).__name__}: {exc})")
            return Outcome(relative, digest(), "failed", time.perf_counter() - start, error.code, error.one_line(),
                           record=record(relative, status="failed", code=error.code))
    return _out_of_memory(relative, digest(), start, options)


def _out_of_memory(relative: str, sha256: str, start: float, options: ReadOptions) -> Outcome:
    from .summary import record

    error = TooLarge(relative, f"needed more memory than the {options.memory_mb} MB a worker may use",
                     hint="run council extract on it alone, or raise --max-memory-mb")
    return Outcome(relative, sha256, "failed", time.perf_counter() - start, error.code, error.one_line(),
                   record=record(relative, status="failed", code=error.code))


_SNIFF_BYTES = 64 * 1024 * 1024  # what of a file outside the document suffixes is read to tell what it is


def not_a_document(path: Path, relative: str):
    """Why a file outside the document suffixes is not converted (a :class:`CouncilError` naming what
    its bytes are and what to do), or ``None`` when its bytes are a document all the same (a PDF, a
    .docx, an .xlsx, a .doc or a page image with no suffix or another one): then it is converted."""
    from .errors import CouncilError, UnsupportedFormat
    from .readers import _what_bytes_are, detect_format

    try:
        with path.open("rb") as fh:
            data = fh.read(_SNIFF_BYTES)
        fmt = detect_format(path, data)
    except CouncilError as exc:  # .pptx, .xls, an archive, an empty file …: the reader's own words
        exc.path = relative
        return exc
    except OSError as exc:
        return UnsupportedFormat(relative, f"cannot be read ({exc.strerror})", hint="check its permissions")
    if fmt != "text":
        return None
    suffix = path.suffix.lower()
    named = f"named {path.suffix}" if suffix else "with no suffix"
    head = data[:4096]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\0" not in head and sum(1 for b in head if b >= 0x20 or b in b"\t\r\n") > 0.95 * len(head):
        return UnsupportedFormat(relative, f"a text file {named}, not taken as a text export",
                                 hint="rename it .txt to convert it as a text export, or leave it: it is "
                                      "listed, not converted")
    return UnsupportedFormat(relative, f"{named}: {_what_bytes_are(data)}, not a document this tool reads",
                             hint="save it as PDF, .docx or .xlsx to convert it, or leave it: it is listed, "
                                  "not converted")


def diff_against_archive(out_dir: Path, report=None) -> tuple[int, int]:
    """Every converted submission that declares its changes (a ※ statement) held against its
    approved version among the converted outputs: ``foo.docx.json`` → ``foo.docx.diff.json``.
    Returns (diffs written, revisions whose approved version is not there). ``report(path, chosen,
    target)`` hears of each revision as it is done: ``chosen`` the approved version's Candidate and
    ``target`` the diff written, both None when no approved version is there."""
    from .output import write_atomic
    from .diff import diff
    from .diff.archive import candidates_in, find_approved
    from .errors import NoApprovedVersion
    from .schema import to_json

    pool = candidates_in(out_dir)
    written = missing = 0
    for c in pool:
        new = c.submission
        if new.change_marking is None or "#" in c.path:
            continue
        try:
            chosen = find_approved(new, out_dir, pool)
        except NoApprovedVersion:
            missing += 1
            if report is not None:
                report(c.path, None, None)
            continue
        target = diff_path(out_dir, c.path)
        write_atomic(target, to_json(diff(chosen.submission, new)))
        written += 1
        if report is not None:
            report(c.path, chosen, target)
    return written, missing


def lost_outcome(call: tuple, exc: BaseException) -> Outcome:
    """A file whose worker died under it (killed for memory, a crash in a library, a lost cluster
    worker): failed, and the batch goes on."""
    from .summary import record

    _, relative, _, _ = call
    error = InternalError(relative, f"its worker stopped while converting it ({type(exc).__name__})",
                          hint="run council extract --debug on it alone")
    return Outcome(relative, "", "failed", 0.0, error.code, error.one_line(), record=record(relative, status="failed",
                                                                                           code=error.code))


def _convert_all(todo: list[str], root: Path, out_dir: Path, options: ReadOptions, jobs: int | None,
                 scheduler: str | None, record_outcome, progress) -> None:
    """Every file of ``todo`` converted here or on the cluster, each Outcome recorded as it comes. On an
    interrupt the files in progress finish and are recorded (a second interrupt ends the workers at
    once), then the KeyboardInterrupt goes on up."""
    from .runners import LocalRunner, remove_partial_outputs

    if scheduler:
        from .cluster import DaskRunner

        runner = DaskRunner(scheduler)
        base = (str(root.resolve()), str(out_dir.resolve()))  # the same paths on every worker
    else:
        runner = LocalRunner(max(1, min(jobs or os.cpu_count() or 1, len(todo))))
        base = (str(root), str(out_dir))
    calls = [(base[0], rel, base[1], options) for rel in todo]
    try:
        for outcome in runner.results(convert_one, calls, lost_outcome):
            record_outcome(outcome)
    except KeyboardInterrupt:
        progress.said("council: interrupted — finishing the files in progress (Ctrl-C again to stop at once)")
        try:
            for outcome in runner.finish(lost_outcome):
                record_outcome(outcome)
        except KeyboardInterrupt:
            runner.close(now=True)
            remove_partial_outputs(out_dir)
            raise
        raise
    finally:
        runner.close()


def run_batch(root: Path, out_dir: Path, *, jobs: int | None = None, resume: bool = False,
              retry_failed: bool = False, quiet: bool = False, jsonl: Path | None = None, options: ReadOptions = ReadOptions(),
              scheduler: str | None = None, progress_bar: bool | None = None) -> BatchCounts:
    """Convert every document under ``root``; returns what was converted, failed, skipped (unchanged since
    the last run) and not read (files that are no document this tool reads: .pptx, .xls, no suffix,
    binary — each one in the manifest with its reason), and the closing summary.
    With ``jsonl``, also write one JSON line per document (skipped ones from the manifest) for other
    tools. ``scheduler``: a Dask scheduler's address, whose workers do the work (:mod:`extractor.cluster`).

    Ctrl-C or SIGTERM: nothing new starts, the files in progress finish and are recorded, the manifest is
    written, and KeyboardInterrupt goes on up; a second one ends the workers where they are.
    """
    from . import __version__
    from .progress import Progress, page_count_of

    documents, others = find_inputs(root, out_dir)
    previous = load_manifest(out_dir).get("files", {}) if resume else {}
    done: dict[str, dict] = {}
    skipped = 0
    failed_before: list[str] = []  # failed last time from the same bytes and version (--retry-failed converts them)
    not_read: list[Outcome] = []  # files that are no document this tool reads, each with its reason
    for path in others:
        rel = path.relative_to(root).as_posix()
        why = not_a_document(path, rel)
        if why is None:
            documents.append(path)  # a document by its bytes, whatever its name
        else:
            not_read.append(Outcome(rel, _digest(path), NOT_READ, 0.0, why.code, why.one_line(),
                                    record=_record(rel, status=NOT_READ, code=why.code)))
    documents.sort()
    todo: list[str] = []
    for path in documents:
        rel = path.relative_to(root).as_posix()
        entry = previous.get(rel)
        if (entry and entry.get("status") == "converted" and entry.get("tool_version") == __version__
                and output_path(out_dir, Path(rel)).exists() and entry.get("sha256") == sha256_of(path)):
            done[rel] = dict(entry)  # stays "converted": the next resume skips it again
            skipped += 1
        elif (entry and entry.get("status") == "failed" and not retry_failed and entry.get("tool_version") == __version__
              and entry.get("code") not in ("timeout", "too_large", "internal") and entry.get("sha256") == sha256_of(path)):
            done[rel] = dict(entry)  # the same bytes would fail the same way: said again, not converted again
            failed_before.append(rel)
        else:
            todo.append(rel)
    counts = {rel: page_count_of(root / rel) for rel in todo}
    # the largest first, so that no long file is left running alone at the end
    todo.sort(key=lambda rel: -(counts[rel] or (root / rel).stat().st_size / 50_000))
    # the work each file stands for, so the time left follows pages: a file with no page count (.docx,
    # text) counts its size in pages' worth, as the order above does
    weights = {rel: counts[rel] or max(1, round((root / rel).stat().st_size / 50_000)) for rel in todo}
    progress = Progress(len(documents), sum(n for n in counts.values() if n) or None, done_files=len(done),
                        quiet=quiet, bar=progress_bar, weights=weights)
    if skipped:
        progress.said(f"[{skipped}/{len(documents)}] unchanged since the last run, skipped")
    for rel in failed_before:  # said even with -q, as failures are
        progress.failed_before(rel, done[rel].get("message") or rel)
    for outcome in not_read:  # said even with -q, as failures are: each is an input not converted
        done[outcome.relative] = {"status": NOT_READ, "sha256": outcome.sha256, "tool_version": __version__,
                                  "seconds": 0.0, "code": outcome.code, "message": outcome.message,
                                  "record": outcome.record}
        progress.not_read(outcome)

    def record_outcome(outcome: Outcome):
        # recorded before it is said: an interrupt after the progress line still finds it in the manifest
        done[outcome.relative] = {"status": outcome.status, "sha256": outcome.sha256, "tool_version": __version__,
                                  "seconds": round(outcome.seconds, 3), "code": outcome.code,
                                  "message": outcome.message, "record": outcome.record}
        progress.done(outcome)

    def terminated(signum, frame):  # SIGTERM ends a batch as Ctrl-C does: what is done is kept
        raise KeyboardInterrupt

    import signal

    previous_handler = signal.signal(signal.SIGTERM, terminated)
    try:
        if todo:  # nothing to convert: no pipeline to load, no cluster to reach
            _convert_all(todo, root, out_dir, options, jobs, scheduler, record_outcome, progress)
    except KeyboardInterrupt:
        # every output written so far is whole (written atomically); the manifest names exactly
        # those and says which were not done, so --resume does the rest; the JSONL holds what is done
        progress.close()
        left = [rel for rel in todo if rel not in done]
        files, _, _ = write_manifest(root, out_dir, done, skipped, __version__, not_done=left)
        if jsonl is not None:
            _write_jsonl(jsonl, files, out_dir)
        _update_catalogue(out_dir, progress)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        progress.close()
    files, converted, failed = write_manifest(root, out_dir, done, skipped, __version__)
    if jsonl is not None:
        _write_jsonl(jsonl, files, out_dir)
    _update_catalogue(out_dir, progress)
    return BatchCounts(converted, failed, skipped, len(not_read),
                       progress.summary(converted, failed, skipped, len(not_read)))


def _write_jsonl(jsonl: Path, files: dict, out_dir: Path) -> None:
    """One JSON line per document, to a file or to standard output (``-``): the renderings of one
    document (a .docx and its PDFs, told by what they say as ``council link`` tells them) on one line,
    named by the most faithful one, with that one's whole output as OUT holds it; a file not
    converted on a line of its own. Lines in the path order of the documents' files."""
    from .link import group_renderings, minutes_identity, submission_identity
    from .output import write_atomic

    documents: dict[str, dict] = {}
    for rel, e in files.items():
        if e["status"] == "converted":
            try:
                documents[rel] = json.loads(output_path(out_dir, Path(rel)).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass  # an output gone since (removed by hand): its line says what the manifest knows

    def identity(doc: dict) -> str:
        kind = doc.get("schema")
        if kind == "council-submission":
            return json.dumps([kind, submission_identity(doc)], ensure_ascii=False)
        if kind == "council-minutes":
            return json.dumps([kind, minutes_identity(doc)], ensure_ascii=False)
        if kind == "council-packet":
            parts = [submission_identity(p["submission"]) for p in doc.get("submissions", [])]
            return json.dumps([kind, doc.get("meeting"), parts], ensure_ascii=False, sort_keys=True)
        if kind == "council-document":  # no council document: nothing says which others render it, a line of its own
            source = doc.get("source") or {}
            return json.dumps([kind, source.get("filename"), source.get("sha256")], ensure_ascii=False)
        return json.dumps(["file", doc.get("file")])  # not converted: a line of its own

    groups = group_renderings(list(files), identity, lambda rel: rel, lambda rel: documents.get(rel) or {"file": rel})
    lines = []
    for rel, others in groups:
        e = files[rel]
        head = dict(e.get("record") or {"file": rel, "kind": None, "status": e["status"], "code": e.get("code"),
                                         "pages": None, "about": None, "counts": {}})
        doc = documents.get(rel)
        head["about"] = _about_of(doc) if doc is not None else None
        lines.append(json.dumps(dict(head, renderings=others, document=doc), ensure_ascii=False))
    if str(jsonl) == "-":  # standard output: the lines for a pipe, the progress stays on stderr
        import sys

        sys.stdout.write("".join(line + "\n" for line in lines))
        sys.stdout.flush()
    else:
        write_atomic(jsonl, "".join(line + "\n" for line in lines))


def _about_of(doc: dict) -> dict:
    """:func:`extractor.summary.about` of an output as OUT holds it (a run resumed from an older
    manifest carries the old joined string; the output says it again part by part)."""
    m = doc.get("meeting") or {}
    return {"title": doc.get("title"), "raw_title": doc.get("raw_title"), "body": m.get("body"),
            "fiscal_year": m.get("fiscal_year"), "session": m.get("session"), "date": m.get("date")}


def _update_catalogue(out_dir: Path, progress) -> None:
    """Bring OUT/catalogue.sqlite up to date with the outputs (only those whose bytes changed are read);
    a catalogue that cannot be written is said, and the batch's outputs stand."""
    import sqlite3

    from .catalogue import CATALOGUE, index_archive

    try:
        index_archive(out_dir)
    except (sqlite3.Error, OSError) as exc:
        progress.said(f"council: warning: {out_dir / CATALOGUE}: the catalogue was not updated ({exc}); "
                      f"delete it and run council index {out_dir}")
