"""Issue 22 item 3: ``council link DIR`` reads the catalogue (DIR/catalogue.sqlite, brought up to date
first) instead of parsing every JSON, and links exactly as a full read of the JSON does."""

from __future__ import annotations

import json
import pathlib
import shutil
import sqlite3
import subprocess
import sys

import pytest

from extractor import link
from extractor.catalogue import CATALOGUE
from extractor.errors import CorruptDocument
from tests.conftest import SAMPLES


def council(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """A batch of minutes (two renderings and a results notice), a packet (two renderings) and a lone
    submission: links with a 資料 number, renderings grouped, an item and a submission left over."""
    root, out = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("out")
    for name in ("minutes_aoba_r6_3.docx", "minutes_aoba_r6_3.lo.pdf", "kekka_aoba_r6_3.txt", "packet_aoba_r6_3.docx",
                 "packet_aoba_r6_3.lo.pdf", "shinjuku_logo_r6.docx", "variant_city_outsourcing.docx"):
        shutil.copy(SAMPLES / name, root)
    run = council("batch", root, "--out-dir", out, "-q")
    assert run.returncode == 0, run.stderr
    return out


def full_read(root, monkeypatch):
    """The links as a full read of every JSON gives them (the catalogue not used)."""
    with monkeypatch.context() as m:
        m.setattr(link, "load_catalogue", lambda root: None, raising=False)  # (old code: no such step)
        return link.link_archive(root)


@pytest.fixture
def copy(out, tmp_path):
    target = tmp_path / "out"
    shutil.copytree(out, target)  # copy2: the outputs keep their times, so the catalogue knows them
    return target


def test_links_from_the_catalogue_are_those_of_a_full_read(copy, monkeypatch):
    loaded = link.load_catalogue(copy)
    assert loaded is not None and loaded[0] and loaded[1]
    expected = full_read(copy, monkeypatch)
    assert link.link_archive(copy) == expected
    assert expected["links"] and expected["unmatched_items"] and expected["unmatched_submissions"]
    assert any(l["renderings"] for l in expected["links"]) and any(l["submission_renderings"] for l in expected["links"])
    assert any("document_number" in l["how"] for l in expected["links"])


def _reads(monkeypatch, root):
    """Spy on the reading of the outputs' bytes: the JSON files under ``root`` read, by relative path."""
    read = []
    for name in ("read_bytes", "read_text"):
        original = getattr(pathlib.Path, name)

        def spy(self, *args, _original=original, **kwargs):
            if self.suffix == ".json" and root in self.parents:
                read.append(self.relative_to(root).as_posix())
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, name, spy)
    return read


def test_unchanged_outputs_are_not_read_again_and_a_changed_one_is(copy, monkeypatch):
    expected = full_read(copy, monkeypatch)
    link.link_archive(copy)  # the catalogue up to date
    read = _reads(monkeypatch, copy)
    assert link.link_archive(copy) == expected
    assert read == []  # not one output parsed: what scoring needs came from the catalogue
    # the lone submission now says it is item 0's: only that file is read again, and it is linked
    path = copy / "shinjuku_logo_r6.docx.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    minutes = json.loads((copy / "minutes_aoba_r6_3.docx.json").read_text(encoding="utf-8"))
    data["title"] = minutes["items"][3]["title"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    read.clear()
    got = link.link_archive(copy)
    assert read == ["shinjuku_logo_r6.docx.json"]
    monkeypatch.undo()
    assert got == full_read(copy, monkeypatch) != expected
    assert any(l["submission"] == "shinjuku_logo_r6.docx.json" for l in got["links"])


def test_link_builds_the_catalogue_when_there_is_none_and_rebuilds_an_older_one(copy, monkeypatch):
    expected = full_read(copy, monkeypatch)
    (copy / CATALOGUE).unlink()
    run = council("link", copy, "-q")
    assert run.returncode == 0, run.stderr
    assert (copy / CATALOGUE).exists()
    assert json.loads((copy / "links.json").read_text(encoding="utf-8")) == expected
    with sqlite3.connect(copy / CATALOGUE) as con:  # as a catalogue of version 2 left it: none of link's columns
        con.execute("UPDATE meta SET value = '2' WHERE key = 'version'")
        con.execute("UPDATE documents SET meeting = NULL, agenda = NULL, materials = NULL")
    con.close()
    assert link.link_archive(copy) == expected


def test_a_folder_whose_catalogue_cannot_be_written_is_read_in_full(copy, monkeypatch):
    expected = full_read(copy, monkeypatch)
    import extractor.catalogue

    def refuse(root):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(extractor.catalogue, "index_archive", refuse)
    assert link.load_catalogue(copy) is None
    assert link.link_archive(copy) == expected


def test_a_broken_json_is_refused_as_before_and_a_folder_without_batch_json_is_left_as_it_was(copy, tmp_path):
    (copy / "broken.json").write_text('{"schema": "council-minutes", ', encoding="utf-8")
    with pytest.raises(CorruptDocument) as caught:
        link.link_archive(copy)
    assert (caught.value.path, caught.value.message) == ("broken.json", "not a JSON file (JSONDecodeError)")
    run = council("link", copy)
    assert run.returncode == 2 and "broken.json" in run.stderr and "not a JSON file (JSONDecodeError)" in run.stderr
    other = tmp_path / "other"
    other.mkdir()
    (other / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    run = council("link", other)
    assert run.returncode == 2 and "no council JSON" in run.stderr
    assert sorted(p.name for p in other.iterdir()) == ["package.json"]
