#!/usr/bin/env python3
"""A large archive of council JSON for measuring the catalogue (issue 22): N submissions, made from
the JSON of the bundled samples, about many subjects, each subject revised at meeting after meeting.

    .venv/bin/python scripts/make_big_archive.py --n 10000 --out /tmp/big     # writes the archive
    .venv/bin/python scripts/make_big_archive.py --measure /tmp/big            # times index and lookup

Each file is a sample's submission with its title, 別紙 parent title, meeting (fiscal year, session,
date, 資料 number), change-marking reference and source rewritten: subjects are a service and an
act (住民票の写し等交付 × 電子申請の導入, …), and the k-th revision of a subject names the meeting
that approved the (k-1)-th as its reference, as a council's archive does. ``--measure`` builds the
catalogue cold and warm (``council index``), then for a sample of revisions finds the approved
version with ``council diff NEW --archive`` as a user runs it (warm), and checks the catalogue's
pick against a full read of the archive (the same choice, or the same refusal) for each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ["住民票の写し等交付", "介護保険料賦課", "児童手当支給", "図書館利用者管理", "住民税課税", "国民健康保険資格管理",
            "保育所入所選考", "生活保護受給者管理", "後期高齢者医療", "選挙人名簿管理", "水道料金徴収", "下水道使用料",
            "区営住宅入居者管理", "避難行動要支援者名簿", "特定健康診査", "予防接種記録", "就学援助費支給", "奨学金貸付",
            "道路占用許可", "自転車駐車場定期利用", "犬の登録", "粗大ごみ収集受付", "障害福祉サービス支給決定",
            "ひとり親家庭医療費助成", "母子健康手帳交付", "妊婦健康診査", "軽自動車税課税", "固定資産税評価",
            "戸籍附票管理", "印鑑登録証明", "ふるさと納税受付", "公園施設予約", "スポーツ施設予約", "生涯学習講座申込",
            "放課後児童クラブ入会", "高齢者見守り", "認知症初期集中支援", "成年後見制度利用支援", "消費生活相談", "空き家対策"]
ACTS = ["システムの更新", "業務の委託", "外部結合", "電子申請の導入", "窓口予約の開始", "個人番号の利用", "統計的利用",
        "庁内での目的外利用", "国への情報提供", "コールセンターの設置", "クラウドサービスの利用", "郵送業務の委託",
        "データ連携基盤への接続", "アンケート調査の実施", "収集項目の追加", "保存期間の変更", "オンライン決済の導入",
        "AI-OCRによる入力", "委託先の変更", "記録媒体の廃棄委託", "住民への通知の電子化", "施設への情報提供",
        "関係機関との情報共有", "RPAによる処理", "手続の追加"]
TITLES = ["{service}業務における{act}について", "{service}に係る{act}について", "{act}（{service}）について",
          "{service}事務の{act}", "{service}に関する{act}について（新規）"]
ERA = 2018  # 令和N年度 is fiscal year 2018 + N


def _templates() -> list[dict]:
    """The samples' submissions as JSON, extracted once (a few seconds)."""
    sys.path.insert(0, str(ROOT))
    from extractor import extract
    from extractor import schema as S

    out = []
    for name in ("shinjuku_logo_r6.docx", "variant_city_outsourcing.docx", "variant_long_procedures.docx",
                 "variant_gothic_marking.docx"):
        result = extract(ROOT / "samples" / name)
        if isinstance(result, S.Submission):
            out.append(json.loads(S.to_json(result)))
    return out


def _reference(fy: int, session: int) -> str:
    return f"令和{fy - ERA}年度第{session}回青葉区個人情報保護審議会承認済"


