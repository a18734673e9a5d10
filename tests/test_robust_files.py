"""Files and paths, side effects, network, interruption.

- missing paths, unreadable files and directories, broken and looping
  symbolic links, FIFOs (never opened: nflint would block) and devices,
  names with spaces, non-ASCII and non-UTF-8 bytes: one line per problem,
  the other files still linted, exit 2 when a named path cannot be read.
  Tests run as root in CI, and root reads everything: the permission tests
  drop the two capabilities that let root bypass file permissions
  (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) with ``setpriv``, and are skipped
  with the reason when that is not possible;
- nothing linted changes: bytes, mode, mtime, ctime, inode and the listing of
  every file and directory are the same after a run, in every format;
- no network connection: the command runs with sockets blocked (a
  ``sitecustomize`` in a subprocess, and a fixture in-process);
- Ctrl-C: exit 130 with one line, no traceback, nothing left behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.cli import main
from nflint.reporters import REPORTERS
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # end-to-end runs: odd files, Ctrl-C, no network

BAD = (ROOT / "examples" / "invalid" / "release-flow-mistakes.yaml").read_bytes()
GOOD = (ROOT / "examples" / "release-flow.yaml").read_bytes()
ENV = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | {"NO_COLOR": "1"}


def run(
    args: list[str], cwd: Path | None = None, prefix: tuple[str, ...] = (), **kw: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [*prefix, sys.executable, "-m", "nflint", "check", "--isolated", *args],
        capture_output=True,
        cwd=cwd,
        env=ENV,
        timeout=120,
        check=False,
        **kw,
    )


def _lines(out: bytes, needle: str) -> list[str]:
    return [line for line in out.decode("utf-8").splitlines() if needle in line]


# -- paths --------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "bad.yaml").write_bytes(BAD)
    (tmp_path / "good.yaml").write_bytes(GOOD)
    return tmp_path


def test_a_missing_path_is_one_line_and_the_rest_is_linted(tree: Path) -> None:
    done = run(["missing.json", "bad.yaml", "good.yaml"], cwd=tree)
    assert done.returncode == 2
    assert _lines(done.stderr, "missing.json") == [
        "nflint: cannot read missing.json: no such file or directory"
    ]
    assert len(_lines(done.stdout, "bad.yaml:")) == 5
    assert b"Traceback" not in done.stderr


def test_without_a_named_unreadable_path_the_exit_code_is_the_findings(tree: Path) -> None:
    assert run(["good.yaml"], cwd=tree).returncode == 0
    assert run(["bad.yaml", "good.yaml"], cwd=tree).returncode == 1


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_unreadable_paths_in_every_format(tree: Path, fmt: str) -> None:
    done = run(["--format", fmt, "missing.json", "bad.yaml"], cwd=tree)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"missing.json" in done.stdout + done.stderr


def test_symbolic_links_broken_and_looping(tree: Path) -> None:
    (tree / "broken.json").symlink_to(tree / "nowhere.json")
    (tree / "loop.json").symlink_to(tree / "loop.json")
    (tree / "a.yaml").symlink_to(tree / "b.yaml")
    (tree / "b.yaml").symlink_to(tree / "a.yaml")
    (tree / "ok.yaml").symlink_to(tree / "bad.yaml")
    done = run(["broken.json", "loop.json", "a.yaml", "ok.yaml"], cwd=tree)
    assert done.returncode == 2
    assert _lines(done.stderr, "broken.json") == [
        "nflint: cannot read broken.json: "
        "a broken symbolic link (its target does not exist)"
    ]
    assert _lines(done.stderr, "loop.json") == [
        "nflint: cannot read loop.json: a symbolic link loop"
    ]
    assert _lines(done.stderr, "a.yaml") == [
        "nflint: cannot read a.yaml: a symbolic link loop"
    ]
    assert len(_lines(done.stdout, "ok.yaml:")) == 5  # a good link is followed


def test_a_fifo_is_never_opened(tree: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes: nflint must
    not open it at all, named or found in a directory."""
    os.mkfifo(tree / "pipe.json")
    os.mkfifo(tree / "northflank-pipe.yaml")
    named = run(["pipe.json", "bad.yaml"], cwd=tree)  # run()'s timeout: a blocked open
    walked = run(["."], cwd=tree)
    assert named.returncode == 2
    assert _lines(named.stderr, "pipe.json") == [
        "nflint: cannot read pipe.json: not a regular file: a named pipe (FIFO)"
    ]
    assert len(_lines(named.stdout, "bad.yaml:")) == 5
    assert "nflint: cannot read northflank-pipe.yaml: not a regular file" in (
        walked.stderr.decode()
    )


def test_devices_are_not_read(tree: Path) -> None:
    done = run(["/dev/null", "/dev/zero", "/dev/urandom", "bad.yaml"], cwd=tree)
    assert done.returncode == 2
    for device in ("/dev/null", "/dev/zero", "/dev/urandom"):
        assert _lines(done.stderr, device) == [
            f"nflint: cannot read {device}: not a regular file: a character device"
        ]


