"""Minutes × Minutes → MinutesDiff: what changed between two versions of the minutes of a meeting.

Aligned by meaning, as submissions are: the meeting by attribute, attendees and absentees by name
(by post where no name is given), materials by their text, items by their 諮問 number (by title
where either has none, reworded titles paired above a similarity), then each item's title, kind,
departments, outcome and turns (by position within the item). Minutes mark no changes, so every
change's ``marked`` is null. Paths as in a SubmissionDiff: keys joined by ``/``, escaped as in JSON
Pointer — ``meeting/date``, ``attendees/山田太郎/role``, ``items/諮問第12号/outcome/status``,
``items/諮問第12号/turns/3``.
"""

from __future__ import annotations

from collections import Counter

from .. import schema as S
from ..link import title_similarity
from . import escape
from .segments import text_segments

SAME_ITEM = 0.6  # a reworded item title still pairs above this similarity


class _MinutesDiffer:
    def __init__(self):
        self.changes: list[S.Change] = []

    def value(self, path: str, old, new):
        old = None if old in (None, "", []) else old
        new = None if new in (None, "", []) else new
        if old == new:
            return
        was = None if old is None else (old if isinstance(old, str) else _text(old))
        now = None if new is None else (new if isinstance(new, str) else _text(new))
        if was is None:
            self.changes.append(S.Change(path=path, kind="added", old=None, new=now, segments=[], marked=None))
        elif now is None:
            self.changes.append(S.Change(path=path, kind="removed", old=was, new=None, segments=[], marked=None))
        else:
            segments = text_segments(was, now) if isinstance(old, str) and isinstance(new, str) else []
            self.changes.append(S.Change(path=path, kind="modified", old=was, new=now, segments=segments,
                                         marked=None))

    def people(self, base: str, old: list[S.Attendee], new: list[S.Attendee]):
        a, b = _keyed_people(old), _keyed_people(new)
        for key, person in b.items():
            path = f"{base}/{escape(key)}"
            if key not in a:
                self.value(path, None, _person(person))
            else:
                self.value(f"{path}/role", a[key].role, person.role)
                self.value(f"{path}/title", a[key].title, person.title)
        for key, person in a.items():
            if key not in b:
                self.value(f"{base}/{escape(key)}", _person(person), None)

    def materials(self, old: list[str], new: list[str]):
        a, b = _numbered(old), _numbered(new)
        for key in b:
            if key not in a:
                self.value(f"materials/{escape(key)}", None, key.split("#")[0])
        for key in a:
            if key not in b:
                self.value(f"materials/{escape(key)}", key.split("#")[0], None)

    def items(self, old: list[S.MinutesItem], new: list[S.MinutesItem]):
        pairs, left, right = _pair_items(old, new)
        keys = _item_keys(new)
        for i, j in pairs:
            self.item(f"items/{escape(keys[j])}", old[i], new[j])
        for j in right:
            self.value(f"items/{escape(keys[j])}", None, new[j].title)
        old_keys = _item_keys(old)
        for i in left:
            self.value(f"items/{escape(old_keys[i])}", old[i].title, None)

    def item(self, base: str, a: S.MinutesItem, b: S.MinutesItem):
        self.value(f"{base}/title", a.title, b.title)
        self.value(f"{base}/number", a.number, b.number)
        self.value(f"{base}/kind", a.kind, b.kind)
        self.value(f"{base}/departments", "、".join(a.departments), "、".join(b.departments))
        oa, ob = a.outcome, b.outcome
        self.value(f"{base}/outcome/status", oa and oa.status, ob and ob.status)
        self.value(f"{base}/outcome/text", oa and oa.text, ob and ob.text)
        self.value(f"{base}/outcome/conditions", oa and oa.conditions, ob and ob.conditions)
        for n in range(max(len(a.turns), len(b.turns))):
            was = _turn(a.turns[n]) if n < len(a.turns) else None
            now = _turn(b.turns[n]) if n < len(b.turns) else None
            self.value(f"{base}/turns/{n + 1}", was, now)


def _text(value) -> str:
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def _person(p: S.Attendee) -> str:
    return " ".join(x for x in (p.role, p.title, p.name) if x) or "（名前なし）"


def _turn(t: S.Turn) -> str:
    return f"{t.speaker}：{t.text}"


def _repeat(keys: list[str]) -> list[str]:
    """Keys made unique in order: a repeated one gets ``#2``, ``#3`` …"""
    seen: Counter = Counter()
    out = []
    for k in keys:
        seen[k] += 1
        out.append(k if seen[k] == 1 else f"{k}#{seen[k]}")
    return out


def _keyed_people(people: list[S.Attendee]) -> dict[str, S.Attendee]:
    return dict(zip(_repeat([p.name or p.title or p.role or "_" for p in people]), people))


def _numbered(texts: list[str]) -> dict[str, str]:
    return dict.fromkeys(_repeat(texts))


def _item_keys(items: list[S.MinutesItem]) -> list[str]:
    return _repeat([i.number or i.title for i in items])


def _pair_items(old: list[S.MinutesItem], new: list[S.MinutesItem]):
    """(pairs of indices, old left over, new left over): by number where both have one, then the same
    title, then the most similar title above SAME_ITEM."""
    pairs, left, right = [], list(range(len(old))), list(range(len(new)))

    def take(match):
        for j in list(right):
            found = [i for i in left if match(old[i], new[j])]
            if found:
                best = max(found, key=lambda i: title_similarity(old[i].title, new[j].title))
                pairs.append((best, j))
                left.remove(best)
                right.remove(j)

    take(lambda a, b: bool(a.number and b.number) and a.number == b.number)
    take(lambda a, b: not (a.number and b.number) and a.title == b.title)
    take(lambda a, b: not (a.number and b.number) and title_similarity(a.title, b.title) >= SAME_ITEM)
    return sorted(pairs, key=lambda p: p[1]), left, right


def diff_minutes(old: S.Minutes, new: S.Minutes) -> S.MinutesDiff:
    """Every difference between two versions of minutes (structural first, then text)."""
    d = _MinutesDiffer()
    d.value("title", old.title, new.title)
    for key in S.MinutesMeeting.model_fields:
        d.value(f"meeting/{key}", getattr(old.meeting, key), getattr(new.meeting, key))
    d.people("attendees", old.attendees, new.attendees)
    d.people("absentees", old.absentees, new.absentees)
    d.materials(old.materials, new.materials)
    d.items(old.items, new.items)
    changes = [c for c in d.changes if c.kind != "modified"] + [c for c in d.changes if c.kind == "modified"]
    counts = Counter(c.kind for c in changes)
    return S.MinutesDiff(generator=new.generator, old=old.source, new=new.source, changes=changes,
                         summary=S.MinutesDiffSummary(added=counts["added"], removed=counts["removed"],
                                                      modified=counts["modified"]))
