"""The Spark job's early start: the driver JVM before the heavy imports, the warm daemon beside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.spark


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_job_module_starts_without_importing_pyspark_or_the_pipeline() -> None:
    loaded = _python(
        """
        import sys
        import de06_extract.spark.__main__
        print(sorted(m for m in ("pyspark", "pyarrow", "de06_extract.pipeline") if m in sys.modules))
        """
    )
    assert loaded == "[]"


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")
def test_workers_fork_from_the_zygote_warmed_while_the_jvm_started() -> None:
    """`launch.start` runs the daemon's warm-up beside the JVM; the daemon Spark starts hands over to
    it, so the workers are its children, the pipeline already built, and their results the same."""
    printed = _python(
        """
        import os
        from de06_extract.spark.launch import start

        driver = start("local[1]", None)
        driver.connect()
        from de06_extract.spark.job import session, stop
        from de06_extract.spark.extract import _warm_worker
        import pyarrow as pa

        def state(batches):
            for _ in batches:
                warm = _warm_worker.cache_info().currsize
                yield pa.RecordBatch.from_pylist([{"ppid": os.getppid(), "warm": warm}])

        spark = session("local[1]")
        rows = spark.range(2, numPartitions=2).mapInArrow(state, "ppid long, warm long").collect()
        stop(spark)
        print(sorted({(r.ppid == driver.zygote.pid, r.warm) for r in rows}))
        """
    )
    assert printed == "[(True, 1)]"


def test_without_a_zygote_the_daemon_warms_up_itself(tmp_path: Path) -> None:
    from de06_extract.spark.daemon import hand_over

    assert hand_over(str(tmp_path / "no-such-socket")) is False


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")
def test_spark_submit_runs_the_job_in_its_own_jvm(tmp_path: Path) -> None:
    """Under spark-submit the JVM is there already (no early start): the job runs in it."""
    import os

    import pyspark

    from tests.conftest import SAMPLES

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SAMPLES.glob("01*.txt")), src)
    home = os.path.dirname(pyspark.__file__)
    script = Path(__file__).parent.parent / "src" / "de06_extract" / "spark" / "__main__.py"
    env = {**os.environ, "SPARK_HOME": home, "PYSPARK_PYTHON": sys.executable}
    done = subprocess.run(
        [
            os.path.join(home, "bin", "spark-submit"),
            "--master",
            "local[1]",
            str(script),
            str(src),
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout.splitlines()[1].startswith("  articles 1, failed 0")
