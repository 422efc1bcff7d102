"""Minutes (会議録・議事録・会議結果): the meeting, who attended, what was handed out, each item and its outcome.

Read from the document's lines: a header of labelled parts (``1 日時``, ``場所``, ``出席者`` …, the
label alone or before its value, letter-spaced or not), then the agenda and the proceedings, where
each item's explanation, questions and answers are turns of named speakers. The labels, roles and
outcome phrases are data in ``models/vocabulary.json`` ("minutes"); nothing a document does not say
is filled in, except the fiscal year, which a dated meeting falls in even where it is not written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import schema as S
from ..char_classes import era_year
from ..ir import Document, Paragraph, Table, iter_paragraphs
from ..normalize import find_dates, kanji_number_to_int, normalize, radicals_to_ideographs
from ..vocabulary import body_pattern, vocabulary, words


@dataclass(frozen=True)
class Line:
    raw: str
    page: int | None

    @property
    def text(self) -> str:
        return normalize(self.raw) or ""


def document_lines(doc: Document) -> list[Line]:
    """Every line in reading order: a paragraph's source lines, a table row's cells side by side."""
    out: list[Line] = []
    for page in doc.pages:
        for block in page.blocks:
            if isinstance(block, Paragraph):
                out.extend(Line(t, page.number) for t in block.lines)
            elif isinstance(block, Table):
                for row in block.rows:
                    cells = [" ".join(p.text for p in iter_paragraphs(c.blocks)).strip() for c in row]
                    if any(cells):
                        out.append(Line("　".join(c for c in cells if c), page.number))
    # Kangxi radicals for ideographs (a browser's PDF writes ⽋席者 for 欠席者) would hide labels and roles
    return _with_split_labels_joined([Line(radicals_to_ideographs(l.raw), l.page) for l in out if l.raw.strip()])


def _with_split_labels_joined(lines: list[Line]) -> list[Line]:
    """A label a narrow cell broke over lines (``名`` / ``称``, ``出席`` / ``委員 …``) as one line:
    short pieces that together, and only together, spell a label; the last may carry the value."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        joined = _split_label_at(lines, i)
        if joined:
            out.append(joined[0])
            i = joined[1]
        else:
            out.append(lines[i])
            i += 1
    return out


def _split_label_at(lines: list[Line], i: int) -> tuple[Line, int] | None:
    first = lines[i].raw.strip()
    letters = re.sub(rf"^{_NUMBERING}", "", first)
    if not 1 <= len(letters) <= 3 or re.search(r"[\s　0-9０-９]", letters) or _label_match(first):
        return None
    spelled, candidate = letters, first
    for k in range(i + 1, min(i + 4, len(lines))):
        piece = lines[k].raw.strip()
        head = re.split(r"[\s　:：]", piece, maxsplit=1)[0]
        if not 1 <= len(head) <= 3:
            return None
        spelled += head
        candidate += piece
        found = _label_match(candidate)
        if found and found[2] == spelled:
            return Line(candidate, lines[i].page), k + 1
        if head != piece:  # a value after the piece: the label ends here, or there is none
            return None
    return None


# -- labels ------------------------------------------------------------------------------------------

_NUMBERING = r"(?:[（(]?[0-9０-９一二三四五六七八九十]+[)）.．、]?|[■□●○◆◇・])?\s*"


@lru_cache(maxsize=1)
def _label_patterns() -> list[tuple[str, re.Pattern]]:
    """(part, pattern) for every label, longest first: a label's characters may stand apart."""
    labels = vocabulary()["minutes"]["labels"]
    pairs = sorted(((part, label) for part, words in labels.items() for label in words), key=lambda p: -len(p[1]))
    out = []
    for part, label in pairs:
        spaced = r"[\s　]*".join(re.escape(ch) for ch in label)
        out.append((part, re.compile(rf"^{_NUMBERING}(?P<label>{spaced})(?=$|[\s　:：【（(])[\s　:：]*(?P<value>.*)$")))
    return out


def label_of(raw: str) -> tuple[str, str] | None:
    """``2 場所   防災センター402会議室`` → ("place", "防災センター402会議室"); ``日　時`` → ("date", "")."""
    found = _label_match(raw)
    return (found[0], found[1]) if found else None


@lru_cache(maxsize=8192)
def _label_match(raw: str) -> tuple[str, str, str] | None:
    """(part, value, the label as written without its spacing)."""
    text = raw.strip()
    for part, pattern in _label_patterns():
        m = pattern.match(text)
        if m:
            value = m.group("value").strip()
            if part in ("proceedings", "agenda", "materials") and len(_without_link_notes(value)) > 40:
                return None  # a sentence that starts with 議事/資料 is no label
            return part, value, re.sub(r"[\s　]", "", m.group("label"))
    return None


