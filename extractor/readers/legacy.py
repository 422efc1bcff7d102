"""Legacy Word (.doc, the binary format before 2007) → .docx through LibreOffice → IR.

LibreOffice runs headless in a private profile folder (never the user's), on a copy in a temporary
folder, with a time limit; the .docx it writes is then read like any other, and the Document says in
``warnings`` that it was converted and by what. Without LibreOffice the file is refused with what to
install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import CorruptDocument, UnsupportedFormat
from ..ir import Document, Warning
from ..limits import DEFAULT as DEFAULT_LIMITS, Limits, check_zip

CONVERT_SECONDS = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    from .docx import read_docx

    tool = soffice()
    if tool is None:
        raise UnsupportedFormat(path.name, "a legacy Word document (.doc), and LibreOffice is not installed to "
                                "convert it", hint="install LibreOffice (Debian: apt-get install "
                                "libreoffice-writer-nogui), or save it from Word as .docx")
    with tempfile.TemporaryDirectory(prefix="council-doc-") as tmp:
        source = Path(tmp) / "in.doc"
        shutil.copyfile(path, source)
        profile = Path(tmp) / "profile"
        try:
            run = subprocess.run([tool, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                                  "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(source)],
                                 capture_output=True, timeout=CONVERT_SECONDS, env={"HOME": tmp, "PATH": "/usr/bin:/bin"})
        except subprocess.TimeoutExpired:
            raise CorruptDocument(path.name, f"LibreOffice did not convert the .doc within {CONVERT_SECONDS} s",
                                  hint="open it in Word or LibreOffice and save it as .docx")
        converted = Path(tmp) / "in.docx"
        if run.returncode != 0 or not converted.exists():
            raise CorruptDocument(path.name, "LibreOffice could not convert the .doc (damaged, or protected?)",
                                  hint="open it in Word or LibreOffice and save it as .docx")
        check_zip(converted, limits)
        document = read_docx(converted)
    note = Warning("converted", "a legacy .doc, converted to .docx by LibreOffice (soffice --headless "
                   "--convert-to docx) before it was read; layout-dependent details may differ from Word's", None)
    return replace(document, warnings=(note,) + document.warnings)
