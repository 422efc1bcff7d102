"""Issue 13: the secretariat's desk — the approved version found in an archive, every part compared,
the report checked in a real browser (headless Chromium) and on paper (its printed PDF)."""

from __future__ import annotations

import json
import re
from html import escape
import shutil
import subprocess
import sys

import pdfplumber
import pytest

from extractor import diff, extract
from extractor.diff.report import diff_to_html, diff_to_text
from extractor.normalize import radicals_to_ideographs
from tests.conftest import SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                                    "(Debian: apt-get install chromium fonts-noto-cjk; .ci/run installs it)")
OLD, NEW = SAMPLES / "shinjuku_logo_r6_previous.docx", SAMPLES / "shinjuku_logo_r6.lo.pdf"


def council(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


def test_the_archive_gives_the_approved_version_and_says_why(tmp_path):
    run = council("diff", NEW, "--archive", SAMPLES, "-o", tmp_path / "d.json")
    assert run.returncode == 1, run.stderr  # differences found
    hint, chosen = run.stderr.splitlines()[:2]
    assert hint.startswith("council diff: extracting") and "council batch" in hint  # documents, not JSON: slower
    # the previous version, named by its .docx, its other renderings said; never NEW's own renderings
    assert chosen.startswith(f"council diff: approved version {SAMPLES / 'shinjuku_logo_r6_previous.docx'} (score 0.75:")
    assert "title 1.00" in chosen and "departments 1.00" in chosen and "also as shinjuku_logo_r6_previous" in chosen
    assert "also close" not in run.stderr
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["old"]["filename"] == OLD.name


def test_no_convincing_approved_version_is_exit_2_with_the_candidates():
    run = council("diff", SAMPLES / "variant_city_outsourcing.docx", "--archive", SAMPLES)
    assert run.returncode == 2
    line, = [line for line in run.stderr.strip().splitlines() if line.startswith("council: error:")]
    assert "no submission there shares the title's meaning at the same council (nearest:" in line
    assert "[no_approved_version]" in line
    assert "council diff OLD NEW" in line


def test_usage_errors_name_the_command_once():
    run = council("diff", NEW)
    assert run.returncode == 2 and "(see 'council diff --help')" in run.stderr
    run = council("nonsense")
    assert run.returncode == 2 and "(see 'council --help')" in run.stderr


def test_section_text_is_compared_sentence_by_sentence(make_docx):
    from tests.test_meaning import STATEMENT, para, run

    def doc(name, second):
        body = STATEMENT + para(run("事業内容", bold=True)) + para(run("区では、窓口で申請を受け付けてきた。")) + para(
            run(second)) + para(run("1 概要"))
        return extract(make_docx(body, name=name))

    d = diff(doc("old.docx", "今後はオンラインでも受け付ける。"), doc("new.docx", "今後はオンラインと郵送で受け付ける。"))
    section = [c for c in d.changes if c.path.startswith("sections/")]
    assert [(c.path, c.kind, c.marked) for c in section] == [("sections/事業内容/1", "modified", False)]
    assert [(x.op, x.text) for x in section[0].segments if x.op != "equal"] == [("insert", "と郵送"), ("delete", "も")]
    assert d.unmarked_changes == ["sections/事業内容/1"]


def test_the_report_holds_the_findings_first_with_pages_items_and_dates():
    old, new = extract(OLD), extract(NEW)
    d = diff(old, new)
    html = diff_to_html(d, new, old)
    assert html.index('id="unmarked"') < html.index('id="marked-unchanged"') < html.index('id="fields"')
    assert not re.search(r"<(script|link|img)\b", html) and "http" not in html  # self-contained
    assert len(set(re.findall(r'id="([^"]+)"', html))) == len(re.findall(r'id="([^"]+)"', html))
    assert all(f'href="#c{n}"' in html for n, c in enumerate(d.changes, start=1) if c.marked is False)
    assert "項目：現住所、前住所" in html  # an added procedure lists its items
    assert "日付：2024-10-01、2025-03-31" in html and "日付：2024-12-20、2025-03-31" in html
    text = diff_to_text(d, new=new, old=old)
    assert text.index("Unmarked changes (7)") < text.index("Marked changes (4)")
    assert "\x1b[" not in text and "\x1b[31m" in diff_to_text(d, colour=True)


def test_the_report_says_how_changes_are_marked_why_this_approved_version_and_names_places_in_japanese(tmp_path):
    html_path = tmp_path / "d.html"
    run = council("diff", NEW, "--archive", SAMPLES, "--html", html_path, "-o", tmp_path / "d.json")
    assert run.returncode == 1, run.stderr
    html = html_path.read_text(encoding="utf-8")
    new = extract(NEW)
    assert escape(new.change_marking.statement) in html and escape(new.change_marking.reference) in html
    assert "承認済の選定" in html and "件名の一致 1.00" in html and "担当課の一致 1.00" in html
    places = re.findall(r'<tr id="c\d+"[^>]*><td>([^<]*)<span', html)
    assert places and not any(re.search(r"counterparty|technical|operational|estimated_count|\bself\b", p) for p in places)
    assert any("【システム上の対策】 › " in p for p in places) and any(p.endswith(" › 見込件数") for p in places)


@needs_chromium
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_printed_report_keeps_every_badge_in_its_column_and_every_character_on_the_page(tmp_path, orientation):
    old, new = extract(OLD), extract(NEW)
    page = tmp_path / "report.html"
    html = diff_to_html(diff(old, new), new, old)
    assert "@page { size: A4;" in html
    page.write_text(html.replace("@page { size: A4;", f"@page {{ size: A4 {orientation};"), encoding="utf-8")
    printed = tmp_path / "report.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={printed}",
                    page.as_uri()], check=True, capture_output=True, timeout=120)
    badges = 0
    with pdfplumber.open(printed) as pdf:
        for p in pdf.pages:
            assert all(0 <= c["x0"] and c["x1"] <= p.width and 0 <= c["top"] and c["bottom"] <= p.height for c in p.chars)
            words = p.extract_words()
            heads = [w for w in words if radicals_to_ideographs(w["text"]) == "頁"]  # Chromium writes ⾴
            for w in words:
                if "マークなし" in w["text"] and heads:
                    badges += 1
                    # the badge's padding (.45em) ends before the page column's own padding (.5em) begins
                    assert w["x1"] < heads[0]["x0"] - 10, "a badge runs into the page column"
    assert badges >= 7


