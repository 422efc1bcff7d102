#!/usr/bin/env python3
"""Generate a corpus of varied submissions, each with the truth the generator knows.

    .venv/bin/python scripts/make_corpus.py                      (make corpus: 200 documents → out/corpus/)
    .venv/bin/python scripts/make_corpus.py --n 10 --out tests/corpus   (the committed, seeded subset)

Every document comes from ``scripts/corpus_grammar.py`` (a grammar of the parts in the design
notes: agenda types, municipal vocabulary, checklist layouts, mark styles and legends, marking
styles and statements, 見出し：値 fields, wrapped lines, long tables, full-width digits, era dates)
and is written as
  <id>.docx            python-docx
  <id>.lo.pdf          LibreOffice's PDF export of the .docx (libreoffice-writer-nogui, fonts-ipaexfont)
  <id>.chromium.pdf    LibreOffice's HTML of the .docx printed by headless Chromium (chromium, fonts-noto-cjk)
  <id>.txt             a text export in the style of ../shared/seed/ (tab rows, <p> fragments, radio
                       inputs for ○, letter-spaced Latin, 旧字体, wrapped lines)
  <id>.truth.json      the truth in the contract's terms, and for a new version with an approved
                       one (<id>p.*) the changes the diff must find and whether each is marked
Without LibreOffice or Chromium the PDFs are skipped with a message. The corpus is generated, never
hand-edited: the same --seed gives the same documents.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_grammar import Para, Submission, expected_changes  # noqa: E402
from make_samples import (CHROMIUM_FLAGS, CHROMIUM_FONTS, GOTHIC, LIBREOFFICE_FONTS, mark_header,  # noqa: E402
                          new_document, save_stable, set_font, soffice_convert, stabilise_pdf)

ROOT = Path(__file__).resolve().parent.parent
KYUJITAI = ROOT / "models" / "kyujitai.tsv"
PAIRED = 3  # every third document also comes with its approved version

# -- damage: how the canonical text is printed ---------------------------------------------------


def fullwidth(text: str) -> str:
    """``12,000件`` → ``１２，０００件``, ``TLS1.2`` → ``ＴＬＳ１．２``, ``46-1`` → ``４６－１``."""
    text = re.sub(r"(?<=\d)([,.\-])(?=\d)", lambda m: {",": "，", ".": "．", "-": "－"}[m.group(1)], text)
    return re.sub(r"[0-9A-Za-z]", lambda m: chr(ord(m.group()) + 0xFEE0), text)


def printed(text: str, sub: Submission) -> str:
    """What a Word document holds for ``text``: a digit's space before Japanese is ideographic;
    digits and Latin full-width where this ward writes them so; ``46-1`` with a full-width dash."""
    text = re.sub(r"(?<=\d) (?=[^\x00-\x7f])", "\u3000", text)
    text = re.sub(r"(?<=\d)-(?=\d)", "－", text)
    return fullwidth(text) if sub.fullwidth else text


def _kyujitai_pairs() -> dict[str, str]:
    pairs = {}
    for line in KYUJITAI.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            old, new = line.split("\t")[:2]
            pairs.setdefault(new, old)
    return pairs


def exported(text: str, sub: Submission, kyujitai: dict[str, str]) -> str:
    """What a text export holds for ``text``: letter-spaced Latin words and 資料 numbers
    (``L o G o``, ``資料4 6－1``), some 新字体 printed as 旧字体 (手続 → 手續)."""
    text = re.sub(r"[A-Za-z]{2,}(?=[^\x00-\x7f])", lambda m: " ".join(m.group()), text)
    text = re.sub(r"資料(\d)(\d)-(\d)", r"資料\1 \2－\3", text)
    if sub.seed % 2:
        text = "".join(kyujitai.get(ch, ch) if ch in "続会証号" else ch for ch in text)
    return text


# -- .docx ---------------------------------------------------------------------------------------

STYLE_OF_MARKING = {"bgu": ("bold", "underline", "gothic"), "bu": ("bold", "underline"), "u": ("underline",),
                    "g": ("gothic",), "ub": ("bold", "underline"), "red": ("color",), "red_bold": ("color", "bold"),
                    "shade": ("shading",), "double": ("double_underline",), "italic": ("italic",), "bold": ("bold",)}


def shade_run(run, fill: str) -> None:
    """Run shading (``w:shd`` in the run's properties), as Word's 網掛け of selected text writes it."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    run._element.get_or_add_rPr().append(shd)


def add_parts(paragraph, parts, sub: Submission, marking: str | None, bold: bool = False):
    for part in parts:
        if not part.text:
            continue
        run = paragraph.add_run(printed(part.text, sub))
        styles = STYLE_OF_MARKING[marking] if (part.marked and marking) else ()
        if bold or "bold" in styles:
            run.bold = True
        if "underline" in styles:
            run.underline = True
        if "double_underline" in styles:
            run.underline = WD_UNDERLINE.DOUBLE
        if "italic" in styles:
            run.italic = True
        if "color" in styles:
            run.font.color.rgb = RGBColor.from_string(sub.mark_color)
        if "shading" in styles:
            if sub.shade_kind == "highlight":
                run.font.highlight_color = (WD_COLOR_INDEX.YELLOW if sub.shade_fill == "FFFF00"
                                            else WD_COLOR_INDEX.GRAY_25)
            else:
                shade_run(run, sub.shade_fill)
        if "gothic" in styles or part.gothic:
            set_font(run, GOTHIC)


_RULED = {  # which of a table's borders are drawn, by the ruling style family
    "grid": None,  # Table Grid's own borders
    "horizontal": {"top", "bottom", "insideH"},
    "horizontal_frame": {"top", "bottom", "left", "right", "insideH"},
    "none": set(),
}


def rule_table(table, ruling: str) -> None:
    """Set ``w:tblBorders`` for the ruling: the edges not drawn are ``nil`` (Table Grid draws all)."""
    drawn = _RULED.get(ruling)
    if drawn is None:
        return
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if edge in drawn:
            el.set(qn("w:val"), "single"); el.set(qn("w:sz"), "4"); el.set(qn("w:space"), "0"); el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    after = [tbl_pr.find(qn(f"w:{t}")) for t in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption")]
    after = [el for el in after if el is not None]
    if after:  # the schema's order: tblBorders before shd, tblLayout, tblCellMar, tblLook
        after[0].addprevious(borders)
    else:
        tbl_pr.append(borders)


def running_header_text(sub: Submission) -> str | None:
    """The running header's text (the placement family): a 資料番号, or the body's name."""
    return {"doc_no": f"資料{sub.doc_no}", "body": f"{sub.body}資料", None: None}[sub.running_header]


def page_number_parts(sub: Submission, page: int = 1, pages: int = 1) -> list[str | tuple[str]]:
    """The footer's page number as text and fields: ``n / N`` or ``- n -``."""
    if sub.page_number == "n_of_N":
        return [("PAGE", page), " / ", ("NUMPAGES", pages)]
    if sub.page_number == "dash":
        return ["- ", ("PAGE", page), " -"]
    return []


def add_simple_field(paragraph, instr: str, shown: int) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = str(shown)
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def page_furniture(doc, sub: Submission) -> None:
    """Header and footer parts (never the body), and a landscape page, as the placement family says."""
    section = doc.sections[0]
    if sub.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    header = running_header_text(sub)
    if header:
        p = section.header.paragraphs[0]
        p.text = header
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if sub.page_number:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in page_number_parts(sub):
            if isinstance(part, tuple):
                add_simple_field(p, *part)
            else:
                p.add_run(part)


def write_docx(sub: Submission, blocks: list, marking: str | None, path: Path) -> None:
    doc = new_document(f"{sub.m} 個人情報保護担当", f"{sub.body} {sub.word}")
    page_furniture(doc, sub)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(sub.font_size)
    normal.paragraph_format.space_after = Pt(sub.space_after)
    for at, block in enumerate(blocks):
        if isinstance(block, Para):
            p = doc.add_paragraph()
            add_parts(p, block.parts, sub, marking, bold=block.bold)
            if block.align:
                p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[block.align]
            continue
        n_rows, n_cols = len(block.grid), len(block.grid[0])
        table = doc.add_table(rows=n_rows, cols=n_cols)
        table.style = "Table Grid"
        rule_table(table, sub.style.get("ruling", "grid"))
        for r, row in enumerate(block.grid):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                target = table.cell(r, c)
                if cell.row_span > 1 or cell.col_span > 1:
                    target = target.merge(table.cell(r + cell.row_span - 1, c + cell.col_span - 1))
                for k, para in enumerate(cell.paras):
                    p = target.paragraphs[0] if k == 0 else target.add_paragraph()
                    add_parts(p, para, sub, marking)
                    if cell.center:
                        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for r in range(block.header_rows):
            mark_header(table.rows[r])
        # Word keeps two tables apart with an empty paragraph; before text, the grammar's table gap says
        if sub.table_gap == "empty" or at + 1 == len(blocks) or not isinstance(blocks[at + 1], Para):
            doc.add_paragraph()
    save_stable(doc, path)


# -- text export ---------------------------------------------------------------------------------


def cell_text(cell, sub, kyujitai, radio: bool) -> str:
    paras = []
    for para in cell.paras:
        text = exported("".join(p.text for p in para), sub, kyujitai)
        if radio and text == "○":
            text = '<input type="radio"/>'
        paras.append(text)
    paras = [p for p in paras if p]
    if len(paras) > 1:
        return " ".join(f"<p>{p}</p>" for p in paras)
    return paras[0] if paras else ""


def write_text(sub: Submission, blocks: list, path: Path, kyujitai: dict[str, str]) -> None:
    header = running_header_text(sub)
    out = [header, ""] if header else ["", ""]  # an export keeps the header and footer as lines of their own
    for block in blocks:
        if isinstance(block, Para):
            text = exported(block.text, sub, kyujitai)
            if block.wrap_at and block.wrap_at < len(text):
                text = text[:block.wrap_at] + "\n" + text[block.wrap_at:]
            out += [text, ""]
            continue
        grid = block.grid
        owner: dict[tuple[int, int], object] = {}
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is not None:
                    for rr in range(r, r + cell.row_span):
                        for cc in range(c, c + cell.col_span):
                            owner[(rr, cc)] = (cell, r, c)
        for r, row in enumerate(grid):
            texts = []
            for c, cell in enumerate(row):
                if cell is not None:
                    texts.append(cell_text(cell, sub, kyujitai, block.radio_marks))
                else:
                    covering, r0, c0 = owner[(r, c)]
                    repeat = covering.repeat_in_text and c0 == c and r0 != r
                    texts.append(cell_text(covering, sub, kyujitai, block.radio_marks) if repeat else "")
            out.append("\t".join(texts))
            if block.role == "kv" and r == 0 and row[0].text == "件名" and sub.seed % 3 == 0:
                out.append("----\t" + "-" * 20)
        out.append("")
    if sub.page_number:
        out += ["".join(str(p[1]) if isinstance(p, tuple) else p for p in page_number_parts(sub)), ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# -- PDFs ----------------------------------------------------------------------------------------


def pdf_exports(docx_files: list[Path], out_dir: Path) -> None:
    soffice = shutil.which("soffice")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not soffice:
        print("skipped PDFs: soffice not found (apt-get install libreoffice-writer-nogui fonts-ipaexfont)",
              file=sys.stderr)
        return
    for start in range(0, len(docx_files), 25):
        chunk = docx_files[start:start + 25]
        with tempfile.TemporaryDirectory() as tmp:
            soffice_convert(soffice, chunk, "pdf", tmp, LIBREOFFICE_FONTS)
            for f in chunk:
                stabilise_pdf(Path(tmp) / f"{f.stem}.pdf", out_dir / f"{f.stem}.lo.pdf")
        if not chromium:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            env = soffice_convert(soffice, chunk, "html", tmp, CHROMIUM_FONTS)
            for f in chunk:
                printed_pdf = Path(tmp) / f"{f.stem}.chromium.pdf"
                subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                                f"--print-to-pdf={printed_pdf}", (Path(tmp) / f"{f.stem}.html").as_uri()],
                               check=True, env=env, capture_output=True, timeout=120)
                stabilise_pdf(printed_pdf, out_dir / f"{f.stem}.chromium.pdf")
        print(f"  PDFs {start + len(chunk)}/{len(docx_files)}", file=sys.stderr)
    if not chromium:
        print("skipped Chromium PDFs: chromium not found (apt-get install chromium fonts-noto-cjk)", file=sys.stderr)


# -- main ----------------------------------------------------------------------------------------


def write_document(sub: Submission, doc_id: str, previous: bool, out_dir: Path, kyujitai) -> Path:
    blocks, truth = sub.compose(previous=previous)
    marking = None if previous else sub.marking
    path = out_dir / f"{doc_id}.docx"
    write_docx(sub, blocks, marking, path)
    write_text(sub, blocks, out_dir / f"{doc_id}.txt", kyujitai)
    record = {"id": doc_id, "seed": sub.seed, **({"held": True} if sub.held else {}), "version": "previous" if previous else "new", "style": sub.style,
              "truth": truth}
    if not previous and sub.seed % PAIRED == 0 and sub.slots:
        record["previous"] = f"{doc_id}p"
        record["expected_changes"] = expected_changes(sub)
    (out_dir / f"{doc_id}.truth.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="how many new versions (approved versions come on top)")
    ap.add_argument("--seed", type=int, default=1, help="the first document's seed")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "corpus")
    ap.add_argument("--no-pdf", action="store_true", help="write .docx, text and truth only")
    ap.add_argument("--held", action="store_true",
                    help="pin the style families the readers do not hold yet (corpus_grammar.NOT_HELD) to the "
                         "choice they hold, as the committed subset is made")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.glob("c[0-9]*"):  # a corpus is made whole: nothing of an earlier run stays
        if stale.name.endswith((".docx", ".pdf", ".txt", ".truth.json")):
            stale.unlink()
    kyujitai = _kyujitai_pairs()
    docx_files = []
    for seed in range(args.seed, args.seed + args.n):
        sub = Submission(seed, held=args.held)
        doc_id = f"c{seed:04d}"
        docx_files.append(write_document(sub, doc_id, False, args.out, kyujitai))
        if sub.seed % PAIRED == 0 and sub.slots:
            docx_files.append(write_document(sub, f"{doc_id}p", True, args.out, kyujitai))
    print(f"wrote {len(docx_files)} documents (.docx, .txt, .truth.json) to {args.out}", file=sys.stderr)
    if not args.no_pdf:
        pdf_exports(docx_files, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
