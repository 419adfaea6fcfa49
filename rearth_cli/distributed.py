"""Run the same analysis on a Dask cluster: batches of sources mapped over workers, records back in input order."""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator

from rearth_cli.analyze import Options, batches, analyze_batch
from rearth_cli.errors import Internal, RearthError
from rearth_cli.record import error_record
from rearth_cli.sources import Source, read_file

INSTALL_HINT = "pip install 'rearth[dask]'"


def _import_client():
    """Return dask.distributed's Client class, or raise a RuntimeError telling how to install it."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise RuntimeError(f"running on a Dask cluster needs dask.distributed, which is not installed: {INSTALL_HINT}") from exc
    return Client


def _connect(scheduler: str | object, client_class):
    """Return (client, owned): a Client connected to an address string, or the Client given."""
    if not isinstance(scheduler, str):
        return scheduler, False
    try:
        return client_class(scheduler, timeout="10s"), True
    except (OSError, TimeoutError) as exc:
        raise RuntimeError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc.__class__.__name__}: {exc}); "
            "check the address (tcp://HOST:8786) and that `dask scheduler` is running"
        ) from exc


def _with_bytes(source: Source, max_bytes: int) -> Source:
    """Return source with its file read here, so a worker without this machine's filesystem can analyse it."""
    if source.path is None or source.error is not None or source.data is not None or source.text is not None:
        return source
    try:
        return dataclasses.replace(source, data=read_file(source.path, max_bytes))
    except RearthError as exc:
        return dataclasses.replace(source, error=exc)


def _in_flight(client, requested: int | None) -> int:
    """Return how many batches may be queued on the cluster at once: twice its worker threads unless told."""
    if requested:
        return max(1, requested)
    try:
        threads = sum(client.nthreads().values())
    except Exception:  # noqa: BLE001 - an asynchronous or odd client: fall back to a small window
        threads = 1
    return max(2, 2 * threads)


def _collect(batch: list[Source], future) -> list[dict]:
    """Return the records of a finished batch; a batch lost by the cluster becomes one error record per source."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a dead worker or lost task must not stop the run
        message = (f"the Dask cluster could not analyse this article ({exc.__class__.__name__}: {exc}); "
                   "the other articles went on")
        return [error_record(source.name, Internal(message)) for source in batch]


def analyze_on_dask(
    sources: Iterable[Source],
    options: Options,
    scheduler: str | object,
    batch_size: int = 4,
    *,
    max_in_flight: int | None = None,
    send_bytes: bool = True,
) -> Iterator[dict]:
    """Return an iterator of one record per source in input order, each batch analysed by `analyze_batch` on a Dask worker.

    scheduler: an address such as "tcp://10.0.0.5:8786" (a client is opened here
    and closed when the iterator ends) or an existing dask.distributed Client
    (left open). Connecting happens now, so a missing dask or a wrong address
    raises RuntimeError before any record is written.
    max_in_flight: batches queued on the cluster at once (default: twice its
    worker threads), so memory stays flat however long the input.
    send_bytes: read files here and ship their bytes (the default: workers need
    not share this machine's filesystem or working folder); False lets workers
    open the paths themselves, for clusters on a shared filesystem.
    Workers need rearth installed (same version), as they import analyze_batch.
    """
    client, owned = _connect(scheduler, _import_client())
    if send_bytes:
        sources = (_with_bytes(source, options.max_bytes) for source in sources)
    return _stream(client, owned, sources, options, batch_size, _in_flight(client, max_in_flight))


def _stream(client, owned: bool, sources: Iterable[Source], options: Options, batch_size: int, window: int) -> Iterator[dict]:
    """Yield the records of batches submitted to client, at most window batches ahead, in input order."""
    pending: deque = deque()
    try:
        for batch in batches(sources, batch_size):
            # pure=False: two identical batches must still run and each yield its records
            pending.append((batch, client.submit(analyze_batch, batch, options, pure=False)))
            while len(pending) >= window:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        for _, future in pending:
            future.cancel()
        if owned:
            client.close()