def make(n: int, out: Path, seed: int) -> None:
    rng = random.Random(seed)
    templates = _templates()
    subjects = [(s, a) for s in SERVICES for a in ACTS]
    rng.shuffle(subjects)
    per_subject = max(1, -(-n // len(subjects)))
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for s_index, (service, act) in enumerate(subjects):
        meetings = sorted(rng.sample([(fy, k) for fy in range(2019, 2027) for k in range(1, 11)], per_subject))
        template = templates[s_index % len(templates)]
        title = TITLES[s_index % len(TITLES)].format(service=service, act=act)
        for revision, (fy, session) in enumerate(meetings):
            if written == n:
                return
            doc = json.loads(json.dumps(template))
            doc["title"] = doc["raw_title"] = title
            doc["agenda"]["parent_title"] = doc["title"]  # the approved item's 件名: the subject's own
            doc["meeting"].update(body="青葉区個人情報保護審議会", fiscal_year=fy, session=session,
                                  date=f"{fy}-{4 + session:02d}-15" if session <= 8 else f"{fy + 1}-{session - 8:02d}-15",
                                  document_number=f"資料{rng.randint(1, 60)}")
            if doc.get("change_marking") is not None:
                doc["change_marking"]["reference"] = _reference(*meetings[revision - 1]) if revision else None
            name = f"{s_index:04d}_{revision:02d}_{fy}_{session:02d}.docx"
            doc["source"].update(filename=name, sha256=hashlib.sha256(name.encode()).hexdigest())
            (out / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            written += 1


def _council(*args) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                         cwd=ROOT)
    return time.perf_counter() - start, run


def measure(archive: Path, lookups: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    from extractor import schema as S
    from extractor.catalogue import CATALOGUE
    from extractor.diff.archive import candidates_in, find_approved
    from extractor.errors import NoApprovedVersion

    files = sorted(archive.glob("*.docx.json"))
    (archive / CATALOGUE).unlink(missing_ok=True)
    cold, run = _council("index", archive)
    assert run.returncode == 0, run.stderr
    warm, _ = _council("index", archive)
    size = (archive / CATALOGUE).stat().st_size
    print(f"archive: {len(files)} submissions, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB of JSON")
    print(f"council index (cold): {cold:.1f} s; again, nothing changed: {warm:.2f} s; catalogue {size / 1e6:.1f} MB")
    rng = random.Random(seed)
    revisions = [f for f in files if not f.name.split("_")[1] == "00"]
    sample = rng.sample(revisions, min(lookups, len(revisions)))
    start = time.perf_counter()
    pool = candidates_in(archive)
    read_all = time.perf_counter() - start
    times, same, found = [], 0, 0
    for f in sample:
        new = S.Submission.model_validate_json(f.read_text(encoding="utf-8"))
        t, run = _council("diff", f, "--archive", archive, "-o", archive.parent / "lookup.diff.json", "-q")
        times.append(t)
        try:
            chosen = find_approved(new, archive, pool).path
        except NoApprovedVersion:
            chosen = None
        picked = json.loads((archive.parent / "lookup.diff.json").read_text(encoding="utf-8"))["old"]["filename"] \
            if run.returncode in (0, 1) else None
        same += (picked + ".json" if picked else None) == chosen
        found += chosen is not None
    times.sort()
    print(f"council diff NEW --archive (warm catalogue), {len(times)} lookups: median {times[len(times) // 2]:.2f} s, "
          f"max {times[-1]:.2f} s (the whole command: start, lookup, diff, JSON out)")
    print(f"reading every output instead: {read_all:.1f} s once; the catalogue's pick is the full read's in "
          f"{same} of {len(sample)} lookups ({found} found an approved version)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="how many submissions (default 10000)")
    ap.add_argument("--out", type=Path, help="write the archive here")
    ap.add_argument("--measure", type=Path, metavar="DIR", help="time council index and diff --archive on DIR")
    ap.add_argument("--lookups", type=int, default=20, help="lookups timed with --measure (default 20)")
    ap.add_argument("--seed", type=int, default=22)
    args = ap.parse_args()
    if args.out:
        make(args.n, args.out, args.seed)
    if args.measure:
        measure(args.measure, args.lookups, args.seed)
    if not (args.out or args.measure):
        ap.error("give --out DIR, --measure DIR or both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
