"""Change marking: the ※ statement that says how changes are marked, and which runs carry it.

A submission declares its marking in one sentence (``※太字ゴシック（下線）が、令和6年度第7回…承認済の
内容からの変更箇所``, ``※赤字部分が…``, ``※網掛けの箇所が…``, ``※変更箇所を二重下線で示す``). Runs carrying the
declared styles are marked; a Gothic run counts only inside Mincho body text, and a coloured one only
in a colour that is not the body text's (otherwise everything would be "marked"); a double underline
is not a single one. Tracked insertions always count. With
no statement, runs both bold and underlined still count, and a warning says the marking was
inferred. Text exports carry no styles: nothing is marked or unmarked, everything is ``None``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..char_classes import MARK_GLYPHS
from ..ir import Run
from ..normalize import normalize
from ..vocabulary import vocabulary

# the reference ends where the statement says "from": …承認済の内容から / …承認時から / …のものより
_REFERENCE_END = re.compile(r"(?:の内容|のもの)?(?:から|より)")
_CLAUSE_START = "※、，,（(「"


@dataclass(frozen=True)
class Marking:
    """How this document marks changes. ``styles`` empty and ``known`` False for unstyled input."""

    known: bool  # the input carries style information at all
    styles: tuple[str, ...]  # declared (or inferred) styles
    inferred: bool  # no statement: bold + underline taken as the marking
    body_family: str | None  # the dominant font family of body text
    statement: str | None = None
    reference: str | None = None
    body_color: str | None = None  # the dominant colour of body text (None: the automatic colour)
    # a double underline declared where no run carries one but some are underlined: a rendering that
    # keeps one line of two (HTML's <u>, a PDF printed from it) marks with the single underline
    single_for_double: bool = False

    def run_styles(self, run: Run) -> tuple[str, ...]:
        """The marking styles ``run`` carries (empty: not marked)."""
        if not self.known or run.deleted:
            return ()
        found = []
        if run.bold and "bold" in self.styles:
            found.append("bold")
        if run.underline and "underline" in self.styles:
            found.append("underline")
        if ("gothic" in self.styles and run.font_family == "gothic" and self.body_family == "mincho"):
            found.append("gothic")
        if "double_underline" in self.styles and run.underline and (
                run.underline_kind == "double" or self.single_for_double):
            found.append("double_underline")
        if run.italic and "italic" in self.styles:
            found.append("italic")
        if "color" in self.styles and is_colour(run.color) and run.color != self.body_color:
            found.append("color")
        if run.shading and "shading" in self.styles:
            found.append("shading")
        if found == ["gothic"] and set(self.styles) - {"gothic"}:
            found = []  # the statement names another style: typeface alone never suffices (issue 9)
        if self.inferred and not (run.bold and run.underline):
            found = []
        if run.inserted:
            found.append("inserted")
        return tuple(found)

    def is_marked(self, run: Run) -> bool | None:
        if not self.known:
            return None
        return bool(self.run_styles(run)) and bool(run.text.strip())


def is_colour(color: str | None) -> bool:
    """A text colour that is a colour (red, blue, …), not black, grey or white: its channels differ by
    more than a quarter of their range."""
    if not color:
        return False
    channels = [int(color[i:i + 2], 16) for i in (0, 2, 4)]
    return max(channels) - min(channels) > 0x40


def style_words(norm: str) -> list[tuple[int, str]]:
    """The style words of a statement as (position, style), in order; where one word holds another
    at the same place (二重下線 holds 下線), only the longest counts."""
    hits = []  # (start, end, style)
    for style, names in vocabulary()["marking"]["styles"].items():
        for word in names:
            start = norm.find(word)
            while start >= 0:
                hits.append((start, start + len(word), style))
                start = norm.find(word, start + 1)
    kept = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits)]
    return sorted((start, style) for start, _, style in kept)


def parse_statement(text: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """A ※ marking statement → (statement, reference, styles in the order the sentence names them)."""
    norm = normalize(text) or ""
    words = vocabulary()["marking"]
    if not norm.startswith("※") or not any(w in norm for w in words["change_words"]):
        return None
    found = style_words(norm)
    if not found:
        return None
    styles = tuple(dict.fromkeys(style for _, style in found))
    return norm, reference_of(norm), styles


def reference_of(statement: str) -> str | None:
    """What the changes are relative to: the phrase before the first から/より, from where its clause
    starts (※, 、, an opening bracket), wherever the sentence puts it: after the style (※赤字部分が、
    {ref}からの変更箇所), first (※{ref}の内容からの変更箇所を赤字で示す。) or in brackets after the
    statement (…で示す（{ref}の内容からの変更）). A clause that opens with the style and no comma
    (※下線部分が{ref}から…) starts after the particle that follows the style's name."""
    end = _REFERENCE_END.search(statement)
    if not end:
        return None
    head = statement[:end.start()]
    ref = head[max(head.rfind(c) for c in _CLAUSE_START) + 1:]
    words = style_words(ref)
    if words:
        after = words[-1][0]
        particles = [i for i in (ref.find("が", after), ref.find("は", after)) if i >= 0]
        ref = ref[min(particles) + 1:] if particles else ""
    return ref.strip(" \u3000") or None