def is_minutes(lines: list[str]) -> bool:
    """Minutes by what they hold: a minutes title near the top, or a header naming at least two of
    the meeting's date, place and attendees. ``lines`` as written (:attr:`Line.raw`): a label is
    told from its value by the space between them (``3 出席者 野田部会長、…``), which normalising
    removes, so the kind is chosen on the same lines the minutes are read from."""
    v = vocabulary()["minutes"]
    parts = {found[0] for found in map(label_of, lines[:80]) if found}
    header = len(parts & {"date", "place", "attendees", "absentees"})
    titled = any(word in (normalize(l) or "") for l in lines[:8] for word in v["titles"])
    speakers = sum(1 for l in lines[:200] if _is_speaker_line(l))
    return header >= 2 or (titled and (header >= 1 or speakers >= 2))


# -- the meeting -------------------------------------------------------------------------------------

_SESSION = re.compile(r"(?:(?P<era>令和|平成|昭和)?\s*(?P<y>[0-9]+|元)年度)?\s*第\s*(?P<n>[0-9]+)\s*回")
_TIME = re.compile(r"(?P<ampm>午前|午後)?\s*(?P<h>[0-9]{1,2})\s*(?:時|:|：)\s*(?:(?P<m>[0-9]{1,2})\s*分?|(?P<half>半))?|(?P<noon>正午)")
_ERAS = ("令和", "平成", "昭和")  # the eras a meeting's fiscal year is counted in


def times_of(text: str) -> list[str]:
    """``午後1時15分から午後2時45分まで`` → ["13:15", "14:45"]; ``午前9時30分~正午`` → ["09:30", "12:00"]."""
    out = []
    ampm = None
    for m in _TIME.finditer(text):
        if m.group("noon"):
            out.append("12:00")
            continue
        h = int(m.group("h"))
        minute = 30 if m.group("half") else int(m.group("m") or 0)
        ampm = m.group("ampm") or ampm  # 午後1時30分から3時まで: the end is in the afternoon the start is
        if ampm == "午後" and h < 12:
            h += 12
        if h < 24 and minute < 60:
            out.append(f"{h:02d}:{minute:02d}")
    return out


def _date_part(text: str) -> str:
    """The text after the date: where a meeting's times are (not the date's own digits)."""
    m = re.search(r"日\s*[（(][^）)]*[）)]|日", text)
    return text[m.end():] if m else text


def fiscal_year_of(iso_date: str) -> int:
    """The Japanese fiscal year (April to March) a date falls in."""
    year, month = int(iso_date[:4]), int(iso_date[5:7])
    return year if month >= 4 else year - 1


def meeting_of(title_lines: list[str], parts: dict[str, list[Line]], lines: list[Line]) -> S.MinutesMeeting:
    body = fiscal_year = era_less_year = session = date = start = end = place = None
    named = [l.text for l in parts.get("body", [])]
    bodies = []
    for text in named + title_lines:
        m = body_pattern().search(text)
        if m and m.start() == 0 and "。" not in text:  # a name that opens its line, not one a sentence names
            name = re.sub(r"^.*?第\s*\d+\s*回", "", m.group(1))
            bodies.append(re.sub(r"^(?:令和|平成|昭和)?[0-9元]+年度", "", name))
    # the name in the 名称 part, else the fullest in the header (東京都… over a page title's short form)
    body = bodies[0] if named and bodies else max(bodies, key=len, default=None)
    for text in named + title_lines:
        s = _SESSION.search(text)
        if s and session is None:
            session = int(s.group("n"))
            if s.group("y"):
                y = kanji_number_to_int(s.group("y")) or 0
                era = s.group("era")
                if era:
                    fiscal_year = era_year(era, y)
                else:  # 29年度 without its era: the era of the meeting's date, once the date is known
                    era_less_year = y
    date_lines = [l.text for l in parts.get("date", [])] or [l.text for l in lines[:12] if find_dates(l.text)]
    for text in date_lines:
        found = find_dates(text)
        if found and date is None:
            date = found[0]
            times = times_of(_date_part(text))
            start, end = (times + [None, None])[:2]
    if date and start is None:  # 午前10時3分開会 on a line of its own
        for l in lines[:20]:
            if "開会" in l.text or "開始" in l.text:
                times = times_of(l.text)
                if times:
                    start = times[0]
                    break
    if era_less_year is not None:
        fiscal_year = _fiscal_year_for_era_year(era_less_year, date)
    if fiscal_year is None and date:
        fiscal_year = fiscal_year_of(date)
    place_lines = [l.text for l in parts.get("place", [])]
    if place_lines:
        place = _without_link_notes(place_lines[0])
    elif date:  # no 場所 label: the line right after the date, when it names a room or a building
        heads = vocabulary()["minutes"]["place_heads"]
        at = next(i for i, l in enumerate(lines) if date in find_dates(l.text))
        for l in lines[at + 1:at + 3]:
            t = l.text
            if not find_dates(t) and len(t) <= 40 and "。" not in t and any(h in t for h in heads):
                place = t
                break
    return S.MinutesMeeting(body=body, fiscal_year=fiscal_year, session=session, date=date,
                            start_time=start, end_time=end, place=place)


