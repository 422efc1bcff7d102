"""Shared fixtures: paths, the --update-golden flag, and a builder for small .docx test files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_96aa1d2f7800e458.txt"
REALDOCS = SHARED / "realdocs"

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current output (on purpose only)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def make_docx(tmp_path):
    """Build a .docx whose body is ``body_xml`` (WordprocessingML), with extra styles and defaults."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    def build(body_xml: str, *, styles_xml: str = "", defaults_rpr: str = "", name: str = "t.docx") -> Path:
        document = docx.Document()
        body = document.element.body
        sect = body.find(qn("w:sectPr"))
        for child in list(body):
            if child is not sect:
                body.remove(child)
        for child in parse_xml(f"<w:body {NS}>{body_xml}</w:body>"):
            sect.addprevious(child)
        styles = document.styles.element
        if styles_xml:
            for style in parse_xml(f"<w:styles {NS}>{styles_xml}</w:styles>"):
                styles.append(style)
        if defaults_rpr:
            rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
            for el in parse_xml(f"<w:rPr {NS}>{defaults_rpr}</w:rPr>"):
                rpr.append(el)
        path = tmp_path / name
        document.save(str(path))
        return path

    return build


def needs_shared(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (../shared is not checked out here)")


def write_files_no_reader_takes(root: Path) -> None:
    """A .pptx, an old .xls, a file with no suffix and a binary blob in ``root``: what an archive
    folder holds beside its documents, that no reader takes (batch lists each as not read)."""
    import zipfile

    with zipfile.ZipFile(root / "slides.pptx", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/presentation.xml", "<p/>")
    (root / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (root / "README").write_text("メモ\n", encoding="utf-8")
    (root / "blob.bin").write_bytes(bytes(range(256)) * 8)
