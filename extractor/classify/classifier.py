"""Classify personal-data items: whose data, which category, which legal sensitivity.

Order of evidence, strongest first (``method`` in the output says which decided):
1. ``rule``: a legal category's pattern anywhere in the item (個人番号, 障害, 病歴, 被保険者…番号 …),
   so 個人番号変更歴 or 障害の程度 can never land in a harmless category;
2. ``lexicon``: the item, or its Sudachi normalised form (ふりがな → 振り仮名), is a term; else its head
   noun is (携帯電話番号 → 電話番号; 勤務先名 → 勤務先);
3. ``similarity``: nearest category by ja-ginza's word vectors, when similar enough, with the score
   as ``confidence`` — never 個人番号 or 個人識別符号, which the law enumerates;
4. otherwise ``other`` / ``unknown``, reported in the Submission's warnings: never a silent guess.

GiNZA (spaCy + SudachiPy) loads once per process, on first use, with only the components this
module reads. What is certain from the tokenizer alone — Sudachi's normalised forms, the head noun,
the static word vectors (a Doc's vector is the mean of its tokens' vectors from the vocabulary) — is
taken from it, thousands of items a second; the statistical pipeline (tok2vec and the
morphologizer) runs only where its part of speech decides, for the X of ``Xの`` that the lexicon of
person nouns accepts, batched with ``nlp.pipe``. The results are those of the whole pipeline: the
parser, NER and bunsetu components never touched what is read here. Identical texts are analysed
once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .taxonomy import Taxonomy, load_taxonomy

SIMILARITY_THRESHOLD = 0.6
# 個人番号 and 個人識別符号 are closed lists in the law (番号法2条, 施行令1条): only a rule or the
# lexicon may put an item there, never a resemblance of word vectors.
CLOSED_BY_LAW = ("mynumber", "identifier")
# Parts of an item that only say "whether / how much of": the item is what comes before them.
_TAILS = re.compile(r"(の有無|の状況|の程度|の種類|の内容|の記録|の区分|の番号|の額|等)$")


@dataclass(frozen=True)
class Classification:
    category: str
    label: str
    sensitivity: str
    confidence: float
    method: str  # rule | lexicon | similarity | unknown


# ja_ginza's components this module reads: the morphologizer's part of speech (is_person) and the tok2vec
# it listens to. The tokenizer and the vocabulary's vectors come with every load.
USED_COMPONENTS = ("tok2vec", "morphologizer")
# what ja_ginza 5 also holds; not loaded (memory per worker, start-up time)
UNUSED_COMPONENTS = ("parser", "attribute_ruler", "ner", "compound_splitter", "bunsetu_recognizer")


@lru_cache(maxsize=1)
def nlp():
    """The ja_ginza pipeline with the components used, loaded once. Its weights ship in the ja-ginza
    package: no download."""
    import spacy

    return spacy.load("ja_ginza", exclude=list(UNUSED_COMPONENTS))


@lru_cache(maxsize=1)
def ginza_version() -> str | None:
    from importlib import metadata

    try:
        return metadata.version("ja-ginza")
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=16384)
def analyse(text: str):
    """(Sudachi normalised form, head token norm, vector) of a short text, from the tokenizer alone
    (Sudachi split C) and the vocabulary's vectors; cached per text."""
    doc = nlp().make_doc(text)
    tokens = [t for t in doc if not t.is_punct]
    norm = "".join(t.norm_ for t in tokens) or text
    head = tokens[-1].norm_ if tokens else text
    vector = doc.vector if doc.has_vector else None
    return norm, head, vector


_HEAD_POS: dict[str, str | None] = {}  # noun → the morphologizer's part of speech of its last word


def resolve_heads(nouns) -> None:
    """The morphologizer's part of speech of each noun's last word, for the nouns the lexicon takes for
    persons and not yet known: one batched ``nlp.pipe`` instead of a parse per noun."""
    from . import split

    wanted = [n for n in dict.fromkeys(nouns) if n not in _HEAD_POS and split.is_person(n, analyse(n)[1])]
    for noun, doc in zip(wanted, nlp().pipe(wanted)):
        tokens = [t for t in doc if not t.is_punct]
        _HEAD_POS[noun] = tokens[-1].pos_ if tokens else None


def is_person(noun: str) -> bool:
    """Whether ``noun`` (the X of ``Xの…``) denotes a person or party, by the lexicon of person nouns
    and suffixes in ``models/person_nouns.tsv`` (資格喪失者 → 資格喪失 + 者) and the parse: its last
    word must be a noun. The lexicon is asked first; only a yes needs the parse."""
    from . import split

    if not split.is_person(noun, analyse(noun)[1]):
        return False
    if noun not in _HEAD_POS:
        resolve_heads([noun])
    return _HEAD_POS[noun] in ("NOUN", "PROPN", "PRON")


def _lexicon(taxonomy: Taxonomy, candidates: list[str]) -> tuple[object, float] | None:
    for text in candidates:
        cat = taxonomy.term(text)
        if cat is not None:
            return cat, 1.0
    for text in candidates:  # the head noun: the longest term the item ends with
        for term in taxonomy.terms_by_length():
            if len(term) >= 2 and text.endswith(term):
                return taxonomy.term(term), 0.9
    for text in candidates:  # a term followed by a qualifier noun: 勤務先名, 口座名義人
        for term in taxonomy.terms_by_length():
            if len(term) >= 2 and text.startswith(term):
                return taxonomy.term(term), 0.8
    return None


@lru_cache(maxsize=1)
def _centroids(version: str):
    import numpy as np

    taxonomy = load_taxonomy()
    out = []
    for cat in taxonomy.categories:
        if cat.sensitivity in CLOSED_BY_LAW:
            continue
        vectors = [v for v in (analyse(t)[2] for t in cat.terms) if v is not None and np.any(v)]
        if vectors:
            mean = np.mean(vectors, axis=0)
            out.append((cat, mean / (np.linalg.norm(mean) or 1.0)))
    return out


def _similar(taxonomy: Taxonomy, item: str):
    import numpy as np

    vector = analyse(item)[2]
    if vector is None or not np.any(vector):
        return None
    vector = vector / (np.linalg.norm(vector) or 1.0)
    best = max(((float(np.dot(vector, c)), cat) for cat, c in _centroids(taxonomy.version)), key=lambda t: t[0],
               default=None)
    if best and best[0] >= SIMILARITY_THRESHOLD:
        return best[1], best[0]
    return None


@lru_cache(maxsize=4096)
def classify_item(item: str) -> Classification:
    taxonomy = load_taxonomy()
    for cat in taxonomy.categories:
        if any(rule.search(item) for rule in cat.rules):
            return Classification(cat.id, cat.label, cat.sensitivity, 1.0, "rule")
    if taxonomy.term(item) is not None:  # the item is a term: certain without analysing it
        cat = taxonomy.term(item)
        return Classification(cat.id, cat.label, cat.sensitivity, 1.0, "lexicon")
    norm, head, _ = analyse(item)
    stripped = _TAILS.sub("", item)
    candidates = list(dict.fromkeys([item, norm, stripped, head]))
    found = _lexicon(taxonomy, candidates)
    if found:
        cat, confidence = found
        return Classification(cat.id, cat.label, cat.sensitivity, confidence, "lexicon")
    similar = _similar(taxonomy, item)
    if similar:
        cat, score = similar
        return Classification(cat.id, cat.label, cat.sensitivity, round(score, 3), "similarity")
    other = taxonomy.by_id("other")
    return Classification(other.id, other.label, other.sensitivity, 0.0, "unknown")