def _fiscal_year_for_era_year(y: int, date: str | None) -> int | None:
    """``29年度`` with a meeting on 2018-01-29: the era year whose fiscal year holds the date."""
    if not date:
        return None
    fy = fiscal_year_of(date)
    for era in _ERAS:
        if era_year(era, y) == fy:
            return fy
    return None


_LINK_NOTE = re.compile(r"\s*[\[［(（][^\]］)）]*(?:KB|MB|kb|mb|バイト)[^\]］)）]*[\]］)）]\s*$")


def _without_link_notes(text: str) -> str:
    """``…資料 [4659KB pdfファイル]`` → ``…資料``: a web page's file-size note is no part of the text."""
    return _LINK_NOTE.sub("", text).strip()


# -- people -------------------------------------------------------------------------------------------

_BRACKET_ROLE = re.compile(r"^【(?P<role>[^】]+)】\s*(?P<rest>.*)$")
_ROLE_PREFIX = re.compile(r"^(?P<role>[^\s:：（(【]{1,12}?)(?:[（(][^）)]*[）)])?\s*[:：]\s*(?P<rest>.*)$")
_TRAILING_ROLE = re.compile(r"^(?P<rest>.*?)\s*【(?P<role>[^】]+)】$")
_PAREN_TITLE = re.compile(r"^(?P<name>[^（(]+)[（(](?P<title>[^）)]+)[）)]$")


def _role_word(text: str) -> str | None:
    roles = vocabulary()["minutes"]["roles"]
    t = re.sub(r"[（(][^）)]*[）)]", "", text).strip()
    return next((r for r in roles if t == r), None)


def _ends_with_title(word: str) -> bool:
    return any(word.endswith(h) for h in vocabulary()["minutes"]["title_heads"])


def person_of(raw: str, role: str | None) -> S.Attendee | None:
    """One attendee from ``会長 石川 慶一郎``, ``情報政策課長 安江 真人``, ``中小路健吾(長岡京市長)``,
    ``人見 剛【会長】`` or ``事務局(情報公開広聴課副課長ほか7名)``."""
    text = raw.strip().strip("・、,")
    if not text:
        return None
    m = _TRAILING_ROLE.match(text)
    if m:
        role, text = m.group("role"), m.group("rest")
    tokens = text.split()
    while len(tokens) > 1 and _role_word(tokens[0]):  # 会長 …, 委員 会長 …: the entry's own role, the last said
        role, tokens = _role_word(tokens[0]), tokens[1:]
    text = " ".join(tokens)
    m = _PAREN_TITLE.match(text)
    if m and not _role_word(m.group("name")):
        gloss = normalize(m.group("title"))
        if _role_word(gloss):  # 山田 太郎（会長）: the post in the gloss is the role
            return attendee_of(_role_word(gloss), None, m.group("name"))
        return attendee_of(role, m.group("title"), m.group("name"))
    if m and _role_word(m.group("name")):  # 事務局(情報公開広聴課副課長ほか7名): a group
        return attendee_of(_role_word(m.group("name")), m.group("title"), None)
    suffix = _role_after_name(text)
    if suffix:  # 野田部会長、赤津委員: a surname with the role after it
        return attendee_of(suffix[0], None, suffix[1])
    if len(tokens) >= 3 or (len(tokens) == 2 and _ends_with_title(tokens[0]) and len(tokens[0]) > 2):
        title_tokens, name_tokens = (tokens[:-2], tokens[-2:]) if len(tokens) >= 3 else (tokens[:1], tokens[1:])
        return attendee_of(role, " ".join(title_tokens), " ".join(name_tokens))
    if len(tokens) == 1 and _role_word(tokens[0]):
        return None  # a role heading on its own
    return attendee_of(role, None, " ".join(tokens))


