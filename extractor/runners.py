"""Where a batch's files are converted: worker processes on this machine (here), or the workers of a
Dask cluster (:mod:`extractor.cluster`). Both take the same calls of
:func:`extractor.batch.convert_one` and hand back its Outcomes as they finish, so resume, the
manifest and the progress display do not depend on where the work ran.

Memory: the pipeline (GiNZA's vocabulary and vectors, Sudachi's dictionary, the taxonomy, every
module) is loaded once in this process and the workers are forked from it, so they share its pages
copy-on-write instead of each loading its own (``gc.freeze`` keeps the collector from touching, and
so copying, what was loaded). Where fork is not the platform's way (macOS, Windows), each worker
loads the pipeline when it starts.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Iterator, Sequence


def warm_pipeline() -> None:
    """Load what every conversion needs, once: the readers and structure modules, the taxonomy and the
    vocabulary, ja_ginza with its components and the category centroids of its vectors."""
    from . import extract  # noqa: F401 - the modules a conversion imports
    from .classify import classifier
    from .classify.taxonomy import load_taxonomy
    from .readers import docx, pdf, text  # noqa: F401
    from .structure import minutes, packet  # noqa: F401
    from .vocabulary import vocabulary, words

    vocabulary()
    words("個人情報")  # Sudachi's dictionary for the vocabulary of labels
    classifier.nlp()
    classifier._centroids(load_taxonomy().version)


def _forking() -> bool:
    """Fork where it is the platform's way (Linux); macOS and Windows spawn (fork is unsafe on macOS)."""
    return sys.platform.startswith("linux") and multiprocessing.get_start_method(allow_none=True) in (None, "fork")


def _worker_signals() -> None:
    """A worker finishes the file it is on when the user presses Ctrl-C (the batch decides when to
    stop) and ends at once on SIGTERM; a forked worker would otherwise inherit the batch's handlers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _start_worker(warm: bool) -> None:
    _worker_signals()
    if warm:
        warm_pipeline()


class LocalRunner:
    """``jobs`` worker processes on this machine."""

    def __init__(self, jobs: int):
        self._futures: dict[Future, tuple] = {}
        self._yielded: set[Future] = set()
        forking = _forking()
        if forking:
            warm_pipeline()
            gc.freeze()  # what is loaded now stays where it is: the workers share it
        context = multiprocessing.get_context("fork") if forking else None
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                                         initargs=(not forking,))

    def results(self, convert: Callable, calls: Sequence[tuple], lost: Callable) -> Iterator:
        """Each call's Outcome as it finishes; ``lost(call, exc)`` where a worker died under it."""
        self._futures = {self._pool.submit(convert, *call): call for call in calls}
        for future in as_completed(self._futures):
            yield self._outcome(future, lost)

    def finish(self, lost: Callable) -> Iterator:
        """After an interrupt: nothing new starts; the files in progress finish and are yielded."""
        for future in self._futures:
            future.cancel()
        for future in self._futures:
            if future not in self._yielded and not future.cancelled():
                yield self._outcome(future, lost)

    def _outcome(self, future: Future, lost: Callable):
        self._yielded.add(future)
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - a worker killed under a file (out of memory, a crash)
            return lost(self._futures[future], exc)

    def close(self, *, now: bool = False) -> None:
        if now:  # a second interrupt: the workers are ended where they are
            for process in list((self._pool._processes or {}).values()):
                process.terminate()
        self._pool.shutdown(wait=not now, cancel_futures=True)


def remove_partial_outputs(out_dir: Path) -> None:
    """Temporary files a worker ended mid-write left (see :func:`extractor.output.write_atomic`)."""
    for tmp in Path(out_dir).rglob(".*.json.*.tmp"):
        tmp.unlink(missing_ok=True)
