"""Agenda and meeting: what the submission is (外部結合, 目的外利用 …), on what basis, by whom, for which meeting.

Everything here is read from what the document says; a value it does not state stays ``None``.
"""

from __future__ import annotations

import re

from .. import schema as S
from ..char_classes import era_year
from ..normalize import find_dates, kanji_number_to_int
from ..vocabulary import body_pattern, is_department_declaration, is_department_key, vocabulary

_BASIS = re.compile(r"(第\d+条(?:第\d+項)?(?:第\d+号)?(?:[（(][^）)]+[）)])?)")

_MEETING = re.compile(r"(?P<era>令和|平成)(?P<y>\d+|元)年度\s*第(?P<n>\d+)回")
_DOCUMENT_NUMBER = re.compile(r"資料\s*(\d+)")
# a line that says when the meeting sits: 開催日：令和7年8月20日, 開催日時 …, 会議日 …
_MEETING_DATE = re.compile(r"^[(（]?(開催日時?|開催年月日|会議日時?|日時)[\s：:]")


_BASIS_LABEL = re.compile(r"^(?:要綱の)?根拠(?:規定|条項)?[：:]\s*(?P<value>.+)$")


def basis_of(lines: list[str]) -> str | None:
    """The first line that states the article the submission rests on.

    ``◇第3条第1項第3号（外部結合）`` → ``第3条第1項第3号（外部結合）``;
    ``根拠：架空市個人情報保護条例施行規則第5条第2号（業務委託）`` → the value after the label.
    """
    for line in lines:
        labelled = _BASIS_LABEL.match(line)
        if labelled and _BASIS.search(labelled.group("value")):
            return labelled.group("value").strip()
        m = _BASIS.match(line.lstrip("◇◆・□■ "))
        if m:
            return m.group(1)
    return None


def agenda_type_of(basis: str | None, title: str | None) -> str:
    for text in (basis, title):
        if text:
            for word, kind in vocabulary()["agenda_types"]["words"]:
                if word in text:
                    return kind
    return "other"


def departments_of(fields: list[S.Field]) -> list[str]:
    """Departments from 担当部課/担当課/保有課 values, each once: a name already seen with its 部 prefix
    (``総合政策部区政情報課``) is the same department as the bare ``区政情報課``. Where the document
    declares its departments (``（担当部課：…）``) that declaration is the list: a 保有課 or 利用する課
    entry may name the holders and users of the data besides."""
    names: list[str] = []
    declared = [f for f in fields if is_department_declaration(f.key)]
    for f in declared or fields:  # a （担当部課：…） declaration is the list where the document makes one
        if not is_department_key(f.key):
            continue
        for name in re.split(r"[、，,\s]+", f.value.replace("\n", "")):
            name = name.strip("（）() ")
            if not name or any(seen == name or seen.endswith(name) for seen in names):
                continue
            bare = [i for i, seen in enumerate(names) if name.endswith(seen)]
            if bare:  # a fuller spelling replaces a bare one where the bare one first appeared
                names[bare[0]] = name
                names = [n for i, n in enumerate(names) if i not in bare[1:]]
            else:
                names.append(name)
    return names


def meeting_of(headings: list[str], captions: list[str], lines: list[str], reference: str | None) -> S.Meeting:
    """Body from the document's own heading; 年度・回次 only from a line that is not the change reference."""
    body = None
    for text in headings + lines[:5]:
        m = body_pattern().search(text)
        if m:
            body = re.sub(r"^.*第\d+回", "", m.group(1))  # 令和7年度第2回架空市… → 架空市…
            break
    fiscal_year = session = date = None
    meeting_line = None
    for line in lines:
        if reference and reference in line:
            continue  # 令和6年度第7回…承認済 speaks of the approved version's meeting, not this one
        if "承認済" in line or "承認" in line:
            continue
        m = _MEETING.search(line)
        if m and body_pattern().search(line) and fiscal_year is None:
            fiscal_year = era_year(m.group("era"), kanji_number_to_int(m.group("y")) or 0)
            session = int(m.group("n"))
            date = date or next(iter(find_dates(line)), None)
            meeting_line = line
        if date is None and _MEETING_DATE.match(line):
            date = next(iter(find_dates(line)), None)
    document_number = None
    # the 資料 number from the document's own labels, else from its meeting line (…審議会 資料3)
    for text in captions + headings + ([meeting_line] if meeting_line else []):
        m = _DOCUMENT_NUMBER.search(text)
        if m:
            document_number = f"資料{m.group(1)}"
            break
    return S.Meeting(body=body, fiscal_year=fiscal_year, session=session, date=date, document_number=document_number)


def agenda_of(lines: list[str], fields: list[S.Field], title: str | None) -> S.Agenda:
    basis = basis_of(lines)
    titles = [f.value for f in fields if f.key == "件名"]
    # the 件名 after the title's own (a cover's heading is a title no 件名 field gave: every 件名 is after it)
    after = titles[titles.index(title) + 1:] if title in titles else titles
    parent = next((t for t in after if t != title), None)
    return S.Agenda(type=agenda_type_of(basis, title), basis=basis, departments=departments_of(fields),
                    parent_title=parent)