def attendee_of(role: str | None, raw_title: str | None, raw_name: str | None) -> S.Attendee:
    """An attendee from the post and name as printed: each normalised for matching (a name keeps
    its old forms, 髙田 stays 髙田) and kept as printed beside it (山田 太郎, its space kept)."""
    raw_title = raw_title.strip() if raw_title is not None else None
    raw_name = raw_name.strip() if raw_name is not None else None
    return S.Attendee(role=role, title=normalize(raw_title), raw_title=raw_title,
                      name=normalize(raw_name, name=True), raw_name=raw_name)


def _role_after_name(text: str) -> tuple[str, str] | None:
    """``野田部会長`` → ("部会長", "野田"): a short name (a surname) run into the role after it; a
    post (情報政策課長) or a department before the role is no name."""
    if re.search(r"[\s　（()）]", text):
        return None
    for r in sorted(vocabulary()["minutes"]["roles"], key=len, reverse=True):
        name = text[:-len(r)] if text.endswith(r) else ""
        if 1 <= len(name) <= 4 and not re.search(r"[課部局室係所]$", name) and not _ends_with_title(name):
            return r, name
    return None


def _carried_role(text: str) -> str | None:
    """The role an entry's first word gives the entries after it (``事務局 企画財政部長 …`` over
    indented ``政策室長 …``): a group's name carries down the list, a post one person holds
    (会長, 副会長) is that line's alone."""
    tokens = text.split()
    word = _role_word(tokens[0]) if len(tokens) > 1 else None
    return word if word and word not in vocabulary()["minutes"]["posts"] else None


def people_of(lines: list[Line], first_value: str = "", label: str = "") -> list[S.Attendee]:
    """Attendees under a heading: role headings (``委員(敬称略)``, ``【事務局】``, ``事務局:``) set the role
    of the entries after them; an entry may carry its own role before or after its name; a label
    that names a role (出席委員) gives it to the entries that carry none."""
    out: list[S.Attendee] = []
    role = next((r for r in vocabulary()["minutes"]["roles"] if label.endswith(r)), None)
    # a bracket on the label itself (出席者【会長・副会長等】) says how roles are given, and is none
    note = re.fullmatch(r"[【（(][^】）)]*[】）)]", first_value.strip())
    raws = ([first_value] if first_value.strip() and not note else []) + [l.raw for l in lines]
    for raw in raws:
        text = raw.strip()
        if not text or text in ("なし", "無し"):
            continue
        if _LINK_NOTE.search(text):
            continue  # 会議資料.pdf [333KB pdfファイル]: a link of the web page, never a person
        gloss = re.fullmatch(r"(?P<word>[^（(]+)[（(](?P<gloss>[^）)]*)[）)]", text)
        if gloss and _role_word(gloss.group("word")) and not re.search(r"敬称|五十音|順不同|名簿", gloss.group("gloss")):
            out.append(person_of(text, role))  # 事務局(情報公開広聴課副課長ほか7名): a group of people
            continue
        m = _BRACKET_ROLE.match(text)
        if m:
            role, text = normalize(m.group("role")), m.group("rest")
        else:
            m = _ROLE_PREFIX.match(text)
            if m and (_role_word(m.group("role")) or len(m.group("role")) <= 8):
                role, text = normalize(re.sub(r"[（(][^）)]*[）)]", "", m.group("role"))), m.group("rest")
            elif _role_word(text) or (re.sub(r"[（(][^）)]*[）)]$", "", text).strip() != text and _role_word(
                    re.sub(r"[（(][^）)]*[）)]$", "", text)) and "名" not in text):
                role = _role_word(text)  # 委員(敬称略、五十音順): a heading for the names below
                continue
            elif len(text) <= 12 and " " not in text and "（" not in text and "(" not in text and _is_group_heading(text):
                role = normalize(text)
                continue
        for entry in re.split(r"[、，,]\s*", text) if ("、" in text or "，" in text or "," in text) else [text]:
            person = person_of(entry, role)
            if person is not None:
                out.append(person)
            role = _carried_role(entry) or role
    return out


def _is_group_heading(text: str) -> bool:
    """``諮問及び案件関係部署``, ``説明者``: a heading over people, not a person."""
    return any(text.endswith(w) for w in ("部署", "説明者", "担当課", "関係課", "関係者", "事務局", "委員"))


# -- materials ----------------------------------------------------------------------------------------

_BULLET = re.compile(r"^[・･●◆◇■□-]\s*")