def detect_marking(paragraph_texts: list[str], body_runs: list[Run]) -> Marking:
    """The document's marking, from its statement (first one wins) and its body runs."""
    known = any(r.bold is not None for r in body_runs)
    counts = Counter()
    for r in body_runs:
        if r.font_family and r.text.strip():
            counts[r.font_family] += len(r.text.strip())
    body_family = counts.most_common(1)[0][0] if counts else None
    colours = Counter()
    for r in body_runs:
        if r.text.strip():
            colours[r.color] += len(r.text.strip())
    body_color = colours.most_common(1)[0][0] if colours else None
    underlined = [r for r in body_runs if r.underline and r.text.strip()]
    single_for_double = bool(underlined) and not any(r.underline_kind == "double" for r in underlined)
    for text in paragraph_texts:
        parsed = parse_statement(text)
        if parsed:
            statement, reference, styles = parsed
            return Marking(known, styles, False, body_family, statement, reference, body_color,
                           single_for_double="underline" not in styles and single_for_double)
    return Marking(known, ("bold", "underline"), True, body_family, body_color=body_color)


# A check mark, a box or a bullet alone says nothing changed: marks are often set in a Gothic or
# symbol face, and a changed mark is found by the diff through its cell, not as a passage.
_GLYPHS = MARK_GLYPHS


def is_glyph_only(text: str) -> bool:
    """Nothing but marks, bullets, spaces and punctuation: never a marked passage."""
    return not text.strip(" \u3000\t\n" + _GLYPHS + "、。，．・:：()（）「」")


def marked_spans(runs: tuple[Run, ...], marking: Marking) -> list[tuple[str, tuple[str, ...]]]:
    """Adjacent marked runs merged: [(raw text, styles)], in order; a mark glyph or bullet alone is no passage."""
    spans: list[tuple[str, list[str]]] = []
    prev_marked = False
    seam = ""  # a line break without styles between two marked runs belongs to their passage
    for run in runs:
        if run.deleted:
            continue
        if run.text == "\n" and run.bold is None and run.underline is None and run.font_family is None:
            seam = seam + run.text if prev_marked else ""
            continue
        styles = marking.run_styles(run) if marking.is_marked(run) else ()
        if styles:
            if prev_marked:
                text, acc = spans[-1]
                spans[-1] = (text + seam + run.text, acc + [s for s in styles if s not in acc])
            else:
                spans.append((run.text, list(styles)))
        prev_marked = bool(styles)
        seam = ""
    order = ("bold", "underline", "double_underline", "italic", "color", "shading", "gothic", "inserted")
    return [(t, tuple(s for s in order if s in acc)) for t, acc in spans if t.strip() and not is_glyph_only(t)]
