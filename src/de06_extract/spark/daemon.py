"""Spark's Python daemon with the de06 pipeline built before it forks the workers.

The job sets `spark.python.daemon.module=de06_extract.spark.daemon`: Spark starts this module once
per executor (`python -m de06_extract.spark.daemon pyspark.worker`) and asks it for a worker per
task slot. It imports what a worker needs (pyspark's worker, pandas, pyarrow, de06), builds the
pipeline, loads the tagger models and freezes them out of the garbage collector, then runs
pyspark's own daemon, whose forked workers inherit all of it copy-on-write, as the workers of
`de06 extract -j N` do. If the warm-up fails, the workers build the pipeline themselves.

With a local master the job does that warm-up while the driver JVM starts: it runs this module as
a *zygote* (`--zygote SOCKET`), which warms up and waits; the module Spark then starts finds the
socket (`DE06_SPARK_ZYGOTE` in its environment), hands the zygote its stdin, stdout, stderr and
environment, and stays as its stand-in for the JVM (a SIGTERM it gets is passed on) until the
zygote, now pyspark's daemon, ends. Without a zygote it warms up itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import struct
import sys

from .launch import ZYGOTE

_INT = struct.Struct("!i")


def prepare() -> None:
    """Import and warm up what every worker needs, with stdout (the daemon's channel to the JVM,
    which reads its port there) pointed at stderr meanwhile."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        with contextlib.redirect_stdout(sys.stderr), contextlib.suppress(Exception):
            import pyspark.worker  # noqa: F401  # what `daemon.worker` runs in every fork

            from .extract import _warm_worker

            _warm_worker()
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _manager() -> None:
    """pyspark's daemon (imported here: the stand-in that hands over to a zygote needs none of pyspark)."""
    from pyspark import daemon

    daemon.manager()


def _receive(conn: socket.socket, size: int) -> bytes:
    data = conn.recv(size, socket.MSG_WAITALL)
    if len(data) < size:
        raise ConnectionError("the daemon's stand-in went away")
    return data


def zygote(path: str) -> None:
    """Listen at `path`, warm up, then wait for the daemon Spark starts (or for the driver, our
    stdin, to end); become pyspark's daemon with its stdin, stdout, stderr and environment."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)  # before the warm-up: the daemon Spark starts waits for us, not the reverse
    listener.listen(1)
    try:
        prepare()
        if listener not in select.select([listener, sys.stdin], [], [])[0]:
            return  # the driver ended first
        conn, _ = listener.accept()
    finally:
        listener.close()
        os.unlink(path)
        os.rmdir(os.path.dirname(path))
    _, fds, _, _ = socket.recv_fds(conn, 1, 3)
    env = json.loads(_receive(conn, _INT.unpack(_receive(conn, _INT.size))[0]))
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update(env)
    conn.sendall(_INT.pack(os.getpid()))  # `conn` stays open until this process ends
    _manager()


def hand_over(path: str) -> bool:
    """Give the zygote at `path` this process's stdin, stdout, stderr and environment, then wait
    until it ends, passing SIGTERM on; False if there is no zygote there."""
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(path)
    except OSError:
        return False
    env = json.dumps(dict(os.environ)).encode()
    socket.send_fds(conn, [b"x"], [0, 1, 2])
    conn.sendall(_INT.pack(len(env)) + env)
    pid = _INT.unpack(_receive(conn, _INT.size))[0]
    signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGTERM))
    os.close(0)
    os.close(1)
    while conn.recv(1):
        pass
    return True


if __name__ == "__main__":
    if sys.argv[1:2] == ["--zygote"]:  # `launch.start` runs it so
        zygote(sys.argv[2])
    elif not (os.environ.get(ZYGOTE) and hand_over(os.environ[ZYGOTE])):
        prepare()
        _manager()