def materials_of(lines: list[Line], first_value: str = "") -> list[str]:
    """Each item handed out: a bullet or a 資料 number starts one, a line without either goes on
    the one before; a ``○ 事前送付`` line groups them and is none itself."""
    out: list[str] = []
    raws = ([first_value] if first_value.strip() else []) + [l.raw for l in lines]
    for raw in raws:
        text = raw.strip()
        if not text:
            continue
        if text.startswith(("○", "〇")):
            continue
        starts = bool(_BULLET.match(text)) or bool(re.match(r"^[（(]?[^）)\s]{0,6}資料", text)) or not out
        text = _without_link_notes(_BULLET.sub("", text))
        if starts:
            out.append(normalize(text) or "")
        else:
            out[-1] = normalize(out[-1] + text) or ""
    return [m for m in out if m]


# -- items --------------------------------------------------------------------------------------------

_ITEM_LABEL = re.compile(r"^(?P<label>[（(][0-9０-９一二三四五六七八九十]+[)）]|[0-9０-９]+[.．)）]?|[①-⑳]|"
                         r"[アイウエオカキクケコサシスセソタチツテト](?=[\s　.．)）])|[a-z][.)）])[\s　]*(?P<rest>.*)$")
_NUMBER = re.compile(r"諮問第\s*[0-9０-９一二三四五六七八九十百〇]+\s*号")


def kind_of_heading(text: str) -> str | None:
    """``(1)諮問事項`` / ``審議事項`` → deliberation; ``報告事項`` → report; else None."""
    t = re.sub(r"[\s　]", "", text)
    if len(t) > 14:
        return None
    for kind, words in vocabulary()["minutes"]["item_kinds"].items():
        if any(w in t for w in words) and (t.endswith("事項") or t.endswith("案件") or t.endswith(words[0])
                                            or re.search(r"案件[0-9０-９]*$", t)):
            return kind
    return None


def _departments_in(text: str) -> list[str]:
    """Departments an item names in 【…】 or （…） (``(学校教育課)``, ``【情報政策課】``)."""
    out = []
    for m in re.finditer(r"[【（(]([^】）)]+)[】）)]", text):
        for name in re.split(r"[、，,・]", m.group(1)):
            name = name.strip()
            if re.search(r"(課|部|局|室|係|担当|事務局|センター)$", name) and len(name) >= 2:
                out.append(normalize(name) or name)
    return out


@dataclass
class _Item:
    kind: str
    label: str | None
    title: str
    number: str | None
    departments: list[str]
    lines: list[Line] = field(default_factory=list)
    raw_title: str = ""  # the title as printed, its lines joined


def agenda_items(lines: list[Line]) -> list[_Item]:
    """The 議題 list: kind headings (``(1)諮問事項``) over items (``ア …``, ``①…``, a title on its own);
    a kind in the title itself (``…について(諮問)``) serves where there is no heading."""
    items: list[_Item] = []
    kind = None
    for line in lines:
        raw = line.raw.strip()
        m = _ITEM_LABEL.match(raw)
        label, rest = (m.group("label"), m.group("rest")) if m else (None, raw)
        heading_kind = kind_of_heading(rest)
        if heading_kind:
            kind = heading_kind
            continue
        title_raw = rest.strip()
        if title_raw.startswith(("※", "＊", "*")):
            continue  # a note on the list (※すべての議題を公開), no item nor part of one
        if not title_raw or (_SESSION.search(title_raw) and body_pattern().fullmatch(
                re.sub(r"^.*?第\s*\d+\s*回", "", normalize(title_raw) or ""))):
            continue  # the meeting's own name over its list
        if items and not m and (_continues(title_raw) or (not _ends_item(items[-1].title) and not _starts_item(title_raw))):
            if not items[-1].title.endswith(normalize(title_raw) or title_raw):  # a repeat of its end adds nothing
                items[-1].title = normalize(items[-1].title + title_raw) or items[-1].title
                items[-1].raw_title += title_raw
                items[-1].departments += _departments_in(title_raw)
            continue
        items.append(_new_item(kind, label, title_raw))
    return items


def _headed_item(text: str) -> _Item | None:
    """``【諮問案件2】(税務課)…について`` → an item of that kind, labelled by its number: a bracketed
    heading that names a kind of case heads one case, wherever it stands (the papers handed out)."""
    m = re.match(r"^[・･]?\s*【(?P<head>[^】]{1,14})】\s*(?P<rest>.+)$", text.strip())
    kind = kind_of_heading(m.group("head")) if m else None
    if not kind or not _ends_item(m.group("rest")):
        return None
    number = re.search(r"[0-9０-９]+$", m.group("head"))
    return _new_item(kind, number.group(0) if number else None, m.group("rest"))


def _ends_item(title: str) -> bool:
    return bool(re.search(r"(について|の件|[)）】])$", title))


def _starts_item(text: str) -> bool:
    return text.startswith(("・", "【")) or bool(_NUMBER.match(text))


