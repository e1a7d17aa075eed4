"""Spark's Python daemon with the de06 pipeline built before it forks the workers.

The job sets `spark.python.daemon.module=de06_extract.spark.daemon`: Spark starts this module once
per executor (`python -m de06_extract.spark.daemon pyspark.worker`) and asks it for a worker per
task slot. It imports what a worker needs (pyspark's worker, pandas, pyarrow, de06), builds the
pipeline, loads the tagger models and freezes them out of the garbage collector, then runs
pyspark's own daemon, whose forked workers inherit all of it copy-on-write, as the workers of
`de06 extract -j N` do. If the warm-up fails, the workers build the pipeline themselves.
"""

from __future__ import annotations

import contextlib
import os
import sys

from pyspark import daemon


def prepare() -> None:
    """Import and warm up what every worker needs, with stdout (the daemon's channel to the JVM,
    which reads its port there) pointed at stderr meanwhile."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        with contextlib.redirect_stdout(sys.stderr), contextlib.suppress(Exception):
            import pyspark.worker  # noqa: F401  # what `daemon.worker` runs in every fork

            from . import _warm_worker

            _warm_worker()
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


if __name__ == "__main__":
    prepare()
    daemon.manager()