def test_a_socket_named_as_a_file(tree: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tree / "sock.json"))
        done = run(["sock.json", "bad.yaml"], cwd=tree)
    finally:
        server.close()
    assert done.returncode == 2
    assert "not a regular file: a socket" in done.stderr.decode()


def test_names_with_spaces_non_ascii_and_non_utf8_bytes(tree: Path) -> None:
    spaced = tree / "with space"
    spaced.mkdir()
    (spaced / "northflank ü 😀.yaml").write_bytes(BAD)
    raw = os.fsencode(tree) + b"/northflank-\xff\xfe.yaml"
    with open(raw, "wb") as handle:
        handle.write(BAD)
    done = run(["with space/northflank ü 😀.yaml", os.fsdecode(raw)], cwd=tree)
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("utf-8")  # always valid UTF-8
    assert "with space/northflank ü 😀.yaml:4:11: error[NF103]" in out
    assert "northflank-\\udcff\\udcfe.yaml:4:11: error[NF103]" in out
    for fmt in sorted(REPORTERS):
        other = run(["--format", fmt, os.fsdecode(raw)], cwd=tree)
        assert other.returncode == 1 and b"Traceback" not in other.stderr, fmt
        other.stdout.decode("utf-8")


def test_a_name_with_a_newline_or_escape_stays_one_line(tree: Path) -> None:
    name = "new\nline\x1b[31m.yaml"
    (tree / name).write_bytes(BAD)
    done = run([name], cwd=tree)
    lines = _lines(done.stdout, "error[NF103]")
    assert lines == ["new\\x0aline\\x1b[31m.yaml:4:11: error[NF103] "
                     'expected boolean for "paused", found string "no"']  # fmt: skip


def _drop_root_bypass() -> tuple[str, ...]:
    """A command prefix that runs without the capabilities that let root
    ignore file permissions; () when not root; skip when impossible."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is missing: root reads every file")
    prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE: {probe.stderr!r}")
    return prefix


def test_unreadable_files_and_directories(tree: Path) -> None:
    prefix = _drop_root_bypass()
    (tree / "locked.json").write_bytes(b"{}")
    (tree / "locked.json").chmod(0)
    (tree / "sub").mkdir()
    (tree / "sub" / "northflank.yaml").write_bytes(BAD)
    (tree / "locked-dir").mkdir()
    (tree / "locked-dir" / "northflank.yaml").write_bytes(BAD)
    (tree / "locked-dir").chmod(0)
    try:
        done = run(["locked.json", "locked-dir", "sub", "bad.yaml"], cwd=tree, prefix=prefix)
        nested = run(["."], cwd=tree, prefix=prefix)
    finally:
        (tree / "locked-dir").chmod(0o755)
    assert done.returncode == 2
    assert _lines(done.stderr, "locked") == [
        "nflint: cannot read locked.json: permission denied",
        "nflint: cannot read locked-dir: a directory that cannot be listed: "
        "permission denied",
    ]
    assert len(_lines(done.stdout, "sub/northflank.yaml:")) == 5
    assert len(_lines(done.stdout, "bad.yaml:")) == 5
    assert nested.returncode == 2
    assert "nflint: cannot read locked-dir: a directory that cannot be listed" in (
        nested.stderr.decode()
    )


# -- no side effects -------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Everything about every path below ``root`` a run could change."""
    found: dict[str, tuple[object, ...]] = {}
    for path in [root, *sorted(root.rglob("*"))]:
        info = path.lstat()
        digest = ""
        if stat.S_ISREG(info.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        elif stat.S_ISDIR(info.st_mode):
            digest = "|".join(sorted(os.listdir(path)))
        found[str(path.relative_to(root))] = (
            info.st_mode,
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
            info.st_ino,
            info.st_nlink,
            digest,
        )
    return found


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", root / "examples")
    shutil.copytree(ROOT / "tests" / "data" / "corpus" / "real-world", root / "real-world")
    (root / "odd").mkdir()
    (root / "odd" / "northflank-binary.json").write_bytes(bytes(range(256)))
    (root / "odd" / "northflank-crlf.yaml").write_bytes(BAD.replace(b"\n", b"\r\n"))
    (root / "odd" / "readonly.yaml").write_bytes(BAD)
    (root / "odd" / "readonly.yaml").chmod(0o444)
    (root / "odd" / "link.yaml").symlink_to("readonly.yaml")
    return root


def test_a_run_changes_nothing(corpus_copy: Path) -> None:
    for path in [corpus_copy, *corpus_copy.rglob("*")]:  # a write moves mtime off 0
        os.utime(path, ns=(0, 0), follow_symlinks=False)
    before = snapshot(corpus_copy)
    for fmt in sorted(REPORTERS):
        done = run(["--format", fmt, "."], cwd=corpus_copy)
        assert done.returncode in (1, 2), done.stderr
    run(["--jobs", "2", "."], cwd=corpus_copy)
    run(["--list-files", "."], cwd=corpus_copy)
    run(["-", "--stdin-filename", "odd/readonly.yaml"], cwd=corpus_copy, input=BAD)
    assert snapshot(corpus_copy) == before


# -- no network --------------------------------------------------------------------------

_SITECUSTOMIZE = """
import socket, os

def _refuse(*args, **kwargs):
    with open(os.environ["NFLINT_NET_LOG"], "a") as log:
        log.write(repr(args[:2]) + "\\n")
    raise OSError("network access is disabled in nflint's tests")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.socket.sendto = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def test_no_network_connection_from_the_command_line(tmp_path: Path, corpus_copy: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(_SITECUSTOMIZE)
    log = tmp_path / "net.log"
    env = ENV | {"PYTHONPATH": str(tmp_path / "site"), "NFLINT_NET_LOG": str(log)}
    for args in (*(["--format", fmt, "."] for fmt in sorted(REPORTERS)), ["--list-files"]):
        done = subprocess.run(
            [sys.executable, "-m", "nflint", "check", *args],
            cwd=corpus_copy,
            env=env,
            capture_output=True,
            timeout=300,
            check=False,
        )
        assert done.returncode in (0, 1, 2), done.stderr
    check = subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('example.com', 80)"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert check.returncode != 0 and log.exists()  # the guard works...
    assert log.read_text().count("\n") == 1  # ...and only the probe touched it


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> object:
        attempts.append(args[:2])
        raise OSError("network access is disabled in this test")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_no_network_connection_in_process(no_network: list[object], fmt: str) -> None:
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--format", fmt, str(ROOT / "examples")]
    )
    assert result.exit_code == 1, result.output
    assert no_network == []


# -- interruption ---------------------------------------------------------------------------


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C on for a child started inside. A test run started as a
    background job of a shell without job control inherits SIGINT ignored;
    a child inherits that too, and Python keeps an inherited "ignore", so
    nflint would never see the signal these tests send. A signal with a
    handler is reset to the default in the child, which Python then turns
    into KeyboardInterrupt."""
    inherited = signal.getsignal(signal.SIGINT)
    if inherited is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, inherited)