def _continues(text: str) -> bool:
    """A line no title opens with — a particle or conjunction (``に係る…``, ``及び…``): the rest of
    the title before it, wrapped."""
    first = next(iter(words(text[:12])), None)
    return first is not None and first.pos in ("助詞", "助動詞", "接続詞", "接尾辞")


def _split_result(title_raw: str) -> tuple[str, str | None]:
    """``…について（諮問第692号） 原案のとおり承認`` → the title part and the result said after it."""
    for phrase, _ in sorted(vocabulary()["minutes"]["outcomes"], key=lambda p: -len(p[0])):
        at = title_raw.find(phrase)
        while at > 0:
            head = title_raw[:at].rstrip()
            if head.endswith(("について", "の件", "）", ")", "】")):
                return head, title_raw[at:].strip()
            at = title_raw.find(phrase, at + 1)
    return title_raw, None


def _new_item(kind: str | None, label: str | None, title_raw: str) -> _Item:
    title_raw, result = _split_result(_BULLET.sub("", title_raw).strip())
    number = _NUMBER.search(title_raw)
    own_kind = None
    tail = re.search(r"[（(][^（）()]{0,4}?(諮問|審議|報告)[^（）()]{0,8}[）)]$", title_raw)  # (諮問), (新規諮問)
    if tail:
        own_kind = "report" if tail.group(1) == "報告" else "deliberation"
    departments = _departments_in(title_raw)
    title = re.sub(r"^【[^】]*】\s*", "", title_raw)
    title = re.sub(r"^[（(][^）)]*[)）]\s*", "", title) if departments and title.startswith(("（", "(")) else title
    if number:  # 諮問第692号 before or after the title, bare or in brackets, is its number
        title = re.sub(rf"[（(]\s*{re.escape(number.group(0))}\s*[）)]|{re.escape(number.group(0))}", "", title).strip(" 　:：")
    # notes after the title — the kind (諮問), its number, the department — are not the title
    while True:
        stripped = re.sub(r"\s*(?:[（(][^（）()]{0,4}?(?:諮問|審議|報告)?[^（）()]{0,8}[）)]|【[^】]*】)$", "", title)
        note = title[len(stripped):]
        if stripped == title or not (re.search(r"諮問|審議|報告|^\s*[（(]\s*[）)]$", note) or _departments_in(note)):
            break
        title = stripped
    item = _Item(kind=own_kind or kind or ("deliberation" if number else "other"),
                 label=normalize(label.strip("()（）.．")) if label else None,
                 title=normalize(title) or "", number=normalize(number.group(0)) if number else None,
                 departments=departments, raw_title=title.strip())
    if result:
        item.lines.append(Line(result, None))
    return item


# -- proceedings ------------------------------------------------------------------------------------

_SPEAKER = re.compile(r"^(?:[•・●○◯]\s*)?(?:[（(](?P<p>[^（）()]{1,24}(?:[（(][^（）()]*[）)])?)[）)]|【(?P<b>[^】]{1,24})】|"
                      r"(?P<n>[^\s:：「」。、]{1,20}?)\s*(?:[:：]|(?=「)))\s*(?P<text>.*)$")
# 【説明】, 【質疑】, 【結果】 …: the parts of an item's proceedings, not speakers (a 【結果】 line
# states the outcome and ends the turn before it)
_SECTION_MARK = re.compile(r"^【[^】]*(説明|質疑|審議|意見|結果|答申|報告|概要)[^】]*】")


def _speaker_role(speaker: str) -> str | None:
    roles = vocabulary()["minutes"]["roles"]
    s = re.sub(r"[（(].*$", "", speaker)
    if s.startswith("事務局"):
        return "事務局"
    return next((r for r in roles if s.endswith(r)), None)


def _is_speaker_line(raw: str) -> tuple[str, str] | None:
    """``(委員)`` / ``【会長】`` / ``• 堀部会長`` / ``○○委員：…`` / ``会長「…」`` → (speaker, text after it)."""
    text = raw.strip()
    if _SECTION_MARK.match(text):
        return None
    bullet = re.match(r"^[•]\s*(?P<s>\S{1,20})$", text)
    if bullet:
        return bullet.group("s"), ""
    # ``委  員  公用車が…`` / ``実施機関  質問の…``: a role, spaced or not, set off from its words by a wide gap
    for gap in re.finditer(r"[ ]{2,}|[ 　]*　[ 　]*", text[:16]):
        word = re.sub(r"[ 　]", "", text[:gap.start()])
        if _role_word(word) and text[gap.end():]:
            return word, text[gap.end():]
        if len(word) > 6:
            break
    m = _SPEAKER.match(text)
    if not m:
        return None
    speaker = m.group("p") or m.group("b") or m.group("n")
    if not speaker:
        return None
    if m.group("n") and not _speaker_role(speaker) and not _ends_with_title(speaker):
        return None
    if (m.group("p") or m.group("b")) and not (_speaker_role(speaker) or _ends_with_title(speaker)):
        return None
    return speaker, m.group("text")


