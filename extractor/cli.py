"""The ``council`` command: thin over the API.

Every failure is one line on stderr naming the file, what went wrong and what to do, with a
non-zero exit code (the contract's last section); ``--debug`` adds the traceback. Outputs are
written atomically, so a failure never leaves half a file or clobbers an earlier good one.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .archive import links_path, manifest_path
from .errors import CouncilError, InternalError
from .output import output_name, write_atomic
from .summary import summary_line

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
STDIN = "-"  # where a file is named, '-' is standard input (or, for an output, standard output)
STDIN_NAME = "stdin"  # the name an input read from standard input goes by: source.filename, errors, outputs


class _Formatter(argparse.HelpFormatter):
    """Descriptions wrapped as usual; an epilog of examples printed as written, one a line."""

    def _fill_text(self, text, width, indent):
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message):  # usage errors: one line and exit 2, as argparse does, plus a pointer
        self.print_usage(sys.stderr)
        command = self.prog.split()[-1]
        where = "council --help" if command == "council" else f"council {command} --help"
        self.exit(EXIT_USAGE, f"council: error: {message} (see '{where}')\n")


def _report(exc: BaseException, path: str, debug: bool) -> None:
    if isinstance(exc, CouncilError):
        if exc.path is None:
            exc.path = path
        print(f"council: error: {exc.one_line()}", file=sys.stderr)
    else:
        error = InternalError(path, f"internal error ({type(exc).__name__}: {exc})",
                              hint="run again with --debug and report it with the file")
        print(f"council: error: {error.one_line()}", file=sys.stderr)
    if debug:
        traceback.print_exception(exc, file=sys.stderr)


def cmd_extract(args) -> int:
    from . import extract
    from .schema import to_json

    inputs = [Path(p) for p in args.files]
    if args.files.count(STDIN) > 1:
        print("council: error: '-' (standard input) can be given once (see 'council extract --help')", file=sys.stderr)
        return EXIT_USAGE
    if args.output and len(inputs) > 1:
        print("council: error: -o/--output takes one input; use --out-dir DIR for several", file=sys.stderr)
        return EXIT_USAGE
    if not args.output and not args.out_dir and len(inputs) > 1:
        print("council: error: several inputs need --out-dir DIR (one JSON is written per input)", file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    for given, path in zip(args.files, inputs):
        try:
            if given == STDIN:  # the bytes of one document on standard input, its format told by content
                path = Path(STDIN_NAME)
                result = extract(sys.stdin.buffer.read(), name=STDIN_NAME, password=args.password,
                                 limits=limits_from(args), pdf_engine=args.pdf_engine)
            else:
                result = extract(path, password=args.password, limits=limits_from(args), pdf_engine=args.pdf_engine)
            text = to_json(result)
            target = None
            if args.output and args.output != STDIN:
                target = Path(args.output)
            elif args.out_dir:
                target = Path(args.out_dir) / output_name(path)
            if target is None:
                sys.stdout.write(text)
            else:
                write_atomic(target, text)
                if not args.quiet:
                    print(f"{'standard input' if given == STDIN else given} -> {target}: {summary_line(result)}",
                          file=sys.stderr)
        except Exception as exc:  # noqa: BLE001 - each failure is reported and the rest go on
            failed += 1
            _report(exc, str(path), args.debug)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def load_submission(path: Path, *, password: str | None = None, limits=None, minutes: bool = False,
                    pdf_engine: str = "pdfplumber"):
    """What ``council diff`` compares: a document to extract, or a JSON that ``council extract`` wrote
    before; ``-`` is either of them on standard input (a JSON when its first character is ``{``).
    ``FILE#N`` (a packet's document or JSON) is the packet's N-th submission, from 0, as ``council
    link`` and ``diff --archive`` name it; a packet of one submission is that submission. With
    ``minutes``, minutes are taken too (two of them are diffed as minutes)."""
    from . import extract
    from .archive import split_part

    name = str(path)
    part = None
    if name != STDIN and not path.exists():
        base, part = split_part(name)
        if part is not None:
            path = Path(base)
    if name == STDIN:
        raw = sys.stdin.buffer.read()
        if raw.lstrip()[:1] == b"{":
            result = _output_from_json(raw, STDIN_NAME)
        else:
            result = extract(raw, name=STDIN_NAME, password=password, limits=limits, pdf_engine=pdf_engine)
        path = Path(STDIN_NAME)
    elif path.suffix.lower() == ".json" and path.is_file():
        result = _output_from_json(path.read_bytes(), path.name)
    else:
        result = extract(path, password=password, limits=limits, pdf_engine=pdf_engine)
    return _one_to_compare(result, path.name, part, minutes=minutes)


def _one_to_compare(result, name: str, part: int | None, *, minutes: bool):
    """The submission (or, with ``minutes``, the minutes) a read output holds; a CorruptDocument saying
    what it is and how to name a packet's submission otherwise."""
    from .errors import CorruptDocument, NotCouncilDocument
    from .schema import Minutes, OtherDocument, Packet, Submission
    from .summary import kind_of

    if isinstance(result, OtherDocument):
        raise NotCouncilDocument(name, "reads as other: not a council submission or minutes, so there is "
                                       "nothing to compare")
    if isinstance(result, Packet):
        count = len(result.submissions)
        if part is None and count == 1:
            return result.submissions[0].submission
        if part is not None and 0 <= part < count:
            return result.submissions[part].submission
        which = f"{name}#0" if count == 1 else f"{name}#0 … {name}#{count - 1}"
        packet = f"a packet of {count} submission{'s' if count != 1 else ''}"
        said = f"has no submission #{part}: {packet}" if part is not None else f"reads as {packet}"
        raise CorruptDocument(name, said,
                              hint=f"name one of its submissions, from 0: {which}")
    if part is not None:
        raise CorruptDocument(f"{name}#{part}", f"#{part} picks a submission of a packet, and {name} reads as "
                              f"{kind_of(result)}", hint=f"give {name} without #{part}")
    if isinstance(result, Submission) or (minutes and isinstance(result, Minutes)):
        return result
    raise CorruptDocument(name, f"reads as {kind_of(result)}, not one submission",
                          hint="council diff compares two submissions or two minutes; a packet's N-th "
                               "submission is FILE#N (from 0)")


def _output_from_json(raw: bytes, name: str):
    """A council-submission, -minutes or -packet JSON that ``council extract`` wrote, validated
    (strict: anything else is a CorruptDocument naming what it is)."""
    import json

    from .errors import CorruptDocument
    from .schema import Minutes, OtherDocument, Packet, Submission

    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptDocument(name, f"not a JSON file ({exc})", hint="give a document or a council extract JSON")
    models = {"council-submission": Submission, "council-minutes": Minutes, "council-packet": Packet,
              "council-document": OtherDocument}
    what = data.get("schema") if isinstance(data, dict) else None
    if what not in models:
        raise CorruptDocument(name, f"a {what or 'JSON'} file, not a council-submission, -minutes, -packet or -document",
                              hint="council diff compares two submissions or two minutes: give their documents "
                                   "or the JSON council extract wrote")
    try:
        return models[what].model_validate(data)
    except Exception as exc:  # pydantic's ValidationError: name the first problem
        raise CorruptDocument(name, f"a {what} that does not validate ({str(exc).splitlines()[0]})",
                              hint="extract the document again with this version of council")


def cmd_batch(args) -> int:
    from .batch import ReadOptions, run_batch

    root, out_dir = Path(args.input), Path(args.out_dir)
    if not root.is_dir():
        print(f"council: error: {root}: not a folder — give the folder that holds the documents "
              f"(for single files use council extract)", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print("council: error: --jobs takes a whole number from 1 up", file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler and (args.timeout or args.max_memory_mb or args.jobs):
        print("council: error: --timeout, --max-memory-mb and --jobs are for workers on this machine; with "
              "--scheduler the Dask workers' own options bound them (dask worker --nworkers N --nthreads 1 "
              "--memory-limit …) (see 'council batch --help')", file=sys.stderr)
        return EXIT_USAGE
    try:
        passwords = [args.password] if args.password else []
        if args.password_file:
            try:
                passwords += [line.rstrip("\r\n") for line in Path(args.password_file).read_text(
                    encoding="utf-8").splitlines() if line.strip()]
            except OSError as exc:
                print(f"council: error: {args.password_file}: cannot read the password file ({exc.strerror}) "
                      "(see 'council batch --help')", file=sys.stderr)
                return EXIT_USAGE
        options = ReadOptions(passwords=tuple(passwords), limits=limits_from(args), timeout=args.timeout,
                              memory_mb=args.max_memory_mb, pdf_engine=args.pdf_engine)
        counts = run_batch(
            root, out_dir, jobs=args.jobs, resume=args.resume, retry_failed=args.retry_failed, quiet=args.quiet,
            jsonl=Path(args.jsonl) if args.jsonl else None, options=options, scheduler=args.scheduler)
    except CouncilError as exc:
        _report(exc, str(out_dir), args.debug)
        return EXIT_USAGE
    if args.diff_against_archive:
        from .batch import diff_against_archive

        def said(path: str, chosen, target: Path | None):
            if args.quiet:
                return
            if chosen is None:
                print(f"council batch: {path}: no approved version among the outputs", file=sys.stderr)
            else:
                print(f"council batch: {path} against {chosen.path} (score {chosen.score:.2f}) -> {target.name}",
                      file=sys.stderr)

        written, missing = diff_against_archive(out_dir, report=said)
        print(f"council batch: {written} diffs written, {missing} revisions without their approved version",
              file=sys.stderr)
    print(f"council batch: {counts.summary}; manifest: {manifest_path(out_dir)}", file=sys.stderr)
    # an input not converted is never a success: failed, or not read unless --allow-not-read says so
    return EXIT_SOME_FAILED if counts.failed or (counts.not_read and not args.allow_not_read) else EXIT_OK


def cmd_diff(args) -> int:
    from .diff import diff
    from .diff.report import diff_to_html, diff_to_text
    from .schema import to_json

    if args.archive and len(args.paths) != 1:
        print("council: error: with --archive give only NEW (OLD is found in the archive) "
              "(see 'council diff --help')", file=sys.stderr)
        return EXIT_USAGE
    if not args.archive and len(args.paths) != 2:
        print("council: error: give OLD and NEW, or NEW with --archive DIR (see 'council diff --help')",
              file=sys.stderr)
        return EXIT_USAGE
    if args.paths.count(STDIN) > 1:
        print("council: error: '-' (standard input) can stand for OLD or NEW, not both (see 'council diff --help')",
              file=sys.stderr)
        return EXIT_USAGE
    if args.output == STDIN:
        args.output = None  # -o - is standard output
    fmt = args.format or ("text" if sys.stdout.isatty() and not args.output else "json")
    try:
        from .diff.minutes import diff_minutes
        from .diff.report import minutes_diff_to_html, minutes_diff_to_text
        from .schema import Minutes

        new = load_submission(Path(args.paths[-1]), password=args.password, limits=limits_from(args), minutes=True,
                              pdf_engine=args.pdf_engine)
        if args.archive and isinstance(new, Minutes):
            from .errors import CorruptDocument

            raise CorruptDocument(args.paths[-1], "reads as minutes, and --archive finds a submission's approved "
                                  "version", hint="give both versions of the minutes: council diff OLD NEW")
        if args.archive:
            from .archive import documents_to_extract
            from .diff.archive import find_approved

            archive = Path(args.archive)
            if not archive.is_dir():
                print(f"council: error: {archive}: not a folder — give the folder of earlier versions "
                      "(documents or council JSON)", file=sys.stderr)
                return EXIT_USAGE
            extracting = documents_to_extract(archive)
            if extracting and not args.quiet:
                print(f"council diff: extracting {extracting} document{'s' if extracting != 1 else ''} under {archive} to find the approved "
                      f"version; for a folder used again, 'council batch {archive} --out-dir OUT' once, then "
                      "'--archive OUT', is faster", file=sys.stderr)
            chosen = find_approved(new, archive)
            old, old_name = chosen.submission, str(archive / chosen.path)
            print(f"council diff: approved version {old_name} (score {chosen.score:.2f}: "
                  f"{'; '.join(chosen.evidence)})", file=sys.stderr)
        else:
            old_name, chosen = args.paths[0], None
            old = load_submission(Path(old_name), password=args.password, limits=limits_from(args), minutes=True,
                              pdf_engine=args.pdf_engine)
        if isinstance(old, Minutes) != isinstance(new, Minutes):
            from .errors import CorruptDocument

            kinds = ["minutes" if isinstance(x, Minutes) else "a submission" for x in (old, new)]
            raise CorruptDocument(f"{old_name} / {args.paths[-1]}", f"OLD is {kinds[0]} and NEW {kinds[1]}",
                                  hint="council diff compares two submissions or two minutes, of one kind")
        if isinstance(new, Minutes):
            result = diff_minutes(old, new)
            renderers = {"json": to_json, "html": lambda d: minutes_diff_to_html(d, new),
                         "text": lambda d: minutes_diff_to_text(d, colour=sys.stdout.isatty() and not args.output)}
        else:
            result = diff(old, new)
            why = (chosen.score, chosen.evidence) if chosen is not None else None
            renderers = {"json": to_json, "html": lambda d: diff_to_html(d, new, old, why),
                         "text": lambda d: diff_to_text(d, colour=sys.stdout.isatty() and not args.output, new=new,
                                                        old=old)}
        rendered = renderers[fmt](result)
        if args.html:
            write_atomic(Path(args.html), renderers["html"](result))
        if args.output:
            write_atomic(Path(args.output), rendered)
        else:
            sys.stdout.write(rendered)
    except Exception as exc:  # noqa: BLE001 - trouble is exit 2, one line
        _report(exc, " / ".join(args.paths) if not isinstance(exc, CouncilError) else exc.path or args.paths[-1],
                args.debug)
        return EXIT_USAGE
    if not args.quiet and fmt != "text":
        s = result.summary
        marking = "" if isinstance(new, Minutes) else (
            f", {s.unmarked if result.unmarked_changes is not None else 'unknown'} unmarked, "
            f"{s.marked_unchanged} marked but unchanged")
        print(f"{old_name} -> {args.paths[-1]}: {s.added} added, {s.removed} removed, {s.modified} modified"
              f"{marking}", file=sys.stderr)
    return EXIT_SOME_FAILED if result.changes else EXIT_OK


def cmd_link(args) -> int:
    import json

    from .link import link_archive

    root = Path(args.dir)
    if not root.is_dir():
        print(f"council: error: {root}: not a folder — give the folder council batch wrote its JSON to", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = link_archive(root)
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
        target = Path(args.output) if args.output else links_path(root)
        if args.output == STDIN:
            target = "standard output"
            sys.stdout.write(text)
        else:
            write_atomic(target, text)
    except CouncilError as exc:
        _report(exc, str(root), args.debug)
        return EXIT_USAGE
    if not args.quiet:
        print(f"council link: {len(result['links'])} items linked, {len(result['unmatched_items'])} items and "
              f"{len(result['unmatched_submissions'])} submissions unmatched; {target}", file=sys.stderr)
    return EXIT_OK


def cmd_index(args) -> int:
    from .catalogue import CATALOGUE, index_archive

    root = Path(args.dir)
    if not root.is_dir():
        print(f"council: error: {root}: not a folder — give the folder council batch wrote its JSON to", file=sys.stderr)
        return EXIT_USAGE
    try:
        counts = index_archive(root)
    except sqlite3_errors() as exc:
        print(f"council: error: {root / CATALOGUE}: the catalogue cannot be written ({exc}) — delete it and run "
              "council index again (it is rebuilt from the JSON)", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        print(f"council index: {counts.indexed} outputs indexed, {counts.unchanged} unchanged, {counts.dropped} gone, "
              f"{counts.not_council} JSON files not council outputs; {root / CATALOGUE}", file=sys.stderr)
    return EXIT_OK


def sqlite3_errors():
    import sqlite3

    return sqlite3.Error, OSError


def cmd_query(args) -> int:
    import csv
    import json

    from .catalogue import CATALOGUE, query

    root = Path(args.dir)
    if not (root / CATALOGUE).exists():
        print(f"council: error: {root}: no {CATALOGUE} here — run council index {root} first "
              "(council batch writes it too)", file=sys.stderr)
        return EXIT_USAGE
    try:
        columns, rows = query(root, args.sql)
    except sqlite3_errors() as exc:
        print(f"council: error: the query failed ({exc}) — the tables are documents, fields, checklist, items, "
              "minutes_items and text (see 'council query --help'); the catalogue is read-only here",
              file=sys.stderr)
        return EXIT_USAGE
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        cells = [columns] + [["" if v is None else str(v) for v in row] for row in rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
        for r in cells:
            sys.stdout.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")
    if not args.quiet:
        print(f"council query: {len(rows)} rows", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args) -> int:
    from .schema import json_schema_text

    kind = "submission-diff" if args.diff else args.kind
    text = json_schema_text(kind=kind)
    if args.output and args.output != STDIN:
        try:
            write_atomic(Path(args.output), text)
        except CouncilError as exc:
            _report(exc, args.output, args.debug)
            return EXIT_USAGE
        print(f"council schema: the {kind} schema -> {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _width(text: str) -> int:
    """Columns a string takes on a terminal: East Asian wide characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def cmd_classify(args) -> int:
    import json

    from .classify import classify_list

    if len(args.text) > 1:  # never joined silently: a listed text split by the shell is not the text written
        print(f"council: error: classify takes one listed text, and {len(args.text)} arguments were given — "
              "quote the text as one argument (council classify '氏名 住所、個人番号'), or give '-' to read it "
              "from standard input (see 'council classify --help')", file=sys.stderr)
        return EXIT_USAGE
    text = args.text[0]
    if text == STDIN:
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            print("council: error: standard input is not UTF-8 text [text_decode] — give the listed items as UTF-8",
                  file=sys.stderr)
            return EXIT_USAGE
    text = text.strip()
    if not text:
        print("council: error: give the listed items as text, e.g. council classify '氏名、住所、個人番号'",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        items = classify_list(text)
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        _report(exc, "classify", args.debug)
        return EXIT_USAGE
    if args.json:
        sys.stdout.write(json.dumps([i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    rows = [("subject", "item", "category", "sensitivity", "confidence", "method")]
    rows += [(i.subject or "-", i.item + ("（" + "・".join(i.qualifiers) + "）" if i.qualifiers else ""),
              f"{i.category} {i.category_label}", i.sensitivity or "-", f"{i.confidence:.3f}", i.method) for i in items]
    widths = [max(_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    for r in rows:
        print("  ".join(_pad(cell, w) for cell, w in zip(r, widths)).rstrip())
    return EXIT_OK


def add_reading_options(parser: argparse.ArgumentParser, *, batch: bool = False) -> None:
    """--password and the limits checked before work (extractor.limits), on every command that reads."""
    from .limits import DEFAULT

    parser.add_argument("--password", metavar="PASSWORD", help="the password of an encrypted PDF")
    parser.add_argument("--pdf-engine", choices=("pdfplumber", "pdfium"), default="pdfplumber",
                        help="who interprets a PDF's pages: pdfplumber (pdfminer; the reference, default) or "
                             "pdfium (the same characters and drawings from pdfium, several times faster)")
    if batch:
        parser.add_argument("--password-file", metavar="FILE",
                            help="passwords to try on encrypted PDFs, one a line (never written anywhere)")
    group = parser.add_argument_group("limits checked before any work (a file over one is refused, naming it)")
    for name, value in vars(DEFAULT).items():
        unit = {"mb": " MB", "kb": " KB"}.get(name.rsplit("_", 1)[-1], "")
        group.add_argument("--max-" + name.replace("_", "-"), type=int, metavar="N", dest=f"max_{name}",
                           help=f"default {value}{unit}")


def limits_from(args):
    from .limits import DEFAULT

    return DEFAULT.updated(**{name: getattr(args, f"max_{name}", None) for name in vars(DEFAULT)})


# every format a document may be in (council batch takes these suffixes; extract tells them by content)
FORMATS = (".pdf, .docx (.docm/.dotx/.dotm), .xlsx (.xlsm), legacy .doc (needs LibreOffice), page images "
           ".png/.jpg/.jpeg/.tif/.tiff (need Tesseract), text exports .txt/.tsv")

EXTRACT_EXAMPLES = """examples:
  council extract samples/shinjuku_logo_r6.docx                  # JSON on stdout
  council extract samples/shinjuku_logo_r6.lo.pdf -o sub.json    # into sub.json, a summary line on stderr
  council extract samples/*.docx samples/*.pdf --out-dir out     # out/<whole input name>.json each
  cat scan.pdf | council extract - -o scan.json                  # from standard input
  council extract protected.pdf --password '…' --max-pages 500"""
CLASSIFY_EXAMPLES = """examples:
  council classify '届出人の住所、氏名、個人番号、障害の有無'
  council classify --json '申請者の氏名、電話番号' | jq '.[].category'
  printf '氏名、住所' | council classify -"""
BATCH_EXAMPLES = """examples:
  council batch archive/ --out-dir out/                         # one worker per core
  council batch archive/ --out-dir out/ --resume                # only what is new or changed
  council batch archive/ --out-dir out/ --jsonl - | jq .file    # one JSON line per document on stdout
  council batch archive/ --out-dir out/ --allow-not-read        # exit 0 despite .pptx and the like
  council batch /mnt/archive --out-dir /mnt/json --scheduler tcp://10.0.0.5:8786"""
DIFF_EXAMPLES = """examples:
  council diff old.docx new.docx --html report.html             # exit 1: differences found
  council diff new.pdf --archive approved/                      # OLD found among earlier versions
  council diff old.json new.docx --format text                  # a readable summary
  council extract new.docx | council diff old.docx -            # NEW from standard input
  council diff packet_r6_3.json#1 revised.docx                  # a packet's second submission as OLD
  council diff minutes_draft.docx minutes_final.docx            # two versions of minutes"""
LINK_EXAMPLES = """examples:
  council batch archive/ --out-dir out/ && council link out/    # out/links.json
  council link out/ -o - | jq '.links[] | {item, submission}'"""
INDEX_EXAMPLES = """examples:
  council batch archive/ --out-dir out/      # writes out/catalogue.sqlite too
  council index out/                         # build or bring it up to date from the JSON"""
QUERY_EXAMPLES = """examples:
  council query out/ "SELECT DISTINCT d.path, d.title FROM documents d JOIN items i USING (path)
      WHERE i.sensitivity = 'special_care' AND d.agenda_type IN ('external_provision', 'outsourcing')"
  council query out/ "SELECT path, grp, measure FROM checklist WHERE mark = '×'" --format json
  council query out/ "SELECT path FROM text WHERE text MATCH '外部結合'" --format table
"""
SCHEMA_KINDS = {"submission": "council extract of a submission", "submission-diff": "council diff of two submissions",
                "minutes": "council extract of minutes", "minutes-diff": "council diff of two minutes",
                "packet": "council extract of a meeting packet",
                "document": "council extract of a document that is no council submission or minutes (kind other)",
                "links": "links.json of council link",
                "batch-manifest": "batch-manifest.json of council batch",
                "batch-record": "one line of council batch --jsonl"}
SCHEMA_EXAMPLES = """examples:
  council schema -o extractor/submission.schema.json
  council schema --kind minutes | jq '.properties | keys'
  for k in links batch-manifest batch-record; do council schema --kind $k -o extractor/$k.schema.json; done"""


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(prog="council", description=(
        "Read what municipal personal-information councils handle — submissions, minutes, meeting packets "
        "(PDF, .docx, .xlsx, .doc, page images, text exports) — into JSON. '-' stands for standard input "
        "or output wherever a file is named."), epilog="""examples:
  council extract samples/shinjuku_logo_r6.docx -o sub.json
  council batch archive/ --out-dir out/
  council diff old.docx new.docx --format text
  council link out/
  council classify '届出人の住所、氏名、個人番号'
  council schema --kind minutes
Each command's --help describes its arguments and gives examples.""")
    parser.add_argument("--version", action="version", version=f"council-extractor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ex = sub.add_parser("extract", help="one JSON per input file: a submission, minutes, a packet or other",
                        description="Extract each FILE into the JSON of what it is, told by its content: a "
                                    "Submission, Minutes (会議録・会議結果), a Packet of several submissions, or "
                                    "other (a council-document: a 官報 page, a notice, a report — its text and "
                                    "tables, with a not_council_document warning) "
                                    "(see the README for the JSON kinds). Exit 0: every input converted; 1: some "
                                    "input failed (the others are written); 2: usage.",
                        epilog=EXTRACT_EXAMPLES)
    ex.add_argument("files", nargs="+", metavar="FILE",
                    help=f"a document: {FORMATS}; '-' reads one from standard input (its format told by "
                         "its bytes; source.filename 'stdin')")
    where = ex.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT.json",
                       help="write the one input's JSON here (a summary line on stderr); '-' is standard output")
    where.add_argument("--out-dir", metavar="DIR", help="write DIR/<input file name>.json per input")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    ex.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    add_reading_options(ex)
    ex.set_defaults(func=cmd_extract)

    cl = sub.add_parser("classify", help="classify a listed text of personal-data items",
                        usage="council classify [-h] [--json] [--debug] TEXT",
                        description="Split a listed text (氏名、住所、…) into items and classify each: "
                                    "subject, category, legal sensitivity, confidence. One text: quote it "
                                    "(several arguments are refused, never joined).",
                        epilog=CLASSIFY_EXAMPLES)
    cl.add_argument("text", nargs="+", metavar="TEXT",
                    help="the items as listed, quoted as one argument, e.g. '届出人の住所、氏名、個人番号'; '-' reads "
                         "the text (UTF-8) from standard input")
    cl.add_argument("--json", action="store_true", help="JSON (the contract's PersonalDataItem) instead of a table")
    cl.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    cl.set_defaults(func=cmd_classify)

    bt = sub.add_parser("batch", help="convert every document under a folder",
                        description=f"Extract every document under IN_DIR — {FORMATS} — "
                                    "(submissions, minutes, packets) into OUT/<relative path>.json, "
                                    "in worker processes, with a progress line per file and "
                                    "OUT/batch-manifest.json naming every file with its outcome: converted, "
                                    "failed (and why), or not read (.pptx, .xls, no suffix, binary: and why). "
                                    "Exit 0: all converted; 1: some failed or were not read (the rest are "
                                    "written); 2: usage; 130: interrupted.",
                        epilog=BATCH_EXAMPLES)
    bt.add_argument("input", metavar="IN_DIR", help="the folder of documents (read recursively, hidden files aside)")
    bt.add_argument("--out-dir", metavar="OUT", required=True,
                    help="where the JSON goes, at each input's relative path, with batch-manifest.json")
    bt.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: one per core)")
    bt.add_argument("--resume", action="store_true",
                    help="skip inputs converted before from the same bytes by the same version, and inputs that "
                         "failed so (their error is said again; a timeout or memory failure is tried again)")
    bt.add_argument("--retry-failed", action="store_true",
                    help="with --resume, convert again the inputs that failed before from the same bytes")
    bt.add_argument("--jsonl", metavar="FILE", help="also write one JSON line per document: its whole output, what "
                                                    "it is about, its other renderings (a .docx's PDFs) on the same "
                                                    "line; '-' is standard output")
    bt.add_argument("--diff-against-archive", action="store_true",
                    help="also diff every revised submission (one with a ※ marking statement) against its approved "
                         "version among the outputs, writing OUT/<relative path>.diff.json beside its JSON")
    bt.add_argument("--allow-not-read", action="store_true",
                    help="exit 0 even when some files are not documents this tool reads (.pptx, .xls, no suffix, "
                         "binary); they are still named on stderr and in the manifest with the reason")
    bt.add_argument("-q", "--quiet", action="store_true", help="only failures, files not read and the closing "
                                                               "line on stderr")
    bt.add_argument("--max-memory-mb", type=int, metavar="N",
                    help="the memory (address space) each worker may take for one file, beyond the pipeline it "
                         "shares with the others; a file needing more is reported as failed and the batch goes on")
    bt.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="run on the workers of this Dask scheduler (needs council-extractor[dask] here and on "
                         "every worker; IN_DIR and OUT must be the same paths on every worker)")
    bt.add_argument("--timeout", type=float, metavar="SECONDS",
                    help="give up on a file that takes longer (reported as failed; the batch goes on)")
    bt.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    add_reading_options(bt, batch=True)
    bt.set_defaults(func=cmd_batch)

    df = sub.add_parser("diff", help="what changed between two versions, and what changed unmarked",
                        usage="council diff [OPTIONS] OLD NEW | council diff [OPTIONS] NEW --archive DIR",
                        description="Compare OLD (the approved version) with NEW: every change, whether NEW "
                                    "marks it, and marked passages that did not change. Each of OLD and NEW "
                                    "is a document or a JSON written by council extract; FILE#N is the N-th "
                                    "submission (from 0) of a packet's document or JSON. Two minutes are "
                                    "compared as minutes (meeting, attendees, materials, items, outcomes, "
                                    "turns: a council-minutes-diff). With --archive DIR, "
                                    "OLD is found there from what NEW says of it. Exit 0: no differences; "
                                    "1: differences; 2: trouble (or no convincing approved version).",
                        epilog=DIFF_EXAMPLES)
    df.add_argument("paths", nargs="+", metavar="OLD NEW",
                    help="the approved version and the new one, each a document or a council extract JSON "
                         "(FILE#N: a packet's N-th submission, from 0); '-' for one of them reads it from "
                         "standard input")
    df.add_argument("--archive", metavar="DIR", help="find OLD among the documents or JSON under DIR")
    df.add_argument("--format", choices=["json", "html", "text"],
                    help="what to write: the SubmissionDiff JSON (default, and when writing to a file or a pipe), "
                         "the HTML report, or a readable summary (default on a terminal)")
    df.add_argument("-o", "--output", metavar="FILE", help="write the output here instead of stdout ('-': stdout)")
    df.add_argument("--html", metavar="REPORT.html", help="also write the HTML report")
    df.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    df.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    add_reading_options(df)
    df.set_defaults(func=cmd_diff)

    ln = sub.add_parser("link", help="match each minutes item to the submission it decided",
                        description="Over a converted archive (the JSON council batch wrote), match every "
                                    "minutes item to its submission by meeting, 諮問/資料 number and title, and "
                                    "write links.json: each link with its outcome, how it matched and a score; "
                                    "unmatched items and submissions listed. Renderings of one document (a "
                                    ".docx and its PDFs, a text export) count once, named by the most faithful "
                                    "(.docx, PDF, text) with the others as renderings. A folder of documents is "
                                    "refused (nothing is written there): run council batch on it first. Exit 0: "
                                    "written; 2: trouble.",
                        epilog=LINK_EXAMPLES)
    ln.add_argument("dir", metavar="DIR", help="the folder council batch wrote its JSON to")
    ln.add_argument("-o", "--output", metavar="LINKS.json",
                    help="where to write (default: DIR/links.json); '-' is standard output")
    ln.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    ln.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    ln.set_defaults(func=cmd_link)

    ix = sub.add_parser("index", help="build or update the archive's catalogue (catalogue.sqlite) from its JSON",
                        description="Read every council JSON under DIR (what council batch or extract --out-dir "
                                    "wrote) into DIR/catalogue.sqlite: documents, fields, checklist entries, "
                                    "personal-data items, minutes items and a full-text index (FTS5, trigram). "
                                    "Incremental: an output whose bytes did not change is not read again. Exit 0: "
                                    "written; 2: trouble.",
                        epilog=INDEX_EXAMPLES)
    ix.add_argument("dir", metavar="DIR", help="the folder council batch wrote its JSON to")
    ix.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    ix.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    ix.set_defaults(func=cmd_index)

    qy = sub.add_parser("query", help="ask the archive's catalogue one SQL question (read-only)",
                        description="Run one read-only SQL query on DIR/catalogue.sqlite. Tables: documents "
                                    "(path, part, kind, format, title, document_number, body, fiscal_year, session, "
                                    "date, agenda_type, departments, source_sha256), fields (path, part, key, "
                                    "value), checklist (path, part, party, kind, grp, measure, mark, status), items "
                                    "(path, part, procedure, field, text, item, subject, category, sensitivity), "
                                    "minutes_items (path, item, number, title, kind, outcome), text (FTS5: path, "
                                    "part, title, body). Exit 0: answered; 2: trouble.",
                        epilog=QUERY_EXAMPLES)
    qy.add_argument("dir", metavar="DIR", help="the folder holding catalogue.sqlite")
    qy.add_argument("sql", metavar="SQL", help="one SQL statement")
    qy.add_argument("--format", choices=["table", "csv", "json"],
                    help="table (default on a terminal), csv (default elsewhere) or json")
    qy.add_argument("-q", "--quiet", action="store_true", help="no row count on stderr")
    qy.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    qy.set_defaults(func=cmd_query)

    sc = sub.add_parser("schema", help="print the JSON Schema of an output kind",
                        description="Print the JSON Schema (draft 2020-12) generated from the output models.",
                        epilog=SCHEMA_EXAMPLES)
    sc.add_argument("--diff", action="store_true", help="the SubmissionDiff schema instead")
    sc.add_argument("--kind", choices=list(SCHEMA_KINDS), default="submission",
                    help="which output's schema (default: submission): " + "; ".join(
                        f"{k}: {v}" for k, v in SCHEMA_KINDS.items()))
    sc.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of stdout ('-': stdout)")
    sc.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    sc.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    import warnings

    args = build_parser().parse_args(argv)
    if not getattr(args, "debug", False):
        # a library's Python warnings (pikepdf, pdfminer, openpyxl …) are not for the person at the
        # terminal: what matters reaches the JSON's own warnings; --debug shows them
        warnings.simplefilter("ignore")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("council: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
