"""The driver JVM: its options with a local master, its class-data archive, and an early start.

`python -m de06_extract.spark` starts the JVM (`start`) before it imports pyspark and de06, which
takes about a second the JVM's own start then overlaps. `start` runs spark-submit as pyspark's
`launch_gateway` does (the same command, environment and connection file); `Driver.connect` waits
for the gateway and points pyspark at it (`PYSPARK_GATEWAY_PORT`/`PYSPARK_GATEWAY_SECRET`, which
`launch_gateway` honours), so the session the job builds runs in this JVM. Only the standard
library is imported here.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

# on one machine the JVM's JIT and GC threads take CPU from the Python workers doing the work
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
ZYGOTE = "DE06_SPARK_ZYGOTE"  # names the socket of a warm daemon in waiting (`daemon.zygote`)
DEFAULT_CLASS_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "de06-extract"


def _pyspark() -> tuple[str, str]:
    """pyspark's `__init__.py` and version, without importing it."""
    spec = find_spec("pyspark")
    if spec is None or spec.origin is None:
        raise SystemExit("de06_extract.spark needs pyspark: pip install 'de06-extract[spark]'")
    return spec.origin, version("pyspark")


@dataclass
class ClassArchive:
    """The driver JVM's class-data archive (CDS) for a local master, in a cache folder.

    Loading and verifying Spark's classes is most of the JVM's start (and of its first queries):
    a run without the archive writes it as its JVM exits (`-XX:ArchiveClassesAtExit`), the next
    runs map it (`-XX:SharedArchiveFile`). Its name is keyed by pyspark (where, which version, when
    installed) and the Java binary, so a reinstall writes a new one; a JVM that finds it stale
    anyway ignores it (`-Xshare:auto`, the default)."""

    path: Path
    writing: bool = False  # this run's JVM writes the archive as it exits

    @classmethod
    def in_folder(cls, folder: Path) -> ClassArchive:
        home = os.environ.get("JAVA_HOME")
        java = os.path.realpath(os.path.join(home, "bin", "java") if home else shutil.which("java") or "java")
        stamp = os.stat(java).st_mtime if os.path.exists(java) else 0
        origin, pyspark_version = _pyspark()
        jars = os.path.join(os.path.dirname(origin), "jars")  # a reinstall makes an archive stale
        installed = os.stat(jars).st_mtime if os.path.isdir(jars) else 0
        key = hashlib.sha1(f"{origin}|{pyspark_version}|{installed}|{java}|{stamp}".encode()).hexdigest()
        return cls(folder / f"spark-{pyspark_version}-{key[:12]}.jsa")

    @property
    def partial(self) -> Path:
        return self.path.with_name(f"{self.path.name}.{os.getpid()}.part")

    def jvm_options(self) -> str:
        quiet = "-Xlog:cds=off -Xlog:cds+dynamic=off"  # stale archive, classes it cannot hold
        if self.path.is_file():
            return f"-XX:SharedArchiveFile={self.path} {quiet}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return ""
        self.writing = True
        return f"-XX:ArchiveClassesAtExit={self.partial} {quiet}"

    def publish(self, proc: subprocess.Popen[bytes] | None) -> None:
        """After `spark.stop()`: if this run writes the archive, end the JVM `proc` (it writes the
        archive as it exits) and move the archive in place."""
        if not self.writing or proc is None or proc.stdin is None:
            return
        proc.stdin.close()  # the gateway exits when its stdin closes
        proc.wait(timeout=120)
        if self.partial.is_file() and self.partial.stat().st_size:
            os.replace(self.partial, self.path)


def local_jvm(master: str, archive: ClassArchive | None) -> str | None:
    """For a local master, the driver JVM's options (and its workers are this interpreter, which
    has de06 installed: `PYSPARK_PYTHON`); for another master, None."""
    if not master.startswith("local"):
        return None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return f"{LOCAL_JVM_OPTIONS} {archive.jvm_options() if archive else ''}".strip()


@dataclass
class Driver:
    """A driver JVM being started, the file where its gateway will write how to reach it, and the
    warm Python daemon waiting for it (with a local master)."""

    proc: subprocess.Popen[bytes]
    info: Path
    zygote: subprocess.Popen[bytes] | None = None

    def connect(self) -> None:
        """Wait for the gateway, then point pyspark at it."""
        while self.proc.poll() is None and not self.info.is_file():
            time.sleep(0.01)
        if not self.info.is_file():
            raise SystemExit("the Spark driver JVM exited as it started (its messages are above)")
        with open(self.info, "rb") as fh:  # as PythonGatewayServer writes it: port, secret
            port, size = struct.unpack("!ii", fh.read(8))
            secret = fh.read(size).decode()
        shutil.rmtree(self.info.parent, ignore_errors=True)
        os.environ["PYSPARK_GATEWAY_PORT"], os.environ["PYSPARK_GATEWAY_SECRET"] = str(port), secret


def start(master: str, archive: ClassArchive | None) -> Driver:
    """Start spark-submit's driver JVM for `master` (with `local_jvm`'s options), as pyspark's
    `launch_gateway` would; with a local master, and the Python daemon's warm-up beside it
    (`daemon.zygote`), which the daemon the JVM starts then takes over."""
    home = os.environ.get("SPARK_HOME") or os.path.dirname(_pyspark()[0])
    command = [os.path.join(home, "bin", "spark-submit"), "--master", master]
    env = {**os.environ, "SPARK_HOME": home, "SPARK_CONNECT_MODE": "0"}
    options, zygote = local_jvm(master, archive), None
    if options is not None:
        command += ["--conf", f"spark.driver.extraJavaOptions={options}"]
        env[ZYGOTE] = os.path.join(tempfile.mkdtemp(prefix="de06-zygote-"), "socket")
        zygote = subprocess.Popen(
            [sys.executable, "-m", "de06_extract.spark.daemon", "--zygote", env[ZYGOTE]],
            stdin=subprocess.PIPE,
        )
    info = Path(tempfile.mkdtemp(prefix="de06-spark-"), "gateway")
    env["_PYSPARK_DRIVER_CONN_INFO_PATH"] = str(info)

    def ignore_interrupts() -> None:  # Ctrl-C is the driver's to handle, as in launch_gateway
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    # the JVM (and the zygote) end when their stdin, a pipe from this process, closes
    submit = shlex.split(os.environ.get("PYSPARK_SUBMIT_ARGS", "pyspark-shell"))
    proc = subprocess.Popen([*command, *submit], stdin=subprocess.PIPE, env=env, preexec_fn=ignore_interrupts)
    return Driver(proc, info, zygote)


def resolve_master(master: str | None) -> str | None:
    """`master` if given; under spark-submit None (its own), else local[*]."""
    return master or (None if "SPARK_ENV_LOADED" in os.environ else "local[*]")
