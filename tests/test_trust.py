"""Issue 24: what a secretariat can trust — the Python API on bytes and file objects, the CLI's
conventions (stdin and stdout as ``-``, help with examples), the JSON Schema's publication."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES


def council(*args, stdin: bytes | None = None):
    run = subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True,
                         input=stdin)
    run.stdout_text, run.stderr_text = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    return run


# -- 13: the Python API ----------------------------------------------------------------------------

def test_the_api_reads_bytes_and_file_objects_as_it_reads_a_path(tmp_path):
    import extractor
    from extractor import Minutes, Packet, Submission, extract

    assert {"Minutes", "Packet", "Submission", "SubmissionDiff"} <= set(extractor.__all__)
    path = SAMPLES / "shinjuku_logo_r6.lo.pdf"
    by_path = extract(path)
    by_bytes = extract(path.read_bytes(), name=path.name)
    with path.open("rb") as fh:
        by_file = extract(fh)  # the file object's own name
    assert by_bytes.model_dump() == by_path.model_dump() == by_file.model_dump()
    assert isinstance(by_path, Submission)
    # no name: the format is told by the bytes, the output says "document"
    minutes = extract(io.BytesIO((SAMPLES / "minutes_aoba_r6_3.docx").read_bytes()))
    assert isinstance(minutes, Minutes) and minutes.source.filename == "document"
    assert minutes.source.format == "docx"
    assert isinstance(extract((SAMPLES / "packet_aoba_r6_3.docx").read_bytes()), Packet)
    text = extract((SAMPLES / "shinjuku_logo_r6_export.txt").read_bytes(), name="export.txt")
    assert text.source.filename == "export.txt" and text.title


def test_the_api_refuses_what_is_not_bytes_and_names_the_given_name():
    from extractor import extract
    from extractor.errors import CorruptDocument

    with pytest.raises(TypeError, match="binary mode"):
        extract(io.StringIO("件名 x"))
    with pytest.raises(CorruptDocument) as caught:
        extract(b"PK\x03\x04 not a zip", name="broken.docx")
    assert caught.value.one_line().startswith("broken.docx: ")
