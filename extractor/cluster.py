"""A batch on a Dask distributed cluster: ``council batch IN --out-dir OUT --scheduler tcp://HOST:PORT``.

The optional extra ``council-extractor[dask]`` brings ``dask.distributed``. Every worker loads the
pipeline once, when it joins (a worker plugin, :class:`PipelineLoader`), and runs the same
:func:`extractor.batch.convert_one` a local worker runs, reading the input from and writing the JSON to
the paths the client gives: both folders must be the same paths on every worker (a shared
filesystem). The client keeps the manifest, resume and progress exactly as for a local batch. This is
the only network connection the tool ever opens, and only to the scheduler it is given.
"""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from .errors import ClusterError

try:
    from distributed import Client, WorkerPlugin, as_completed
except ImportError:  # the extra is not installed: said when a scheduler is asked for
    Client = WorkerPlugin = as_completed = None


def _missing_extra() -> ClusterError:
    return ClusterError("--scheduler", "Dask is not installed",
                        hint="pip install 'council-extractor[dask]' on this machine and on every worker")


if WorkerPlugin is not None:
    class PipelineLoader(WorkerPlugin):
        """Loads the pipeline (GiNZA, Sudachi, the taxonomy) once per worker, when it joins."""

        idempotent = True  # registered again by a later batch: nothing to do

        def setup(self, worker):
            from .runners import warm_pipeline

            warm_pipeline()


def _version() -> str:
    from . import __version__

    return __version__


class DaskRunner:
    """The workers of the Dask cluster whose scheduler listens at ``address``."""

    def __init__(self, address: str, *, connect_timeout: float = 10.0):
        if Client is None:
            raise _missing_extra()
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(address, f"no Dask scheduler answers there ({type(exc).__name__})")
        versions = set(self.client.run(_version).values())
        if not versions:
            self.client.close()
            raise ClusterError(address, "the Dask scheduler has no workers", hint=f"start some: dask worker {address}")
        if versions != {_version()}:
            self.client.close()
            raise ClusterError(address, f"the workers run council-extractor {', '.join(sorted(versions))} and "
                               f"this client {_version()}", hint="install the same version everywhere")
        self.client.register_plugin(PipelineLoader(), name="council-extractor-pipeline")
        self._futures: dict = {}
        self._yielded: set = set()

    def results(self, convert: Callable, calls: Sequence[tuple], lost: Callable) -> Iterator:
        """Each call's Outcome as it finishes; ``lost(call, exc)`` where the cluster lost it."""
        if not calls:
            return
        futures = self.client.map(convert, *zip(*calls), pure=False)
        self._futures = dict(zip(futures, calls))
        for future in as_completed(futures, loop=self.client.loop):
            yield self._outcome(future, lost)

    def finish(self, lost: Callable) -> Iterator:
        """After an interrupt: what has not started is cancelled; what is running finishes."""
        running = {f for f in self._futures if f not in self._yielded and f.status == "pending"}
        processing = self.client.processing()
        started = {key for keys in processing.values() for key in keys}
        self.client.cancel([f for f in running if f.key not in started])
        for future in self._futures:
            if future not in self._yielded and future.key in started:
                yield self._outcome(future, lost)

    def _outcome(self, future, lost: Callable):
        self._yielded.add(future)
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - a worker lost under a file, a task cancelled
            return lost(self._futures[future], exc)

    def close(self, *, now: bool = False) -> None:
        if now:
            self.client.cancel(list(self._futures))
        self.client.close()
