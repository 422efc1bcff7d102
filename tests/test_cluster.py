"""council batch --scheduler: the same batch on the workers of a Dask cluster (issue 12).

A LocalCluster of two worker processes listening on loopback stands in for a cluster of machines: the
client, the scheduler and the workers talk over TCP as they would across machines, and the input and
output folders are the same paths for all of them. `make test` installs the `dask` extra.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="Dask is not installed: pip install "
                                  "'council-extractor[dask]' (make test installs it)")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def council(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=50) as c:
        yield c


@pytest.fixture()
def archive(tmp_path) -> Path:
    root = tmp_path / "in"
    (root / "2024").mkdir(parents=True)
    shutil.copy(SAMPLES / "shinjuku_logo_r6.docx", root / "2024")
    shutil.copy(SAMPLES / "shinjuku_logo_r6.lo.pdf", root / "2024")
    shutil.copy(SAMPLES / "minutes_aoba_r6_3.chromium.pdf", root)
    shutil.copy(SAMPLES / "packet_aoba_r6_3.docx", root)
    (root / "broken.docx").write_bytes(b"not a zip")
    return root


def outputs(out: Path) -> dict[str, object]:
    return {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(out.rglob("*.json")) if p.name != "batch-manifest.json"}


def test_a_batch_on_a_dask_cluster_writes_what_a_local_batch_writes(cluster, archive, tmp_path):
    local = council("batch", archive, "--out-dir", tmp_path / "local", "-j", "1")
    remote = council("batch", archive, "--out-dir", tmp_path / "dask", "--scheduler", cluster.scheduler_address)
    assert local.returncode == remote.returncode == 1, remote.stderr
    assert "Traceback" not in remote.stderr
    assert "4 converted, 1 failed, 0 skipped" in remote.stderr
    assert "council: error: broken.docx: " in remote.stderr and "[corrupt_document]" in remote.stderr
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert len(outputs(tmp_path / "dask")) == 4
    manifests = [json.loads((tmp_path / d / "batch-manifest.json").read_text(encoding="utf-8")) for d in ("local", "dask")]
    assert [{rel: (e["status"], e["sha256"], e["code"]) for rel, e in m["files"].items()} for m in manifests] == \
           [{rel: (e["status"], e["sha256"], e["code"]) for rel, e in manifests[0]["files"].items()}] * 2


def test_resume_on_the_cluster_skips_what_is_done(cluster, archive, tmp_path):
    out = tmp_path / "out"
    council("batch", archive, "--out-dir", out, "--scheduler", cluster.scheduler_address)
    (archive / "2024" / "shinjuku_logo_r6.docx").write_bytes((SAMPLES / "shinjuku_logo_r6_previous.docx").read_bytes())
    again = council("batch", archive, "--out-dir", out, "--scheduler", cluster.scheduler_address, "--resume")
    assert again.returncode == 1 and "1 converted, 1 failed, 3 skipped" in again.stderr
    assert outputs(out)["2024/shinjuku_logo_r6.docx.json"]["source"]["filename"] == "shinjuku_logo_r6.docx"


def test_each_worker_loads_the_pipeline_once_when_it_joins(cluster, archive, tmp_path):
    council("batch", archive, "--out-dir", tmp_path / "out", "--scheduler", cluster.scheduler_address)

    def loaded() -> int:
        from extractor.classify import classifier

        return classifier.nlp.cache_info().currsize

    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        assert "council-extractor-pipeline" in next(iter(client.run(lambda dask_worker: list(dask_worker.plugins)).values()))
        assert set(client.run(loaded).values()) == {1}


def test_options_for_local_workers_are_refused_with_a_scheduler(tmp_path, archive):
    run = council("batch", archive, "--out-dir", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786", "--timeout", "5")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "dask worker --nworkers N --nthreads 1" in run.stderr


def test_no_scheduler_at_the_address_is_one_line_and_exit_2(tmp_path, archive):
    run = council("batch", archive, "--out-dir", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "tcp://127.0.0.1:9: no Dask scheduler answers there" in lines[0]
    assert "[cluster_unavailable]" in lines[0]
    assert not (tmp_path / "out" / "batch-manifest.json").exists()
