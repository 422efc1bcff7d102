"""One base error for everything the tool refuses, each kind with a stable ``code``.

The CLI turns a :class:`CouncilError` into one line on stderr: the file, what went wrong and what
to do about it. Anything else escaping is a bug and is reported as such (``--debug`` shows it).
"""

from __future__ import annotations


class CouncilError(Exception):
    """Base error. ``code`` is stable and machine-readable; ``hint`` says what to do."""

    code = "error"
    hint = "run again with --debug and report the file if the problem persists"

    def __init__(self, path: str | None, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        if hint is not None:
            self.hint = hint

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}] — {self.hint}"


class InputNotFound(CouncilError):
    code = "input_not_found"
    hint = "check the path; give the file itself, not its folder"


class UnsupportedFormat(CouncilError):
    code = "unsupported_format"
    hint = "give a PDF, a .docx or .xlsx, a scanned page (PNG, JPEG, TIFF) or a text export"


class CorruptDocument(CouncilError):
    code = "corrupt_document"
    hint = "open the file in its application and save it again, or re-download it"


class TextDecodeError(CouncilError):
    code = "text_decode"
    hint = "save the text export as UTF-8 and try again"


class EmptyDocument(CouncilError):
    code = "empty_document"
    hint = "check that the file is the submission itself and not a blank page or placeholder"


class NotCouncilDocument(CouncilError):
    """A document read as ``other`` (no council submission or minutes: a 官報 page, a notice, a
    report) where a submission or minutes is needed (``council diff``)."""

    code = "not_council_document"
    hint = ("council diff compares two submissions or two minutes; this file reads as another kind of "
            "document (council extract shows what it holds and why, in its not_council_document warning)")


class OutputError(CouncilError):
    code = "output_error"
    hint = "check that the output folder exists and is writable, and that the disk is not full"


class NoApprovedVersion(CouncilError):
    code = "no_approved_version"
    hint = "give the approved version yourself: council diff OLD NEW"


class TooLarge(CouncilError):
    code = "too_large"
    hint = "if the file is trusted, raise the limit named (see council extract --help) or split the file"


class Encrypted(CouncilError):
    code = "encrypted"
    hint = "give its password: --password PASSWORD (council batch: --password-file FILE)"


class FileTimeout(CouncilError):
    """``council batch --timeout``: a file took longer than it may (raised in its worker by an alarm)."""

    code = "timeout"
    hint = "run council extract on it alone, or raise --timeout"


class InternalError(CouncilError):
    """Not a refusal but a bug met on one file, or the worker lost under it: never raised, it gives
    the code and the wording of the line that reports it (a batch's outcome, the CLI's last resort)."""

    code = "internal"
    hint = "run council extract --debug on it and report it with the file"


class ClusterError(CouncilError):
    """``council batch --scheduler``: no scheduler, no workers, or workers of another version."""

    code = "cluster_unavailable"
    hint = "start a scheduler (dask scheduler) and workers (dask worker ADDRESS), or check the address"


class NotABatchOutput(CouncilError):
    """``council link`` over a folder that holds no council JSON (documents, or nothing): link reads a
    batch's output and never writes into a folder of documents."""

    code = "not_a_batch_output"
    hint = "run council batch DIR --out-dir OUT, then council link OUT"
