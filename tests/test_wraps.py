"""A cell's wrapped lines joined as one text."""

from __future__ import annotations

from extractor.ir import Cell, Paragraph, Run
from extractor.structure.submission import _cell_text


def test_a_wrap_after_a_full_width_point_is_normalised_at_the_seam():
    """``ＴＬＳ１．`` wrapped before ``２以上``: each line normalised alone keeps the point full-width
    (no digit after it on its line); the joined text is normalised again (before: TLS1．2)."""
    cell = Cell(row=0, col=2, blocks=(Paragraph((Run("通信内容はＴＬＳ１．"),)), Paragraph((Run("２以上で暗号化する。"),))))
    assert _cell_text(cell) == "通信内容はTLS1.2以上で暗号化する。"
