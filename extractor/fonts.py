"""Font names → the family a reader sees (mincho / gothic / other).

Japanese submissions mark changes in Gothic against Mincho body text, so the family matters
more than the name. Names arrive in many spellings (``ＭＳ ゴシック``, ``MS-Gothic``,
``HGｺﾞｼｯｸM``, ``IPAexMincho``, ``ABCDEF+YuGothic-Bold``), hence NFKC and substring tests.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .ir import FontFamily

_GOTHIC = ("ゴシック", "gothic", "sans", "meiryo", "メイリオ", "arial", "helvetica", "游ゴ",
           "ヒラギノ角", "hiragino kaku", "hiraginosans", "kakugo", "角ゴ", "丸ゴ")
_MINCHO = ("明朝", "mincho", "serif", "times", "century", "游明", "ヒラギノ明", "hiragino mincho",
           "教科書", "kyokasho")


@lru_cache(maxsize=1024)
def font_family_of(name: str | None) -> FontFamily | None:
    """``None`` when there is no name; ``other`` when the name is neither Gothic nor Mincho."""
    if not name:
        return None
    key = unicodedata.normalize("NFKC", name).lower()
    if "+" in key[:8]:  # subset prefix of embedded PDF fonts: ABCDEF+Name
        key = key.split("+", 1)[1]
    # "sans-serif" holds "serif": test Gothic first.
    if any(s in key for s in _GOTHIC):
        return "gothic"
    if any(s in key for s in _MINCHO):
        return "mincho"
    return "other"