def turns_of(lines: list[Line]) -> list[S.Turn]:
    turns: list[tuple[str, list[str]]] = []
    open_turn = False
    for line in lines:
        found = _is_speaker_line(line.raw)
        if found:
            speaker, text = found
            turns.append((speaker, [text] if text.strip() else []))
            open_turn = True
        elif _SECTION_MARK.match(line.raw.strip()):
            open_turn = False
        elif turns and open_turn:
            turns[-1][1].append(line.raw.strip())
    return [S.Turn(speaker=normalize(s) or s, raw_speaker=s.strip(), role=_speaker_role(s),
                   text=normalize("".join(t)) or "", raw="".join(t))
            for s, t in turns]


def outcome_of(lines: list[Line]) -> S.Outcome | None:
    """The result an item's lines state: the last sentence holding an outcome phrase."""
    phrases = vocabulary()["minutes"]["outcomes"]
    sentences = [s for l in lines for s in re.split(r"(?<=。)", l.text) if s.strip()]
    for sentence in reversed(sentences):
        bare = re.sub(r"^[（(][^）)]*[）)]|^【[^】]*】", "", sentence).strip()
        for phrase, status in phrases:
            if phrase in bare:
                if status == "other" and any(p in bare for p, st in phrases if st != "other"):
                    continue
                return S.Outcome(status=status, text=bare, conditions=_conditions(bare, sentences)
                                 if status == "approved_with_conditions" else None)
    return None


def _conditions(sentence: str, sentences: list[str]) -> str | None:
    """The condition an approval carries: quoted in it, or after 条件： / 附帯意見： in the text."""
    m = re.search(r"「([^」]+)」", sentence)
    if m:
        return m.group(1)
    markers = "|".join(map(re.escape, vocabulary()["minutes"]["condition_markers"]))
    text = "".join(sentences)
    m = re.search(rf"[（(]?(?:{markers})[）)]?[:：]\s*(?P<c>[^）)]+)", text)
    return m.group("c").strip() if m else None


def _same_title(title: str, line: str) -> bool:
    """The line is the item's title (give or take a kind or department note), not a sentence
    that quotes it (はじめに、審議事項「1 …について」)."""
    a, b = re.sub(r"[\s　]", "", title), re.sub(r"[\s　]", "", line)
    if not a or not b or b.endswith("。") or "「" in b:
        return False
    return a == b or (len(b) >= 8 and b in a) or (len(a) >= 8 and a in b and len(b) <= len(a) + 12)


def attach_proceedings(items: list[_Item], lines: list[Line]) -> list[_Item]:
    """Each line of the proceedings goes to the item whose title it repeats, and the lines after
    it up to the next item's title; items only the proceedings name are added."""
    current: _Item | None = None
    kind = None
    for line in lines:
        raw = line.raw.strip()
        m = _ITEM_LABEL.match(raw)
        rest = m.group("rest") if m else raw
        heading_kind = kind_of_heading(rest)
        if heading_kind:
            kind = heading_kind
            continue
        heading = _NUMBER.sub("", normalize(_BULLET.sub("", rest)) or "")
        match = next((it for it in items if _same_title(it.title, heading)), None)
        if match is None and m and not _is_speaker_line(raw) and current is None and len(rest) > 8:
            match = _new_item(kind, m.group("label"), rest)
            items.append(match)
        if match is not None:
            current = match
            continue
        if current is not None:
            current.lines.append(line)
    return items


def _kinds_the_proceedings_name(items: list[_Item], lines: list[Line]) -> None:
    """An item the agenda gives no kind takes the one the proceedings call it by when they quote
    it: ``はじめに、審議事項「1 個人情報取扱事務の登録等について」`` is a deliberation."""
    for line in lines:
        for m in re.finditer(r"(?P<kind>[^\s「」。、，,]{2,8})「(?P<quoted>[^」]+)」", line.text):
            kind = kind_of_heading(m.group("kind"))
            label = _ITEM_LABEL.match(m.group("quoted"))
            quoted = label.group("rest") if label else m.group("quoted")
            for it in items:
                if kind and it.kind == "other" and _same_title(it.title, quoted):
                    it.kind = kind


