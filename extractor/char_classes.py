"""Character classes the readers and the structure share (as spaCy's ``lang/char_classes.py``): the
marks a form, a table cell or a checklist holds, and the Japanese eras dates and meetings are counted in.

``ITEM_START`` says which lines start an item, for the PDF layout and a cell's text alike; the
regular expressions of a speaker's turn (``structure.minutes``) keep their own class.
"""

from __future__ import annotations

import re

# -- items ---------------------------------------------------------------------------------------

# A line that starts an item of its own (①, ※, ・, ◇ …, ``1 `` / ``1.`` but not ``1.2``): the PDF
# layout starts a paragraph there, and a cell's normalised text keeps its line break there only, so
# a .docx and its PDF give one text however the lines fell.
ITEM_START = re.compile(r"^[①-⑳※・◇◆■□○●]|^\d{1,2}(?:[\s　)）]|[.．](?!\d))")

# -- marks -------------------------------------------------------------------------------------

# Marks of the same meaning, so a legend's 「-」 reads a cell's ｢－｣ and 「○」 a ◯ or 〇.
CIRCLES = "○◯〇●"
DASHES = "－-ー―‐−‑–—"
CROSSES = "×✗✕╳"
LATIN_CROSSES = "xX"  # a cross typed as a letter: a checklist's mark, but a letter in running text
CHECKS = "✓✔☑☒■"
EMPTY_BOXES = "☐□"
TRIANGLES = "△▲"  # a partial answer (一部実施): what it means only a legend says
# other marks and bullets that may stand alone in a cell
OTHER_MARKS = "◎◇◆・※*＊"
# every mark glyph (no letters): a check mark, a box or a bullet alone says nothing changed
MARK_GLYPHS = CIRCLES + DASHES + CROSSES + CHECKS + EMPTY_BOXES + TRIANGLES + OTHER_MARKS

# What a reader writes for a form's controls. A checked box reads ☑ from HTML and from a box a PDF
# draws, but ☒ from Word, whose own glyph for a content-control checkbox that names none it is.
# full-width closing punctuation inked in the left half of its box: a cell's last character of these
# may reach into the next cell by half a box (Chromium sets the next cell's text at its very edge)
LEFT_INKED = "】』」）〕］｝〉》、。，．"
RADIO = "○"  # a radio input: the ○ a reader saw in the original
CHECKED_BOX, EMPTY_BOX = "☑", "☐"
WORD_CHECKED_BOX = "☒"


# Two checks of "is a mark" disagree, and each is kept as it is: making them one changes outputs.
# is_mark (PDF tables, a new row's ○ at the top of a page): up to 2 characters, not empty, no digit.
# is_mark_text (checklists, a column of marks): up to 3 characters, empty too, digits among others.
def is_mark(text: str) -> bool:
    """A check mark or box alone (○, －, ✓, ☑ …): short, and no letter, kana or ideograph in it."""
    text = text.strip()
    return 0 < len(text) <= 2 and not re.search(r"[0-9A-Za-zぁ-んァ-ヶ一-龥]", text)


def is_mark_text(text: str) -> bool:
    text = text.strip()
    return len(text) <= 3 and not text.isdigit() and not re.search(r"[ぁ-んァ-ヶ一-龥A-Za-z]", text)


# -- eras --------------------------------------------------------------------------------------

# The Western year of each era's first year (元年).
ERA_FIRST_YEAR = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}


def era_year(era: str, year: int) -> int:
    """Year ``year`` of ``era`` in the Western calendar: 令和6 → 2024, 平成元 (1) → 1989."""
    return ERA_FIRST_YEAR[era] + year - 1
