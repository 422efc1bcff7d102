"""Issue 10: minutes and meeting packets — the kind by content, the meeting, attendees, items, outcomes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from extractor import extract
from extractor.schema import Minutes, Packet, Submission
from extractor.structure.minutes import label_of, times_of
from tests.conftest import SAMPLES, SHARED, needs_shared

REAL = SHARED / "realminutes"


def council(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


@pytest.mark.parametrize("line, found", [
    ("1 日時", ("date", "")),
    ("日　　時", ("date", "")),
    ("2 場所   防災センター402・403会議室", ("place", "防災センター402・403会議室")),
    ("名　称　令和6年度第3回青葉区個人情報保護審議会", ("body", "令和6年度第3回青葉区個人情報保護審議会")),
    ("出席者【会長・副会長等】", ("attendees", "【会長・副会長等】")),
    ("(2)欠席委員", ("absentees", "")),
    ("資料を配布した後、事務局から説明があり、委員から意見が出された。議事は次のとおりである。", None),
    ("日時の変更について", None),
])
def test_header_labels_by_what_they_name_spaced_numbered_or_not(line, found):
    assert label_of(line) == found


@pytest.mark.parametrize("text, times", [
    ("午後1時15分から午後2時45分まで", ["13:15", "14:45"]),
    ("午前9時30分~正午", ["09:30", "12:00"]),
    ("午前10時3分開会", ["10:03"]),
    ("14:00～16:30", ["14:00", "16:30"]),
])
def test_meeting_times_read_on_a_24_hour_clock(text, times):
    assert times_of(text) == times


def test_each_sample_is_read_as_the_kind_it_is():
    kinds = {p.name: type(extract(p)) for p in SAMPLES.iterdir() if p.suffix in (".docx", ".txt", ".pdf")}
    assert {n for n, k in kinds.items() if k is Minutes} == {
        "minutes_aoba_r6_3.docx", "minutes_aoba_r6_3.lo.pdf", "minutes_aoba_r6_3.chromium.pdf",
        "minutes_aoba_r6_3_export.txt", "kekka_aoba_r6_3.txt"}
    assert {n for n, k in kinds.items() if k is Packet} == {
        "packet_aoba_r6_3.docx", "packet_aoba_r6_3.lo.pdf", "packet_aoba_r6_3.chromium.pdf"}
    assert all(k is Submission for n, k in kinds.items() if "aoba" not in n)


@pytest.mark.parametrize("name", ["minutes_aoba_r6_3.docx", "minutes_aoba_r6_3_export.txt", "kekka_aoba_r6_3.txt"])
def test_the_minutes_samples_say_the_same_of_their_meeting_in_every_style(name):
    m = extract(SAMPLES / name)
    assert m.meeting.model_dump() == {"body": "青葉区個人情報保護審議会", "fiscal_year": 2024, "session": 3,
                                      "date": "2024-09-12", "start_time": "13:30", "end_time": "15:45",
                                      "place": "青葉区役所本庁舎5階第2委員会室"}
    members = [(a.role, a.name) for a in m.attendees if a.role in ("会長", "副会長", "委員")]
    assert members == [("会長", "山田太郎"), ("副会長", "佐藤花子"), ("委員", "鈴木一郎"), ("委員", "高橋美咲"),
                       ("委員", "田中健二")]
    assert [(a.role, a.name) for a in m.absentees] == [("委員", "渡辺直樹")]
    assert [(i.kind, i.number, i.title, i.outcome.status) for i in m.items] == [
        ("deliberation", "諮問第692号", "児童手当オンライン申請システムに係る外部結合について", "approved"),
        ("deliberation", "諮問第693号", "税務システムの運用保守の業務委託について", "approved_with_conditions"),
        ("deliberation", "諮問第694号", "防犯カメラ映像の警察署への外部提供について", "continued"),
        ("report", None, "令和5年度個人情報保護制度の運用状況について", "acknowledged")]
    assert m.items[1].outcome.conditions == "委託先における研修の実施状況を年1回報告すること。"


def test_speakers_are_turns_with_roles_from_the_attendee_list():
    m = extract(SAMPLES / "minutes_aoba_r6_3.docx")
    assert [i.departments for i in m.items] == [["子育て支援課"], ["税務課"], ["危機管理課"], ["情報政策課"]]
    assert [(t.speaker, t.role) for t in m.items[0].turns] == [
        ("事務局（子育て支援課長）", "事務局"), ("委員", "委員"), ("子育て支援課長", "説明者"), ("会長", "会長")]
    # a name keeps its old form: 髙橋 is another name than 高橋
    assert ("説明者", "危機管理課長", "髙橋進") in [(a.role, a.title, a.name) for a in m.attendees]


def test_a_packet_is_one_submission_per_document_number_with_its_pages():
    for name in ("packet_aoba_r6_3.docx", "packet_aoba_r6_3.lo.pdf"):
        packet = extract(SAMPLES / name)
        assert [(p.submission.meeting.document_number, p.submission.agenda.type) for p in packet.submissions] == [
            ("資料12", "external_connection"), ("資料13", "outsourcing"), ("資料14", "external_provision")]
        assert packet.meeting.body == "青葉区個人情報保護審議会"
    pdf = extract(SAMPLES / "packet_aoba_r6_3.lo.pdf")
    assert [(p.first_page, p.last_page) for p in pdf.submissions] == [(1, 1), (2, 2), (3, 3)]
    assert [p.submission.agenda.departments for p in pdf.submissions] == [
        ["子ども家庭部子育て支援課"], ["区民部税務課"], ["危機管理部危機管理課"]]


def test_extract_says_which_kind_and_diff_refuses_minutes_against_a_submission(tmp_path):
    run = council("extract", SAMPLES / "minutes_aoba_r6_3.docx", "--out-dir", tmp_path)
    assert run.returncode == 0 and "docx minutes," in run.stderr
    assert json.loads((tmp_path / "minutes_aoba_r6_3.docx.json").read_text(encoding="utf-8"))["schema"] == "council-minutes"
    assert "山田" not in run.stderr  # names are personal data: never in the log
    run = council("diff", SAMPLES / "minutes_aoba_r6_3.docx", SAMPLES / "shinjuku_logo_r6.docx")
    assert run.returncode == 2 and "OLD is minutes and NEW a submission" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_batch_writes_a_jsonl_line_per_document_of_every_kind(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    for name in ("minutes_aoba_r6_3_export.txt", "packet_aoba_r6_3.lo.pdf", "variant_gothic_marking.docx"):
        shutil.copy(SAMPLES / name, root)
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    run = council("batch", root, "--out-dir", tmp_path / "out", "--jsonl", tmp_path / "docs.jsonl", "-j", "1")
    assert run.returncode == 1
    lines = [json.loads(l) for l in (tmp_path / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(l["file"], l["kind"], l["status"]) for l in lines] == [
        ("broken.pdf", None, "failed"), ("minutes_aoba_r6_3_export.txt", "minutes", "converted"),
        ("packet_aoba_r6_3.lo.pdf", "packet", "converted"), ("variant_gothic_marking.docx", "submission", "converted")]
    assert lines[2]["pages"] == 3 and lines[2]["counts"]["submissions"] == 3
    assert lines[1]["counts"]["items"] == 4 and lines[1]["about"] == "FY2024 #3 青葉区個人情報保護審議会 2024-09-12"
    assert "山田" not in run.stderr


# -- real published minutes (../shared/realminutes): read as a user would, checked against the page --

REAL_MEETINGS = {
    "komae_20210802_shingikai_kaigiroku.txt": dict(
        body=None, fiscal_year=2021, session=None, date="2021-08-02", start_time="13:15", end_time="14:45",
        place="防災センター402・403会議室"),
    "nagaokakyo_h29_01_unei_shingikai.txt": dict(
        body="情報公開・個人情報保護運営審議会", fiscal_year=2017, session=1, date="2018-01-29", start_time="09:30",
        end_time="12:00", place="長岡京市役所大会議室B"),
    "tokyo_metro_030_shingikai_gijiroku.txt": dict(
        body="東京都情報公開・個人情報保護審議会", fiscal_year=2005, session=30, date="2006-02-07",
        start_time="10:03", end_time=None, place="東京都庁第一本庁舎42階特別会議室B"),
    "kanagawa_pref_047_shingikai_kekka.txt": dict(
        body="神奈川県情報公開・個人情報保護審議会", fiscal_year=2018, session=47, date="2019-03-19",
        start_time="14:00", end_time="16:30", place="神奈川県庁新庁舎議会第4会議室"),
}


@needs_shared(REAL)
@pytest.mark.parametrize("name", sorted(REAL_MEETINGS))
def test_real_minutes_give_their_meeting(name):
    m = extract(REAL / name)
    assert isinstance(m, Minutes)
    assert m.meeting.model_dump() == REAL_MEETINGS[name]


@needs_shared(REAL)
def test_real_minutes_give_attendees_by_role_and_items_by_kind():
    komae = extract(REAL / "komae_20210802_shingikai_kaigiroku.txt")
    roles = [a.role for a in komae.attendees]
    assert roles == ["会長", "副会長", "委員", "委員", "委員"] + ["事務局"] * 4 + ["説明者"] * 5
    assert all(a.name and a.title for a in komae.attendees if a.role in ("事務局", "説明者"))
    assert [(i.kind, i.label) for i in komae.items] == [("deliberation", None), ("report", "ア"), ("report", "イ"),
                                                        ("report", "ウ")]
    assert [t.role for t in komae.items[0].turns[:3]] == ["担当課", "委員", "担当課"]
    nagaokakyo = extract(REAL / "nagaokakyo_h29_01_unei_shingikai.txt")
    assert [a.role for a in nagaokakyo.attendees].count("委員") == 9
    assert [a.role for a in nagaokakyo.attendees].count("事務局") == 6
    assert all(a.title for a in nagaokakyo.attendees if a.role == "事務局")
    kanagawa = extract(REAL / "kanagawa_pref_047_shingikai_kekka.txt")
    assert [(a.role, a.name is None) for a in kanagawa.attendees if a.role] == [
        ("副会長", False), ("会長", False), ("事務局", True)]
    assert [i.label for i in kanagawa.items] == ["1", "2", "3", "4", "5"]
    assert kanagawa.items[1].kind == "deliberation"  # …の取扱いについて(諮問)
    tokyo = extract(REAL / "tokyo_metro_030_shingikai_gijiroku.txt")
    assert [(t.speaker, t.role) for t in tokyo.items[0].turns] == [("堀部会長", "会長"), ("武市情報公開課長", None)]


def test_link_matches_each_minutes_item_to_the_submission_it_decided(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    for name in ("minutes_aoba_r6_3.docx", "kekka_aoba_r6_3.txt", "packet_aoba_r6_3.lo.pdf", "shinjuku_logo_r6.docx"):
        shutil.copy(SAMPLES / name, root)
    assert council("batch", root, "--out-dir", tmp_path / "out", "-q").returncode == 0
    run = council("link", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    links = json.loads((tmp_path / "out" / "links.json").read_text(encoding="utf-8"))
    found = [(l["minutes"], l["item"], l["submission"], l["part"], l["outcome"]) for l in links["links"]]
    for minutes in ("kekka_aoba_r6_3.txt.json", "minutes_aoba_r6_3.docx.json"):
        assert [f[1:] for f in found if f[0] == minutes] == [
            (0, "packet_aoba_r6_3.lo.pdf.json", 0, "approved"),
            (1, "packet_aoba_r6_3.lo.pdf.json", 1, "approved_with_conditions"),
            (2, "packet_aoba_r6_3.lo.pdf.json", 2, "continued")]
    full = next(l for l in links["links"] if l["minutes"] == "minutes_aoba_r6_3.docx.json" and l["item"] == 0)
    assert full["how"] == ["title", "document_number", "meeting"] and not full["ambiguous"]
    # the report has no submission; the Shinjuku submission was decided at no meeting of this archive
    assert [(u["minutes"], u["item"]) for u in links["unmatched_items"]] == [
        ("kekka_aoba_r6_3.txt.json", 3), ("minutes_aoba_r6_3.docx.json", 3)]
    assert [u["submission"] for u in links["unmatched_submissions"]] == ["shinjuku_logo_r6.docx.json"]
    assert council("link", tmp_path / "nowhere").returncode == 2


def test_link_counts_renderings_of_one_document_once(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    for name in ("minutes_aoba_r6_3.docx", "minutes_aoba_r6_3.lo.pdf", "packet_aoba_r6_3.docx",
                 "packet_aoba_r6_3.lo.pdf"):
        shutil.copy(SAMPLES / name, root)
    assert council("batch", root, "--out-dir", tmp_path / "out", "-q").returncode == 0
    run = council("link", tmp_path / "out", "-o", "-")
    assert run.returncode == 0, run.stderr
    links = json.loads(run.stdout)
    assert [(l["minutes"], l["renderings"], l["item"], l["submission"], l["part"], l["submission_renderings"],
             l["ambiguous"]) for l in links["links"]] == [
        ("minutes_aoba_r6_3.docx.json", ["minutes_aoba_r6_3.lo.pdf.json"], i, "packet_aoba_r6_3.docx.json", i,
         [f"packet_aoba_r6_3.lo.pdf.json#{i}"], False) for i in range(3)]
    assert [(u["minutes"], u["item"]) for u in links["unmatched_items"]] == [("minutes_aoba_r6_3.docx.json", 3)]
    assert links["unmatched_submissions"] == []


def test_link_over_documents_says_it_reads_a_batch_and_writes_nothing(tmp_path):
    root = tmp_path / "documents"
    root.mkdir()
    for name in ("minutes_aoba_r6_3.docx", "packet_aoba_r6_3.docx"):
        shutil.copy(SAMPLES / name, root)
    run = council("link", root)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and f"council batch {root} --out-dir OUT" in run.stderr
    assert "2 documents" in run.stderr and "[not_a_batch_output]" in run.stderr
    assert sorted(p.name for p in root.iterdir()) == ["minutes_aoba_r6_3.docx", "packet_aoba_r6_3.docx"]
    empty = tmp_path / "empty"
    empty.mkdir()
    run = council("link", empty)
    assert run.returncode == 2 and "no council JSON" in run.stderr and not list(empty.iterdir())