# -- the whole ------------------------------------------------------------------------------------------


def split_parts(lines: list[Line]) -> tuple[list[Line], dict[str, list[Line]], dict[str, str]]:
    """Lines before the first label (the title), and each labelled part's lines and first value."""
    head: list[Line] = []
    parts: dict[str, list[Line]] = {}
    first: dict[str, str] = {}
    current = None
    for line in lines:
        found = _label_match(line.raw)
        if found and current is None and found[0] == "proceedings" and found[2] in vocabulary()["minutes"]["titles"]:
            found = None  # 議事概要 over the header is the document's title; after it, the proceedings' label
        # once in the proceedings, only another proceedings label starts a part (議事 … in a turn is text)
        if found and (current != "proceedings" or found[0] == "proceedings"):
            part, value, label = found
            first.setdefault(f"{part}:label", label)
            current = part
            parts.setdefault(part, [])
            if value:
                if part in ("body", "date", "place"):
                    parts[part].append(Line(value, line.page))
                else:
                    first[part] = first.get(part, "") or value
            continue
        if current is None:
            head.append(line)
        else:
            parts[current].append(line)
    return head, parts, first


def build_minutes(doc: Document, source: S.Source, generator: S.Generator) -> S.Minutes:
    lines = document_lines(doc)
    head, parts, first = split_parts(lines)
    title_lines = [l.text for l in head[:12]]
    at = next((i for i, t in enumerate(title_lines) if any(w in t for w in vocabulary()["minutes"]["titles"])
               or body_pattern().search(t)), None)
    title, raw_title = (title_lines[at], head[at].raw.strip()) if at is not None else (None, None)
    meeting = meeting_of(title_lines, parts, lines)
    agenda = parts.get("agenda", [])
    if first.get("agenda"):
        agenda = [Line(first["agenda"], agenda[0].page if agenda else None)] + agenda
    items = agenda_items(agenda)
    materials = materials_of(parts.get("materials", []), first.get("materials", ""))
    headed = []
    if not items:  # no 議題: the papers for each case (【諮問案件1】…) introduce the items
        items = headed = [it for it in map(_headed_item, materials) if it is not None]
    proceedings = parts.get("proceedings", [])
    if not parts.get("agenda") and not proceedings and not headed:
        proceedings = [l for l in lines if l not in head]
    if not parts.get("agenda") and head and not headed:  # verbatim minutes: no 議題, the proceedings follow the header
        proceedings = proceedings or head[3:]
    items = attach_proceedings(items, proceedings)
    _kinds_the_proceedings_name(items, proceedings)
    attendees = people_of(parts.get("attendees", []), first.get("attendees", ""), first.get("attendees:label", ""))
    out_items = [S.MinutesItem(kind=it.kind, number=it.number or _number_in(it.lines), label=it.label,
                               title=it.title, raw_title=it.raw_title, departments=list(dict.fromkeys(it.departments)),
                               outcome=outcome_of(it.lines), turns=with_roles(turns_of(it.lines), attendees))
                 for it in items]
    if not items and proceedings:
        turns = turns_of(proceedings)
        if turns:
            out_items.append(S.MinutesItem(kind="other", number=None, label=None, title="", departments=[],
                                           outcome=outcome_of(proceedings), turns=turns))
    warnings = [S.Warning(code=w.code, message=w.message, page=w.page) for w in doc.warnings]
    if meeting.date is None:
        warnings.append(S.Warning(code="no_meeting_date", page=None,
                                  message="no line states when the meeting sat (日時・開催日時)"))
    return S.Minutes(generator=generator, source=source, title=title, raw_title=raw_title, meeting=meeting,
                     attendees=attendees,
                     absentees=people_of(parts.get("absentees", []), first.get("absentees", ""),
                                         first.get("absentees:label", "")),
                     materials=materials,
                     items=out_items, warnings=warnings)


def with_roles(turns: list[S.Turn], attendees: list[S.Attendee]) -> list[S.Turn]:
    """A speaker named by post or name (``税務課課長補佐``, ``武市情報公開課長``) has the role the
    attendee list gives that post or person."""
    out = []
    for turn in turns:
        if turn.role is None:
            found = next((a.role for a in attendees if a.role and (
                (a.title and (turn.speaker == a.title or turn.speaker.endswith(a.title)))
                or (a.name and turn.speaker.startswith(a.name)))), None)
            turn = turn.model_copy(update={"role": found}) if found else turn
        out.append(turn)
    return out


def _number_in(lines: list[Line]) -> str | None:
    for l in lines[:3]:
        m = _NUMBER.search(l.text)
        if m:
            return m.group(0)
    return None
