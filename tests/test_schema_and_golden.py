"""The committed JSON Schema matches the models; every sample's JSON matches its golden file and the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from extractor import extract
from extractor.schema import json_schema_text, to_json
from tests.conftest import GOLDEN, ROOT, SAMPLES

SCHEMA_FILE = ROOT / "extractor" / "submission.schema.json"
SCHEMA_FILES = {"council-submission": SCHEMA_FILE, "council-minutes": ROOT / "extractor" / "minutes.schema.json",
                "council-packet": ROOT / "extractor" / "packet.schema.json"}
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".txt", ".xlsx"))


def test_committed_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "extractor/submission.schema.json is stale: run `council schema -o extractor/submission.schema.json`")


@pytest.mark.parametrize("kind", ["minutes", "packet"])
def test_committed_minutes_and_packet_schemas_are_the_generated_ones(kind):
    path = ROOT / "extractor" / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == json_schema_text(kind=kind), (
        f"{path.name} is stale: run `council schema --kind {kind} -o extractor/{path.name}`")


def test_the_samples_hold_every_kind_of_output():
    kinds = {json.loads(to_json(extract(p)))["schema"] for p in SAMPLE_FILES}
    assert kinds == set(SCHEMA_FILES)


def test_there_are_samples_of_each_readable_format():
    assert {p.suffix for p in SAMPLE_FILES} == {".docx", ".txt", ".xlsx"}


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_matches_golden_and_validates(sample: Path, update_golden):
    produced = json.loads(to_json(extract(sample)))
    jsonschema.validate(produced, json.loads(SCHEMA_FILES[produced["schema"]].read_text(encoding="utf-8")))
    golden = GOLDEN / f"{sample.name}.json"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(produced, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.exists(), f"{golden.name} is missing: run pytest with --update-golden on purpose and review it"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    # compared as parsed JSON, except the tool version, which moves with every release
    produced["generator"].pop("version")
    expected["generator"].pop("version")
    assert produced == expected


def test_docx_sample_has_the_contract_content():
    """What issue 2 asks of the .docx sample, stated outright rather than only through the golden file."""
    sub = extract(SAMPLES / "shinjuku_logo_r6.docx")
    assert sub.title == "LoGoフォームの利用に係る外部結合について（手続の追加）"
    keys = [f.key for f in sub.fields if f.section and f.section.startswith("件名 新たな")]
    assert keys == ["保有課（担当課）", "登録業務の名称", "結合される情報項目（だれの、どのような項目か）", "結合の相手方",
                    "結合する理由", "結合の形態", "結合の開始時期と期間", "情報保護対策"]
    procedures = next(t for t in sub.tables if t.caption == "【資料46-1】 【追加手続及び情報項目】")
    assert procedures.header == ["No", "担当課", "手続名（登録業務名）", "取扱う個人情報項目", "付議内容"]
    # 医療保険年金課 is merged over procedures 3 and 4: once, with its span
    assert [(c.text, c.row_span) for c in procedures.rows[2][:2]] == [("3", 1), ("医療保険年金課", 2)]
    assert [c.col for c in procedures.rows[3]] == [0, 2, 3, 4]
    checklists = [t for t in sub.tables if t.caption == "4 外部結合にかかる個人情報保護対策チェックリスト"]
    assert [[c.row_span for c in t.rows[0][:1]] for t in checklists] == [[5], [5]]
    assert [m.text for m in sub.marked_changes] == [
        "、医療保険年金課", "追加する手続（登録業務）は、資料46-1のとおり", "追加する手続ごとの情報項目は、資料46-1のとおり",
        "令和6年12月20日"]
    period = next(f for f in sub.fields if f.key == "結合の開始時期と期間")
    assert (period.marked, period.marked_text, period.dates) == (True, ["令和6年12月20日"], ["2024-12-20", "2025-03-31"])
    assert sub.change_marking.reference == "令和6年度第7回新宿区個人情報保護管理運営会議承認済"


def test_text_export_and_docx_agree_on_every_field():
    """The .docx reproduction and the real export of the same submission: same title, same fields."""
    docx_sub = extract(SAMPLES / "shinjuku_logo_r6.docx")
    text_sub = extract(SAMPLES / "shinjuku_logo_r6_export.txt")
    assert docx_sub.title == text_sub.title
    assert [(f.key, f.value, f.dates, f.refers_to) for f in docx_sub.fields] == [
        (f.key, f.value, f.dates, f.refers_to) for f in text_sub.fields]
    assert len(docx_sub.fields) == 16
    # the export carries no styles: unknown, never "unmarked"
    assert all(f.marked is None for f in text_sub.fields)
    assert any(f.marked for f in docx_sub.fields)


# -- every kind's schema: published as draft 2020-12 under one URI scheme, every property described ------

from extractor.schema import KINDS, SCHEMA_BASE, json_schema  # noqa: E402

KIND_FILES = {kind: ROOT / "extractor" / f"{kind}.schema.json" for kind in KINDS}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_its_committed_schema_draft_2020_12_with_a_uri_id(kind):
    path = KIND_FILES[kind]
    assert path.exists() and path.read_text(encoding="utf-8") == json_schema_text(kind=kind), (
        f"{path.name} is stale: run `council schema --kind {kind} -o extractor/{path.name}`")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{SCHEMA_BASE}/council-{kind}/{KINDS[kind][1]}.json"
    assert schema["$id"].startswith("https://council-extractor.invalid/schema/")
    jsonschema.Draft202012Validator.check_schema(schema)


def _undescribed(schema: dict) -> list[str]:
    out = []
    for where, node in [("", schema)] + [(name, d) for name, d in schema.get("$defs", {}).items()]:
        for prop, spec in node.get("properties", {}).items():
            if not spec.get("description"):
                out.append(f"{where or schema['title']}.{prop}")
    return out


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_property_is_described(kind):
    assert _undescribed(json_schema(kind)) == []


@pytest.fixture(scope="module")
def real_outputs(tmp_path_factory):
    """A batch (with --jsonl and a file it does not read), its links and a diff of each kind."""
    import shutil
    import subprocess
    import sys

    from extractor.diff import diff
    from extractor.diff.minutes import diff_minutes

    tmp = tmp_path_factory.mktemp("outputs")
    root = tmp / "archive"
    root.mkdir()
    for name in ("minutes_aoba_r6_3.docx", "minutes_aoba_r6_3_export.txt", "packet_aoba_r6_3.docx"):
        shutil.copy(SAMPLES / name, root)
    (root / "notes.md").write_text("not a document\n", encoding="utf-8")

    def council(*args):
        return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)

    out = tmp / "out"
    run = council("batch", root, "--out-dir", out, "--jsonl", tmp / "records.jsonl", "-q", "--allow-not-read")
    assert run.returncode == 0, run.stderr
    assert council("link", out).returncode == 0
    minutes = [extract(SAMPLES / n) for n in ("minutes_aoba_r6_3.docx", "minutes_aoba_r6_3_export.txt")]
    subs = [extract(SAMPLES / n) for n in ("shinjuku_logo_r6_previous.docx", "shinjuku_logo_r6.docx")]
    return {"batch-manifest": [json.loads((out / "batch-manifest.json").read_text(encoding="utf-8"))],
            "batch-record": [json.loads(line) for line in (tmp / "records.jsonl").read_text(encoding="utf-8").splitlines()],
            "links": [json.loads((out / "links.json").read_text(encoding="utf-8"))],
            "minutes-diff": [json.loads(to_json(diff_minutes(*minutes)))],
            "submission-diff": [json.loads(to_json(diff(*subs)))],
            "packet": [json.loads((out / "packet_aoba_r6_3.docx.json").read_text(encoding="utf-8"))]}


@pytest.mark.parametrize("kind", ["batch-manifest", "batch-record", "links", "minutes-diff", "submission-diff", "packet"])
def test_real_outputs_validate_against_their_committed_schema(kind, real_outputs):
    schema = json.loads(KIND_FILES[kind].read_text(encoding="utf-8"))
    outputs = real_outputs[kind]
    assert outputs
    for output in outputs:
        jsonschema.validate(output, schema)
    if kind == "batch-record":
        assert {r["status"] for r in outputs} == {"converted", "not_read"}
    if kind == "links":
        assert outputs[0]["links"] and outputs[0]["links"][0]["renderings"]
