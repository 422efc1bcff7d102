"""Symbol-font glyphs → the character a reader sees.

Word writes check marks in Wingdings / Wingdings 2 (``w:sym``, content-control states); a PDF of
such a document carries them as private-use code points (U+F0xx). Both readers map them here.
"""

from __future__ import annotations

import unicodedata

# (font, code in the font's 8-bit range) → glyph
SYMBOL_GLYPHS = {
    ("wingdings", 0xFC): "✓", ("wingdings", 0xFB): "✗", ("wingdings", 0xFE): "☑",
    ("wingdings", 0xFD): "☒", ("wingdings", 0xA8): "☐", ("wingdings", 0x6F): "□",
    ("wingdings", 0x6E): "■", ("wingdings", 0xA1): "○", ("wingdings", 0x6C): "●",
    ("wingdings 2", 0x50): "✓", ("wingdings 2", 0x4F): "✗", ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0x54): "☒", ("wingdings 2", 0xA3): "☐",
}


def symbol_font(name: str | None) -> str | None:
    """``Wingdings 2`` / ``ABCDEF+Wingdings2-Regular`` → ``wingdings 2``; ``Wingdings`` → ``wingdings``."""
    key = unicodedata.normalize("NFKC", name or "").lower().replace("-", " ")
    if "wingdings" not in key:
        return None
    return "wingdings 2" if "wingdings 2" in key or "wingdings2" in key else "wingdings"


def symbol_glyph(codepoint: int, font: str | None) -> str | None:
    """The glyph for a symbol-font code point (8-bit or private-use U+F0xx), or None if unknown.

    An unnamed font (a PDF that subsets it away) is read as Wingdings, then Wingdings 2.
    """
    low = codepoint - 0xF000 if 0xF000 <= codepoint <= 0xF0FF else codepoint
    family = symbol_font(font)
    for candidate in ([family] if family else ["wingdings", "wingdings 2"]):
        if (candidate, low) in SYMBOL_GLYPHS:
            return SYMBOL_GLYPHS[(candidate, low)]
    return None