def _poll(ready: Callable[[], bool], proc: subprocess.Popen[bytes]) -> bool:
    """Until ``ready()`` (True) or the end of the process (False)."""
    while not ready():
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    return True


def _wait_blocked_on_read(proc: subprocess.Popen[bytes]) -> None:
    """Until the process sleeps in a read of its standard input (the kernel
    says so: read(2) on file descriptor 0, in /proc/PID/syscall)."""
    read = {"x86_64": "0", "aarch64": "63"}.get(os.uname().machine)
    syscall = Path(f"/proc/{proc.pid}/syscall")
    if read is None or not syscall.exists():
        pytest.skip("needs /proc/PID/syscall on x86_64 or aarch64")

    def reading() -> bool:
        try:
            fields = syscall.read_text().split()
        except OSError:  # not readable (yet)
            return False
        return fields[:2] == [read, "0x0"]

    assert _poll(reading, proc), "the process ended before it read its input"


def _group_cpu_seconds(group: int) -> float:
    """CPU time used so far by the processes of a process group."""
    ticks = 0
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp; then utime and stime are fields 11, 12
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def test_ctrl_c_while_reading_exits_130_with_one_line(tmp_path: Path) -> None:
    with _interruptible():
        proc = subprocess.Popen(
            [sys.executable, "-m", "nflint", "check", "--isolated", "-o", "report.json", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=ENV,
        )
    try:
        _wait_blocked_on_read(proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.wait()  # reaped here, not reported as still running by a later test
    assert proc.returncode == 130, err
    assert err.decode().splitlines() == ["nflint: interrupted"]
    assert out == b""
    assert list(tmp_path.iterdir()) == []  # no report, no temporary file


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_while_linting_exits_130_and_leaves_nothing(tmp_path: Path, jobs: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    # 1,500 files of 20 documents each: long enough a run (a minute serially
    # here) that the signal comes while it lints, also on a much faster machine
    many = b"---\n".join([BAD] * 20)
    for number in range(1500):
        (work / f"northflank-{number:04d}.yaml").write_bytes(many)
    before = snapshot(work)
    argv = [sys.executable, "-m", "nflint", "check", "--isolated", "--jobs", jobs, "-o", "r.txt"]
    with _interruptible():
        proc = subprocess.Popen(
            [*argv, "."],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=work,
            env=ENV,
            start_new_session=True,  # like a terminal: Ctrl-C goes to the whole group
        )
    try:
        # linting: start-up and discovery take a fraction of a second of CPU,
        # the run about a minute (work done, not time passed, on a busy machine)
        if _poll(lambda: _group_cpu_seconds(proc.pid) >= 1.5, proc):
            os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    if proc.returncode in (0, 1):
        pytest.skip("the run finished before the signal came (a very fast machine)")
    assert proc.returncode == 130, err
    assert err.decode().splitlines() == ["nflint: interrupted"]
    assert snapshot(work) == before  # no report file, nothing changed
    if shutil.which("pgrep"):  # no worker process left running (once exited ones are reaped)
        pgrep = ["pgrep", "-g", str(proc.pid)]
        for _ in range(1000):
            left = subprocess.run(pgrep, capture_output=True, check=False).stdout
            if not left:
                break
            time.sleep(0.01)
        assert left == b""
