"""Helpers shared by test modules (fixtures live in conftest.py)."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kill_after_first_record(command: list[str], out: Path, timeout: float = 60) -> int:
    """Start `command`, SIGKILL it once `out` holds a record, and return the records written."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 1:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return out.read_bytes().count(b"\n")
