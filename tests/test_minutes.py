"""Issue 10: minutes and meeting packets — the kind by content, the meeting, attendees, items, outcomes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from extractor import extract
from extractor.schema import Minutes, Packet, Submission
from extractor.structure.minutes import Line, agenda_items, document_lines, label_of, people_of, times_of
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


@pytest.mark.parametrize("text, times", [
    ("午後1時30分∼午後3時", ["13:30", "15:00"]),  # ∼ U+223C between the two
    ("13時30分∼15時45分", ["13:30", "15:45"]),
    ("午前10時00分~", ["10:00"]),  # open-ended: the end is not said
    ("午後1時から3時30分まで", ["13:00", "15:30"]),  # the end in the afternoon the start is in
    ("午前9時から11時まで", ["09:00", "11:00"]),
])
def test_meeting_times_with_any_dash_open_or_with_the_half_of_day_once(text, times):
    assert times_of(text) == times


def _lines(*texts):
    return [Line(t, 1) for t in texts]


def _minutes_of_text(text, tmp_path, name="m.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("pieces, found", [
    (["名", "称", "みどり市個人情報保護審議会"], ("body", "")),
    (["日", "時 令和5年11月6日（月）午前10時から"], ("date", "令和5年11月6日（月）午前10時から")),
    (["1 場", "所", "第1会議室"], ("place", "")),
    (["出席", "委員", "会長 森 一郎"], ("attendees", "")),
    (["出", "席", "委", "員"], ("attendees", "")),
])
def test_a_label_a_narrow_cell_broke_over_lines_is_one_label(pieces, found, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("\n".join(pieces) + "\n", encoding="utf-8")
    from extractor.readers import read_document
    from extractor.limits import DEFAULT
    lines = document_lines(read_document(path, password=None, limits=DEFAULT))
    assert label_of(lines[0].raw) == found


def test_short_lines_that_spell_no_label_stay_apart(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("名\n簿\n日\n時間\n", encoding="utf-8")
    from extractor.readers import read_document
    from extractor.limits import DEFAULT
    assert [l.raw for l in document_lines(read_document(path, password=None, limits=DEFAULT))] == ["名", "簿", "日", "時間"]


def test_a_header_broken_in_narrow_cells_still_gives_the_meeting(tmp_path):
    m = _minutes_of_text("第2回みどり市個人情報保護審議会 会議録\n名\n称\nみどり市個人情報保護審議会\n日\n時\n"
                         "令和5年11月6日（月）13時30分∼15時\n場\n所\n市役所3階 第1会議室\n出席\n委員\n"
                         "会長 森 一郎\n林 二郎\n", tmp_path)
    assert isinstance(m, Minutes)
    assert (m.meeting.body, m.meeting.date, m.meeting.start_time, m.meeting.end_time, m.meeting.place) == (
        "みどり市個人情報保護審議会", "2023-11-06", "13:30", "15:00", "市役所3階第1会議室")
    assert [(a.role, a.name) for a in m.attendees] == [("会長", "森一郎"), ("委員", "林二郎")]


def test_minutes_whose_labels_stand_before_their_values_on_one_line_are_minutes(tmp_path):
    # と き / ところ, the label then its value: the kind is chosen on the lines as written
    m = _minutes_of_text("みどり市個人情報保護審議会 部会議事録\n1 と き 令和5年11月6日（月）午前10時から午前11時30分まで\n"
                         "2 ところ 市役所3階 第1会議室\n3 出席者 田中部会長、森委員、林委員\n4 議題\n"
                         "(1) 図書館システムの更新に伴う外部結合について（新規諮問）\n(2) その他\n"
                         "※議題はすべて公開\n5 議事概要\n(1) 図書館システムの更新に伴う外部結合について（新規諮問）\n", tmp_path)
    assert isinstance(m, Minutes)
    assert (m.meeting.date, m.meeting.start_time, m.meeting.end_time, m.meeting.place) == (
        "2023-11-06", "10:00", "11:30", "市役所3階第1会議室")
    assert [(a.role, a.name) for a in m.attendees] == [("部会長", "田中"), ("委員", "森"), ("委員", "林")]
    assert [(i.kind, i.label, i.title) for i in m.items] == [
        ("deliberation", "1", "図書館システムの更新に伴う外部結合について"), ("other", "2", "その他")]


def test_a_group_role_carries_down_the_list_until_the_next_role():
    people = people_of(_lines("委員 森 一郎", "事務局 総務部長 青木 一郎", "    総務課長 石井 二郎",
                              "    総務課主事 上野 三郎", "説明者 福祉部福祉課長 江藤 四郎", "    福祉課主査 小田 五郎"))
    assert [(p.role, p.title) for p in people] == [
        ("委員", None), ("事務局", "総務部長"), ("事務局", "総務課長"), ("事務局", "総務課主事"),
        ("説明者", "福祉部福祉課長"), ("説明者", "福祉課主査")]


@pytest.mark.parametrize("lines, label, roles", [
    (["会長 森 一郎", "林 二郎", "川上 三郎"], "出席委員", ["会長", "委員", "委員"]),
    (["委員", "副会長 森 一郎", "林 二郎"], "出席者", ["副会長", "委員"]),
    (["委員 会長 森 一郎", "委員 林 二郎"], "出席者", ["会長", "委員"]),
    (["林 二郎", "森 一郎（会長）"], "出席委員", ["委員", "会長"]),
    (["森部会長、林委員、川上委員"], "出席者", ["部会長", "委員", "委員"]),
])
def test_a_post_one_person_holds_is_that_line_s_role_only(lines, label, roles):
    people = people_of(_lines(*lines), "", label)
    assert [p.role for p in people] == roles
    assert all(p.name and p.title is None for p in people)


def test_a_file_link_of_the_web_page_is_no_attendee():
    people = people_of(_lines("委員 森 一郎", "事務局 総務課長 石井 二郎", "会議資料.pdf [1373KB pdfファイル]",
                              "次第 [Wordファイル/27KB]"))
    assert [p.name for p in people] == ["森一郎", "石井二郎"]


def test_a_materials_label_with_a_long_file_name_and_its_size_is_a_label():
    assert label_of("4 資料 令和5年11月6日開催みどり市個人情報保護審議会資料.pdf [11515KB pdfファイル]")[0] == "materials"


def test_a_wrapped_item_title_is_joined_and_a_repeated_end_adds_nothing():
    items = agenda_items(_lines("(1)諮問事項", "ア 健診事業の委託に伴う保有個人情報の外部提供及び外部提供",
                                "に係る通知の要否について", "イ 図書館システムの更新について", "に係る経費について",
                                "ウ 学齢簿の目的外利用について", "の目的外利用について", "(2)報告事項", "ア 運用状況について"))
    assert [(i.kind, i.label, i.title) for i in items] == [
        ("deliberation", "ア", "健診事業の委託に伴う保有個人情報の外部提供及び外部提供に係る通知の要否について"),
        ("deliberation", "イ", "図書館システムの更新についてに係る経費について"),
        ("deliberation", "ウ", "学齢簿の目的外利用について"), ("report", "ア", "運用状況について")]


@pytest.mark.parametrize("lines", [
    ["諮問第692号 児童手当の外部結合について", "諮問第10号 税務システムの業務委託について"],
    ["（諮問第692号）児童手当の外部結合について", "（諮問第10号）税務システムの業務委託について"],
    ["1 児童手当の外部結合について（諮問第692号）", "2 税務システムの業務委託について（諮問第10号）"],
    ["諮問第692号", "児童手当の外部結合に", "ついて", "諮問第10号", "税務システムの", "業務委託について"],
])
def test_items_numbered_as_consultations_in_the_header(lines):
    items = agenda_items(_lines(*lines))
    assert [(i.kind, i.number, i.title) for i in items] == [
        ("deliberation", "諮問第692号", "児童手当の外部結合について"),
        ("deliberation", "諮問第10号", "税務システムの業務委託について")]


def test_bracketed_case_headings_over_the_papers_introduce_the_items_where_there_is_no_agenda(tmp_path):
    m = _minutes_of_text("令和5年度 第2回 みどり市個人情報保護審議会\n日時\n令和5年11月6日（月）午後2時~\n場所\n"
                         "市役所 第1会議室\n出席者\n委員\n森 一郎\n配布資料\n○ 事前送付\n・【諮問案件1】（福祉課）\n"
                         "介護認定調査の委託に伴う\n個人情報の外部提供について\n・【諮問案件2】（事務局）\n"
                         "市民意識調査のための目的外利用について\n・【報告案件】（税務課）\n課税台帳の運用状況について\n"
                         "・（参考資料）審議会答申集\n", tmp_path)
    assert (m.meeting.start_time, m.meeting.end_time) == ("14:00", None)
    assert [(i.kind, i.label, i.title, i.departments, i.outcome) for i in m.items] == [
        ("deliberation", "1", "介護認定調査の委託に伴う個人情報の外部提供について", ["福祉課"], None),
        ("deliberation", "2", "市民意識調査のための目的外利用について", ["事務局"], None),
        ("report", None, "課税台帳の運用状況について", ["税務課"], None)]
    assert len(m.materials) == 4


def test_an_item_takes_the_kind_the_proceedings_call_it_by(tmp_path):
    m = _minutes_of_text("第9回みどり県個人情報保護審議会審議結果\n開催日時\n令和5年7月3日（月）午後2時から午後4時まで\n"
                         "開催場所\n県庁 第2会議室\n審議(会議)経過\n1 保有個人情報の登録について\n2 防犯カメラの運用状況について\n"
                         "3 条例の改正について\n会議記録\n1 保有個人情報の登録について\n(森会長)\n"
                         " はじめに、審議事項「1 保有個人情報の登録について」を審議する。\n2 防犯カメラの運用状況について\n"
                         "(森会長)\n 次に、報告事項「防犯カメラの運用状況について」の報告を受ける。\n", tmp_path)
    # the third is called by no kind: unknown, as it was
    assert [i.kind for i in m.items] == ["deliberation", "report", "other"]


@pytest.mark.parametrize("line, found", [
    ("    委  員  公用車の映像は提供するのか。", ("委員", "公用車の映像は提供するのか。")),
    ("実施機関　条例に基づき対応する。", ("実施機関", "条例に基づき対応する。")),
    ("事務局    資料により説明する。", ("事務局", "資料により説明する。")),
    ("委員 森 一郎", None),  # one space: a role before a name, no turn
    ("総務課長  石井 二郎", None),  # a post is no role word
])
def test_a_speaker_set_off_from_the_words_by_a_wide_gap(line, found):
    from extractor.structure.minutes import _is_speaker_line
    assert _is_speaker_line(line) == found


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
    assert lines[1]["counts"]["items"] == 4 and lines[1]["about"] == {
        "title": "令和6年度第3回青葉区個人情報保護審議会会議録", "raw_title": "令和6年度第3回青葉区個人情報保護審議会 会議録",
        "body": "青葉区個人情報保護審議会", "fiscal_year": 2024, "session": 3, "date": "2024-09-12"}
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
    "kanagawa_pref_048_shingikai_kekka.txt": dict(
        body="神奈川県情報公開・個人情報保護審議会", fiscal_year=2019, session=48, date="2019-05-27",
        start_time="14:10", end_time="16:10", place="横浜情報文化センター7階大会議室"),
    # the komae pages begin at 1 日時: no line names the council, so no body is given
    "komae_20171017_shingikai_kaigiroku.txt": dict(
        body=None, fiscal_year=2017, session=None, date="2017-10-17", start_time="13:15", end_time="14:45",
        place="防災センター401会議室"),
    "komae_20180417_shingikai_kaigiroku.txt": dict(
        body=None, fiscal_year=2018, session=None, date="2018-04-17", start_time="13:15", end_time="16:20",
        place="第一委員会室"),
    "komae_20181016_shingikai_kaigiroku.txt": dict(
        body=None, fiscal_year=2018, session=None, date="2018-10-16", start_time="13:15", end_time="15:25",
        place="第一委員会室"),
    "komae_20190422_shingikai_kaigiroku.txt": dict(
        body=None, fiscal_year=2019, session=None, date="2019-04-22", start_time="13:15", end_time="15:40",
        place="防災センター402会議室"),
    "komae_20200123_shingikai_kaigiroku.txt": dict(
        body=None, fiscal_year=2019, session=None, date="2020-01-23", start_time="13:15", end_time="15:00",
        place="第1委員会室"),
    # a 部会 of the council (と き / ところ): the council is its body
    "osaka_pref_20171124_shingikai_bukai_gijiroku.txt": dict(
        body="大阪府個人情報保護審議会", fiscal_year=2017, session=None, date="2017-11-24", start_time="15:00",
        end_time="16:25", place="大阪府庁新別館北館1階会議室兼防災活動スペース1"),
}

_MEMBERS = {"会長": 1, "副会長": 1, "委員": 4}
# attendees by role and items by (kind, label), as each excerpt lists them
REAL_ROLES = {
    "komae_20171017_shingikai_kaigiroku.txt": {**_MEMBERS, "事務局": 4, "説明者": 5},
    "komae_20180417_shingikai_kaigiroku.txt": {**_MEMBERS, "事務局": 4, "説明者": 14},
    "komae_20181016_shingikai_kaigiroku.txt": {**_MEMBERS, "事務局": 4, "説明者": 6},
    "komae_20190422_shingikai_kaigiroku.txt": {**_MEMBERS, "事務局": 4, "説明者": 4},
    "komae_20200123_shingikai_kaigiroku.txt": {**_MEMBERS, "事務局": 4, "説明者": 2},
    "komae_20210802_shingikai_kaigiroku.txt": {**_MEMBERS, "委員": 3, "事務局": 4, "説明者": 5},
    "nagaokakyo_h29_01_unei_shingikai.txt": {"委員": 9, "事務局": 6, "諮問及び案件関係部署": 3},
    "kanagawa_pref_047_shingikai_kekka.txt": {None: 6, "副会長": 1, "会長": 1, "事務局": 1},
    "kanagawa_pref_048_shingikai_kekka.txt": {None: 7, "副会長": 1, "会長": 1, "事務局": 1},
    "osaka_pref_20171124_shingikai_bukai_gijiroku.txt": {"部会長": 1, "委員": 4},
    "tokyo_metro_030_shingikai_gijiroku.txt": {},  # the excerpt lists no one; two speak
}
_D, _R, _O = "deliberation", "report", "other"
REAL_ITEMS = {
    "komae_20171017_shingikai_kaigiroku.txt": [(_D, "ア"), (_D, "イ"), (_R, "ア"), (_R, "イ"), (_R, "ウ")],
    "komae_20180417_shingikai_kaigiroku.txt": [(_D, "ア"), (_D, "イ"), (_D, "ウ"), (_D, "エ")],
    "komae_20181016_shingikai_kaigiroku.txt": [(_D, "ア"), (_D, "イ"), (_D, "ウ"), (_R, "ア"), (_R, "イ")],
    "komae_20190422_shingikai_kaigiroku.txt": [(_D, "ア"), (_D, "イ"), (_R, "ア"), (_R, "イ")],
    "komae_20200123_shingikai_kaigiroku.txt": [(_D, None), (_R, "ア"), (_R, "イ"), (_R, "ウ")],
    "komae_20210802_shingikai_kaigiroku.txt": [(_D, None), (_R, "ア"), (_R, "イ"), (_R, "ウ")],
    "nagaokakyo_h29_01_unei_shingikai.txt": [(_D, "1"), (_D, "2"), (_D, "3")],
    # 1 is quoted as a 審議事項, 2 says (諮問); of 3–5 the excerpt says no kind
    "kanagawa_pref_047_shingikai_kekka.txt": [(_D, "1"), (_D, "2"), (_O, "3"), (_O, "4"), (_O, "5")],
    "kanagawa_pref_048_shingikai_kekka.txt": [(_O, "1"), (_O, "2"), (_O, "3"), (_O, "4"), (_O, "5")],
    # (2) 指針等の改正について holds two 新規諮問 as bullets: each an item of its own
    "osaka_pref_20171124_shingikai_bukai_gijiroku.txt": [(_D, "1"), (_O, "2"), (_D, None), (_D, None), (_O, "3")],
    "tokyo_metro_030_shingikai_gijiroku.txt": [(_O, None)],
}


@needs_shared(REAL)
@pytest.mark.parametrize("name", sorted(REAL_MEETINGS))
def test_real_minutes_give_their_meeting(name):
    m = extract(REAL / name)
    assert isinstance(m, Minutes)
    assert m.meeting.model_dump() == REAL_MEETINGS[name]


@needs_shared(REAL)
@pytest.mark.parametrize("name", sorted(REAL_ROLES))
def test_real_minutes_give_each_attendee_a_role_and_no_page_furniture(name):
    from collections import Counter
    m = extract(REAL / name)
    assert dict(Counter(a.role for a in m.attendees)) == REAL_ROLES[name]
    assert not any("KB" in (a.name or "") + (a.title or "") or "資料" in (a.title or "") for a in m.attendees)


@needs_shared(REAL)
@pytest.mark.parametrize("name", sorted(REAL_ITEMS))
def test_real_minutes_give_their_items_by_kind(name):
    m = extract(REAL / name)
    assert [(i.kind, i.label) for i in m.items] == REAL_ITEMS[name]
    assert all(i.title for i in m.items if i.label is not None)


@needs_shared(REAL)
def test_real_minutes_details_read_on_the_page():
    komae = extract(REAL / "komae_20181016_shingikai_kaigiroku.txt")
    assert komae.items[2].title.endswith("目的外利用及び目的外利用に係る通知の要否について")
    assert komae.materials == ["平成30年10月16日開催個人情報保護審議会資料.pdf"]
    assert [(a.role, a.title) for a in komae.attendees][10] == ("説明者", "企画財政部政策室長")
    assert [t.role for t in komae.items[0].turns] == ["担当課", "委員"]
    nagaokakyo = extract(REAL / "nagaokakyo_h29_01_unei_shingikai.txt")
    assert [i.departments for i in nagaokakyo.items] == [["学校教育課"], ["事務局"], ["事務局"]]
    assert nagaokakyo.items[0].title == "学校給食費管理システム稼働に伴う個人情報の目的外利用について"
    osaka = extract(REAL / "osaka_pref_20171124_shingikai_bukai_gijiroku.txt")
    assert osaka.title == "平成29年11月24日審査請求案件等審査部会議事録"
    assert [(a.role, a.name) for a in osaka.attendees][0] == ("部会長", "野田")
    assert osaka.items[0].title == "ドライブレコーダーにより収集される個人情報の取扱いについて"
    assert [t.role for t in osaka.items[0].turns] == ["委員", "実施機関"]


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
