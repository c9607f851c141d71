"""Running one step's commands as real shell processes, capturing output, exit code and time.

A code block is one script: it runs in bash with `-e -o pipefail` (sh -e where bash is
missing), so a failing line fails the step as it would fail an operator typing it.
Output is streamed to the caller as it comes and kept (its last MAX_OUTPUT characters).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from typing import Callable

from lorebook.runbooks.plan import shell_lines

MAX_OUTPUT = 64_000


@dataclass
class CommandResult:
    command: str
    exit_code: int
    seconds: float
    output: str
    timed_out: bool = False

    def as_dict(self) -> dict:
        return {"command": self.command, "exit_code": self.exit_code, "seconds": round(self.seconds, 3),
                "output": self.output, **({"timed_out": True} if self.timed_out else {})}


def _shell() -> list[str]:
    bash = shutil.which("bash")
    return [bash, "-e", "-o", "pipefail", "-c"] if bash else ["/bin/sh", "-e", "-c"]


def run_command(command: str, on_output: Callable[[str], None] = lambda s: None, timeout: float | None = None,
                cwd: str | None = None) -> CommandResult:
    """Run `command` (a code block) to completion or `timeout` seconds; stdout and stderr interleaved."""
    script = shell_lines(command)
    start = time.monotonic()
    proc = subprocess.Popen(_shell() + [script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            cwd=cwd, env=os.environ.copy(), text=True, errors="replace", bufsize=1,
                            start_new_session=True)
    out: list[str] = []
    size = 0
    timed_out = False
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            on_output(line)
            out.append(line)
            size += len(line)
            while size > MAX_OUTPUT and len(out) > 1:
                size -= len(out.pop(0))
            if timeout is not None and time.monotonic() - start > timeout:
                timed_out = True
                break
        remaining = None if timeout is None else max(0.0, timeout - (time.monotonic() - start))
        proc.wait(timeout=remaining)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        if proc.poll() is None:
            _kill(proc)
        proc.stdout.close()
    code = proc.returncode if not timed_out else 124
    return CommandResult(command=command, exit_code=code, seconds=time.monotonic() - start,
                         output="".join(out)[-MAX_OUTPUT:], timed_out=timed_out)


def _kill(proc: subprocess.Popen) -> None:
    """End the step's whole process group (its children too), politely first."""
    import signal

    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=3)
            return
        except subprocess.TimeoutExpired:
            continue
