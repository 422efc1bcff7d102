"""The personal-data taxonomy (``models/taxonomy.json``): categories, lexicon terms, legal rules."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..assets import asset



@dataclass(frozen=True)
class Category:
    id: str
    label: str
    sensitivity: str
    basis: str
    terms: tuple[str, ...]
    rules: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Taxonomy:
    version: str
    categories: tuple[Category, ...]

    def __post_init__(self):
        index: dict[str, Category] = {}
        for cat in self.categories:
            for term in cat.terms:
                index.setdefault(term, cat)
        object.__setattr__(self, "_index", index)
        # longest first, so 携帯電話番号 meets 電話番号 before 番号
        object.__setattr__(self, "_by_length", tuple(sorted(index, key=len, reverse=True)))

    def by_id(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def term(self, text: str) -> Category | None:
        return self._index.get(text)

    def terms_by_length(self) -> tuple[str, ...]:
        return self._by_length


@lru_cache(maxsize=1)
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    data = json.loads((path or asset("taxonomy.json")).read_text(encoding="utf-8"))
    categories = tuple(
        Category(id=c["id"], label=c["label"], sensitivity=c["sensitivity"], basis=c["basis"],
                 terms=tuple(c["terms"]), rules=tuple(re.compile(r) for r in c.get("rules", ())))
        for c in data["categories"])
    return Taxonomy(version=data["version"], categories=categories)