@needs_chromium
def test_the_report_renders_and_prints_in_a_real_browser(tmp_path):
    old, new = extract(OLD), extract(NEW)
    d = diff(old, new)
    page = tmp_path / "report.html"
    page.write_text(diff_to_html(d, new, old), encoding="utf-8")
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             f"--user-data-dir={tmp_path / 'profile'}"]
    shot, printed = tmp_path / "report.png", tmp_path / "report.pdf"
    subprocess.run(flags + [f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    subprocess.run(flags + ["--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pdfplumber.open(printed) as pdf:
        pages = [radicals_to_ideographs(p.extract_text() or "") for p in pdf.pages]  # Chromium writes ⾒ for 見
        width, height = float(pdf.pages[0].width), float(pdf.pages[0].height)
    assert (round(width), round(height)) == (595, 842)  # A4
    # the findings on the first page, then each part of the document on a page of its own
    parts = {c.path.split("/")[0] for c in d.changes}
    assert len(pages) >= 1 + len(parts)
    first = re.sub(r"\s", "", pages[0])
    s = d.summary
    assert f"マークのない変更{s.unmarked}" in first and f"変更のないマーク{s.marked_unchanged}" in first
    assert f"追加{s.added}" in first and f"変更{s.modified}" in first
    assert any("見出しと値" in p for p in pages[1:]) and any("チェックリスト" in p for p in pages[1:])


def test_batch_diffs_each_revision_against_its_approved_version(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    for name in ("shinjuku_logo_r6.docx", "shinjuku_logo_r6_previous.docx", "variant_gothic_marking.docx"):
        shutil.copy(SAMPLES / name, root)
    run = council("batch", root, "--out-dir", tmp_path / "out", "-q", "--diff-against-archive")
    assert run.returncode == 0, run.stderr
    assert "1 diffs written, 1 revisions without their approved version" in run.stderr
    d = json.loads((tmp_path / "out" / "shinjuku_logo_r6.docx.diff.json").read_text(encoding="utf-8"))
    assert (d["old"]["filename"], d["summary"]["unmarked"]) == ("shinjuku_logo_r6_previous.docx", 7)
    assert oct((tmp_path / "out" / "shinjuku_logo_r6.docx.diff.json").stat().st_mode & 0o777) != "0o600"


def test_the_text_summary_prints_the_old_value_beside_the_new_and_no_empty_segment():
    """Issue 24 (2): a modified number read ``estimated_count {+1400+}``, its old value lost."""
    from extractor import schema as S
    from extractor.diff.report import edit_text

    old, new = extract(OLD), extract(SAMPLES / "shinjuku_logo_r6.docx")
    d = diff(old, new)
    count = next(c for c in d.changes if c.path.endswith("/estimated_count"))
    assert [(x.op, x.text) for x in count.segments] == [("delete", "1200"), ("insert", "1400")]
    text = diff_to_text(d, new=new, old=old)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.rstrip().endswith("› 見込件数"))
    assert lines[at + 1].strip() == "1200 → 1400"
    assert not re.search(r"\[--\]|\{\+\+\}|\[-\s*-\]|\{\+\s*\+\}", text)  # no segment printed empty
    # a value one version lacks, and a change of line breaks or spaces alone, are visible
    change = S.Change(path="procedures/x/estimated_count", kind="modified", old=None, new="1400", segments=[],
                      marked=False)
    assert edit_text(change) == "（なし） → 1400"
    spaced = S.Change(path="sections/a/1", kind="modified", old="区の端末", new="区の\n端末",
                      segments=[S.Segment(op="equal", text="区の"), S.Segment(op="insert", text="\n"),
                                S.Segment(op="equal", text="端末"), S.Segment(op="delete", text="")], marked=False)
    assert edit_text(spaced) == "区の{+↵+}端末"
