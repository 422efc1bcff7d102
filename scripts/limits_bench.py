#!/usr/bin/env python3
"""Figures for hostile and very large input (issue 11), printed, never asserted:

    .venv/bin/python scripts/limits_bench.py [--pages 2000] [--rows 10000] [--out out/limits]

  1. a .docx whose parts really inflate to 1.5 GB (a zip bomb): time and peak memory to refusal;
  2. a PDF of N pages (pages of a sample repeated, with pikepdf): time and peak memory of the read;
  3. a text export holding one table of N rows: time and peak memory.

Each is run as `council extract` in a child process; peak memory is the child's maximum resident
set (getrusage). The files are written under --out and left there.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


# a wrapper per case, so each figure is that one child's peak (RUSAGE_CHILDREN keeps the maximum
# over every child a process has waited for)
WRAPPER = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(p.returncode)")


def run(path: Path, *extra: str) -> tuple[float, float, int, str]:
    """(seconds, peak MiB, exit code, the last line `council extract PATH` said) ."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-m", "extractor.cli", "extract", str(path),
                           "-o", str(path) + ".json", *extra], capture_output=True, text=True, cwd=ROOT)
    lines = proc.stderr.strip().splitlines()
    peak = int(lines[-1]) / 1024
    return time.perf_counter() - start, peak, proc.returncode, (lines[-2] if len(lines) > 1 else "")[:150]


def zip_bomb(out: Path) -> Path:
    path = out / "bomb_1_5gb.docx"
    if not path.exists():
        chunk = b"\0" * (16 * 1024 * 1024)
        with zipfile.ZipFile(SAMPLES / "variant_gothic_marking.docx") as src, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item))
            with dst.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
                for _ in range(1536 // 16):
                    fh.write(chunk)
    return path


def many_pages(out: Path, pages: int) -> Path:
    import pikepdf

    path = out / f"pages_{pages}.pdf"
    if not path.exists():
        with pikepdf.open(SAMPLES / "variant_long_procedures.lo.pdf") as src, pikepdf.new() as dst:
            while len(dst.pages) < pages:
                dst.pages.extend(src.pages[: pages - len(dst.pages)])
            dst.save(path)
    return path


def many_rows(out: Path, rows: int) -> Path:
    path = out / f"rows_{rows}.txt"
    lines = ["件名\t大きな表の試験", "", "No\t担当課\t手続名\t取扱う個人情報項目"]
    lines += [f"{i}\t区民課\t手続{i}\t申請者の氏名、住所" for i in range(1, rows + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--out", default="out/limits")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cases = [("zip bomb (parts inflate to 1.5 GB)", zip_bomb(out), ()),
             (f"PDF of {args.pages} pages", many_pages(out, args.pages), ()),
             (f"text export, one table of {args.rows} rows", many_rows(out, args.rows), ())]
    print(f"{'case':44} {'file MB':>8} {'seconds':>8} {'peak MiB':>9} exit  last line")
    for name, path, extra in cases:
        seconds, peak, code, last = run(path, *extra)
        print(f"{name:44} {path.stat().st_size / 2**20:8.1f} {seconds:8.2f} {peak:9.0f} {code:4d}  {last}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
