"""Kamailio, the SIP server the real JsSIP tests and the JsSIP demo talk to, on loopback.

    python -m tests.servers.kamailio --port 8002

Debian's ``kamailio`` with ``kamailio-websocket-modules`` (scripts/setup.sh installs
them), running tests/servers/kamailio.cfg in the foreground (``-DD -E``) with its own
runtime directory and pid file, listening only on ``ws://127.0.0.1:PORT``. It stops with
whoever started it: ``stop()``, the end of ``with``, or the death of this Python process
(the kernel sends it SIGTERM then: ``PR_SET_PDEATHSIG``).
"""

import argparse
import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIG = Path(__file__).with_name("kamailio.cfg")
PR_SET_PDEATHSIG = 1


def binary() -> "str | None":
    """The kamailio executable (Debian puts it in /usr/sbin), or None."""
    return shutil.which("kamailio") or shutil.which("kamailio", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Kamailio:
    """One Kamailio on one loopback port; ``start()`` and ``stop()`` may alternate (the
    port stays the same, so clients can reconnect to a server that is back)."""

    def __init__(self, port: "int | None" = None) -> None:
        self.port = port or free_port()
        self.url = f"ws://127.0.0.1:{self.port}"
        self._dir = Path(tempfile.mkdtemp(prefix="kamailio-"))
        self._log = self._dir / "kamailio.log"
        self._proc = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 15.0) -> "Kamailio":
        exe = binary()
        if exe is None:
            raise RuntimeError("kamailio is not installed (scripts/setup.sh test installs it)")
        command = [
            exe, "-f", str(CONFIG), "-DD", "-E",
            "-l", f"tcp:127.0.0.1:{self.port}",
            "-Y", str(self._dir), "-P", str(self._dir / "kamailio.pid"),
            "-m", "32", "-M", "8",
        ]  # fmt: skip
        log = open(self._log, "ab")  # noqa: SIM115 (kept open by the child)
        self._proc = subprocess.Popen(
            command, stdout=log, stderr=log, start_new_session=True, preexec_fn=_die_with_parent
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError("kamailio exited at start:\n" + self.log_tail())
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("kamailio did not listen in time:\n" + self.log_tail())

    def stop(self) -> None:
        """SIGTERM to its process group (the main process and its children), then SIGKILL."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        # The children may outlive the main process by a moment: wait until the port is free.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", self.port))
                    return
                except OSError:
                    time.sleep(0.05)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._dir, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self._log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def __enter__(self) -> "Kamailio":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8002)
    args = parser.parse_args()
    server = Kamailio(args.port)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    with server:
        print(f"Kamailio (SIP over WebSocket) on {server.url}  (Ctrl+C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while server.running:
                time.sleep(0.5)


if __name__ == "__main__":
    main()
