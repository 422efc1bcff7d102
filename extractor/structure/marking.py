"""Change marking: the ※ statement that says how changes are marked, and which runs carry it.

A submission declares its marking in one sentence (``※太字ゴシック（下線）が、令和6年度第7回…承認済の
内容からの変更箇所``). Runs carrying the declared styles are marked; a Gothic run counts only inside
Mincho body text (otherwise everything would be "marked"). Tracked insertions always count. With
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

_REFERENCE = re.compile(r"[がは]、?(?P<ref>.+?)(?:の内容|から|より)")


@dataclass(frozen=True)
class Marking:
    """How this document marks changes. ``styles`` empty and ``known`` False for unstyled input."""

    known: bool  # the input carries style information at all
    styles: tuple[str, ...]  # declared (or inferred) styles
    inferred: bool  # no statement: bold + underline taken as the marking
    body_family: str | None  # the dominant font family of body text
    statement: str | None = None
    reference: str | None = None

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
        if found == ["gothic"] and ("bold" in self.styles or "underline" in self.styles):
            found = []  # the statement names bold or underline: typeface alone never suffices (issue 9)
        if self.inferred and not (run.bold and run.underline):
            found = []
        if run.inserted:
            found.append("inserted")
        return tuple(found)

    def is_marked(self, run: Run) -> bool | None:
        if not self.known:
            return None
        return bool(self.run_styles(run)) and bool(run.text.strip())


def parse_statement(text: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """A ※ marking statement → (statement, reference, styles in the order the sentence names them)."""
    norm = normalize(text) or ""
    words = vocabulary()["marking"]
    if not norm.startswith("※") or not any(w in norm for w in words["change_words"]):
        return None
    found = sorted((norm.find(word), style) for style, names in words["styles"].items()
                   for word in names if word in norm)
    if not found:
        return None
    styles = tuple(dict.fromkeys(style for _, style in found))
    ref = _REFERENCE.search(norm)
    return norm, (ref.group("ref").strip() if ref else None), styles


def detect_marking(paragraph_texts: list[str], body_runs: list[Run]) -> Marking:
    """The document's marking, from its statement (first one wins) and its body runs."""
    known = any(r.bold is not None for r in body_runs)
    counts = Counter()
    for r in body_runs:
        if r.font_family and r.text.strip():
            counts[r.font_family] += len(r.text.strip())
    body_family = counts.most_common(1)[0][0] if counts else None
    for text in paragraph_texts:
        parsed = parse_statement(text)
        if parsed:
            statement, reference, styles = parsed
            return Marking(known, styles, False, body_family, statement, reference)
    return Marking(known, ("bold", "underline"), True, body_family)


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
    order = ("bold", "underline", "gothic", "inserted")
    return [(t, tuple(s for s in order if s in acc)) for t, acc in spans if t.strip() and not is_glyph_only(t)]
