"""Serve the repository as static files on loopback, with the MIME types PyScript needs.

    python scripts/serve.py [--port 8000] [--overlay tests/pages]

``--overlay DIR`` also serves DIR's files at the root (tests keep their pages in
tests/pages/ yet load them beside index.html, so they use the root configs as any
host page would).

The package archives the configs load (static/vendor/widget.zip and .tar.gz) are
rebuilt before they are served whenever a module of widget/ changed (build_package.py),
and never cached: an edit of widget/ shows at the next reload.
"""

import argparse
import contextlib
import functools
import http.server
import io
import mimetypes
import os
import threading
from pathlib import Path

import build_package

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_PATHS = {"/static/vendor/" + name for name in build_package.ARCHIVES}
TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".toml": "text/plain",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, with an overlay folder and no caching surprises."""

    overlay: "Path | None" = None
    extra_headers: "tuple[tuple[str, str], ...]" = ()
    prelude: bytes = b""

    def translate_path(self, path: str) -> str:
        local = super().translate_path(path)
        if self.overlay is not None and not os.path.exists(local):
            candidate = self.overlay / os.path.relpath(local, self.directory)
            if candidate.is_file():
                return str(candidate)
        return local

    def send_head(self):
        if self.path.split("?", 1)[0] in PACKAGE_PATHS and (Path(self.directory) / "widget").is_dir():
            try:
                build_package.ensure(Path(self.directory))
            except Exception as exc:  # serve what is there, and say why it may be old
                self.log_error("cannot rebuild the package archives: %s", exc)
        local = self.translate_path(self.path)
        if self.prelude and local.endswith(".html") and os.path.isfile(local):
            # The prelude goes first in <head>: it runs before any script of the page.
            body = Path(local).read_bytes()
            head = body.find(b"<head>")
            at = head + len(b"<head>") if head >= 0 else 0
            body = body[:at] + self.prelude + body[at:]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def guess_type(self, path: "str | os.PathLike[str]") -> str:
        return (
            TYPES.get(Path(path).suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        )

    def end_headers(self) -> None:
        # The pinned runtimes never change under a path; everything else is always fresh.
        vendored = self.path.startswith("/static/vendor/") and self.path.split("?", 1)[0] not in PACKAGE_PATHS
        self.send_header("Cache-Control", "max-age=86400, immutable" if vendored else "no-store")
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("SERVE_LOG"):
            super().log_message(format, *args)


def make_server(
    port: int = 0,
    root: Path = ROOT,
    overlay: "Path | None" = None,
    headers: "dict[str, str] | None" = None,
    prelude: str = "",
) -> http.server.ThreadingHTTPServer:
    """A server on 127.0.0.1 (port 0 picks a free one); call serve_forever() or start().
    ``prelude``: HTML put first in the <head> of every .html page served (a test's recorder)."""
    attributes = {
        "overlay": overlay,
        "extra_headers": tuple((headers or {}).items()),
        "prelude": prelude.encode("utf-8"),
    }
    handler = type("BoundHandler", (Handler,), attributes)
    return http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(root))
    )


def start(server: http.server.ThreadingHTTPServer) -> threading.Thread:
    """Serve in a daemon thread."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--overlay", type=Path, default=None)
    args = parser.parse_args()
    server = make_server(args.port, overlay=args.overlay.resolve() if args.overlay else None)
    print(f"Serving the demo on http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stops)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
