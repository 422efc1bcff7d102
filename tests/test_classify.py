"""Personal-data items: splitting, subject scoping, classification, accuracy on the evaluation data."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor import extract
from extractor.classify import classify_list
from extractor.classify.evaluate import EVAL, evaluate, load_rows, report
from tests.conftest import SAMPLES


def shape(text):
    return [(i.subject, i.item, i.qualifiers) for i in classify_list(text)]


@pytest.mark.parametrize("text, expected", [
    ("届出人の住所、氏名、続柄、電話番号、資格喪失者の氏名、ふりがな",
     [("届出人", "住所", []), ("届出人", "氏名", []), ("届出人", "続柄", []), ("届出人", "電話番号", []),
      ("資格喪失者", "氏名", []), ("資格喪失者", "ふりがな", [])]),
    # items before any person subject have none; 検査の結果 is one item, not 結果 of 検査
    ("氏名、検査の結果、受診者の住所", [(None, "氏名", []), (None, "検査の結果", []), ("受診者", "住所", [])]),
    # qualifiers in parentheses and 等; a separator inside parentheses does not split
    ("メールアドレス（任意）、相談内容（選択式、自由記述）、手帳の番号等",
     [(None, "メールアドレス", ["任意"]), (None, "相談内容", ["選択式、自由記述"]), (None, "手帳の番号", ["等"])]),
    # ・ splits whole items only; 及び and 並びに split
    ("氏名・住所・年齢及び区内在住・在勤の別並びに在住地・在勤地の住所",
     [(None, "氏名", []), (None, "住所", []), (None, "年齢", []), (None, "区内在住・在勤の別", []),
      (None, "在住地・在勤地の住所", [])]),
    # 法人 is not a person; 同居者の有無 is about whether there is one, not the 同居者's data
    ("法人の名称、代表者の氏名、同居者の有無", [(None, "法人の名称", []), ("代表者", "氏名", []), ("代表者", "同居者の有無", [])]),
    # the subject may hold a の of its own: the longest X that is a person; a person's thing stays the item
    ("保護者の氏名、同居の親族の氏名、所得、世帯主の勤務先の名称",
     [("保護者", "氏名", []), ("同居の親族", "氏名", []), ("同居の親族", "所得", []), ("世帯主", "勤務先の名称", [])]),
])
def test_splitting_and_subject_scoping(text, expected):
    assert shape(text) == expected


@pytest.mark.parametrize("item, category, sensitivity, method", [
    ("個人番号変更歴", "identifier.mynumber", "mynumber", "rule"),
    ("被保険者記号・番号", "identifier.insurance", "identifier", "rule"),
    ("障害の程度", "disability", "special_care", "rule"),
    ("在留資格", "residence.status", "standard", "lexicon"),  # not 要配慮 (PPC guideline)
    ("国籍", "residence.nationality", "standard", "lexicon"),
    ("振り仮名", "identity.kana", "standard", "lexicon"),
    ("フリガナ", "identity.kana", "standard", "lexicon"),
    ("誕生日", "identity.birthdate", "standard", "lexicon"),
    ("携帯電話番号", "contact.phone", "standard", "lexicon"),
    ("勤務先名称", "occupation", "standard", "lexicon"),  # the head noun decides
])
def test_categories_and_sensitivity(item, category, sensitivity, method):
    (got,) = classify_list(item)
    assert (got.category, got.sensitivity, got.method) == (category, sensitivity, method)


def test_an_unseen_item_is_placed_by_similarity_with_its_score():
    (got,) = classify_list("携帯番号")
    assert (got.category, got.method) == ("contact.phone", "similarity")
    assert 0.6 <= got.confidence < 1.0 and got.confidence == round(got.confidence, 3)


def test_similarity_never_makes_an_identifier():
    for text in ("利用目的", "再交付の理由", "証明書の番号"):
        (got,) = classify_list(text)
        assert got.sensitivity not in ("mynumber", "identifier") or got.method == "rule", text


def test_an_unknown_item_is_other_and_reported():
    (got,) = classify_list("趣味")
    assert (got.category, got.method, got.confidence) == ("other", "unknown", 0.0)


def test_accuracy_on_the_evaluation_data():
    category, sensitivity, subject, table = report(evaluate(load_rows(EVAL)))
    print(table)  # per-category accuracy: pytest -s shows it; scripts/eval_classify.py prints it too
    assert len(load_rows(EVAL)) >= 150
    assert sensitivity >= 0.95, table
    assert category >= 0.9, table


@pytest.mark.parametrize("name", ["shinjuku_logo_r6_export.txt", "shinjuku_logo_r6.docx"])
def test_the_seed_procedures_items_subjects_and_sensitivity(name):
    sub = extract(SAMPLES / name)
    loss = sub.procedures[2]
    assert loss.name == "国民健康保険被保険者資格喪失届"
    assert [(i.subject, i.item, i.sensitivity) for i in loss.items] == [
        (None, "現住所", "standard"), (None, "前住所", "standard"), ("世帯主", "名前", "standard"),
        ("世帯主", "電話番号", "standard"), ("届出人", "住所", "standard"), ("届出人", "氏名", "standard"),
        ("届出人", "続柄", "standard"), ("届出人", "電話番号", "standard"), ("資格喪失者", "氏名", "standard"),
        ("資格喪失者", "ふりがな", "standard"), ("資格喪失者", "生年月日", "standard"), ("資格喪失者", "続柄", "standard"),
        ("資格喪失者", "職業", "standard"), ("資格喪失者", "在留資格", "standard"),
        ("資格喪失者", "個人番号", "mynumber"), ("資格喪失者", "個人番号変更歴", "mynumber")]
    assert [i.subject for i in sub.procedures[3].items][8:10] == ["資格取得者", "資格取得者"]
    assert all(i.method != "unknown" for p in sub.procedures for i in p.items)
    assert [lst.location for lst in sub.personal_data] == [
        {"table": "t4", "row": r, "column": "取扱う個人情報項目"} for r in range(4)]
    summary = sub.personal_data_summary
    assert (summary.handles_mynumber, summary.handles_special_care, summary.handles_identifiers) == (True, False, False)
    assert summary.counts == {"mynumber": 4, "special_care": 0, "identifier": 0, "standard": 43}
    assert sub.generator.models == {"ja_ginza": "5.3.0"} and sub.generator.taxonomy_version == "1.0.0"


def test_a_field_that_lists_items_is_an_item_list_and_one_that_refers_is_not():
    sub = extract(SAMPLES / "variant_gothic_marking.docx")
    assert [(lst.location, [i.item for i in lst.items]) for lst in sub.personal_data] == [
        ({"field": "利用する情報項目"}, ["氏名", "住所", "携帯電話番号"])]
    seed = extract(SAMPLES / "shinjuku_logo_r6.docx")
    assert {"field": "結合される情報項目（だれの、どのような項目か）"} not in [lst.location for lst in seed.personal_data]


def test_unclassified_items_are_a_warning(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("件名\t登録について\n利用する情報項目\t氏名、趣味、特技\n", encoding="utf-8")
    sub = extract(path)
    warning = next(w for w in sub.warnings if w.code == "unclassified_items")
    assert "趣味" in warning.message and "特技" in warning.message


def test_ginza_loads_only_for_documents_with_item_lists(tmp_path):
    code = ("import sys; from extractor import extract; "
            "s = extract(sys.argv[1]); print(len(s.personal_data), 'spacy' in sys.modules, s.generator.models)")
    plain = tmp_path / "plain.txt"
    plain.write_text("件名\t会議の開催について\n担当課\t総務課\n", encoding="utf-8")
    without = subprocess.run([sys.executable, "-c", code, str(plain)], capture_output=True, text=True)
    assert without.stdout.split() == ["0", "False", "{}"]
    with_lists = subprocess.run([sys.executable, "-c", code, str(SAMPLES / "shinjuku_logo_r6_previous.docx")],
                                capture_output=True, text=True)
    assert with_lists.stdout.split()[:2] == ["2", "True"]


def test_classify_command_prints_a_table_and_json():
    table = subprocess.run([sys.executable, "-m", "extractor.cli", "classify", "届出人の氏名、個人番号"],
                           capture_output=True, text=True)
    assert table.returncode == 0
    assert "届出人" in table.stdout and "mynumber" in table.stdout
    as_json = subprocess.run([sys.executable, "-m", "extractor.cli", "classify", "--json", "氏名"],
                             capture_output=True, text=True)
    assert json.loads(as_json.stdout)[0]["category"] == "identity.name"
    empty = subprocess.run([sys.executable, "-m", "extractor.cli", "classify", " "], capture_output=True, text=True)
    assert empty.returncode == 2 and "Traceback" not in empty.stderr


def test_the_models_manifest_tells_the_truth_about_the_assets():
    from extractor.assets import MODELS_DIR
    from extractor.classify.taxonomy import load_taxonomy

    manifest = json.loads((MODELS_DIR / "manifest.json").read_text(encoding="utf-8"))
    taxonomy = load_taxonomy()
    assert manifest["taxonomy_version"] == taxonomy.version == manifest["assets"]["taxonomy.json"]["version"]
    assert manifest["assets"]["taxonomy.json"]["entries"] == len(taxonomy.categories)
    for name, entry in manifest["assets"].items():
        path = MODELS_DIR / name
        rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
        if path.suffix == ".tsv":
            header = 1 if name.startswith("eval/") else 0  # the eval files carry a column header
            assert len(rows) - header == entry["entries"], name
        if name == "vocabulary.json":
            vocabulary = json.loads(path.read_text(encoding="utf-8"))
            assert entry["version"] == vocabulary["version"]
            assert entry["entries"] == len([k for k in vocabulary if k not in ("about", "version")])
    listed = {str(p.relative_to(MODELS_DIR)) for p in MODELS_DIR.rglob("*") if p.is_file()} - {"manifest.json"}
    assert listed == set(manifest["assets"]), "every asset in models/ is in the manifest"
