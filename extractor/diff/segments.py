"""Text edits at morpheme granularity: Japanese has no spaces, so SudachiPy's short units (split
mode A) are the words a one-word edit changes; characters where no dictionary is installed."""

from __future__ import annotations

import difflib
from functools import lru_cache

from .. import schema as S
from ..vocabulary import tokenizable_pieces


@lru_cache(maxsize=1)
def _tokenizer():
    try:
        from sudachipy import dictionary, tokenizer
    except ImportError:  # pragma: no cover - sudachipy is a declared dependency
        return None
    return dictionary.Dictionary(dict="core").create(), tokenizer.Tokenizer.SplitMode.A


@lru_cache(maxsize=8192)
def morphemes(text: str) -> tuple[str, ...]:
    found = _tokenizer()
    if found is None or not text:
        return tuple(text)
    tok, mode = found
    out: list[str] = []
    for line in text.split("\n"):
        if out:
            out.append("\n")
        out.extend(m.surface() for piece in tokenizable_pieces(line) for m in tok.tokenize(piece, mode))
    return tuple(out)


def text_segments(old: str, new: str) -> list[S.Segment]:
    """``old`` → ``new`` as equal/insert/delete runs of morphemes, adjacent runs of one kind merged."""
    a, b = morphemes(old), morphemes(new)
    out: list[S.Segment] = []

    def push(op: str, text: str):
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = S.Segment(op=op, text=out[-1].text + text)
        else:
            out.append(S.Segment(op=op, text=text))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            push("equal", "".join(a[i1:i2]))
        else:
            push("delete", "".join(a[i1:i2]))
            push("insert", "".join(b[j1:j2]))
    return out
