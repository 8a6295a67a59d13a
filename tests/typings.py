"""Compile code against the real SDK packages' typings (node_modules), for contract tests.

A fake or an adapter may only use names that the real package declares. The most
reliable check is the TypeScript compiler itself: write a small .ts file that uses each
name on the real types, or type-check a fake written in JavaScript with JSDoc
annotations (``// @ts-check``, ``/** @type {import('pkg').Type} */``), and fail on any
error. A name the package lacks is then a compile error, including a misspelt event
name on a typed ``on()`` and an extra field in an object literal.

    from tests.typings import compile_errors, ts_string
    errors = compile_errors({"use.ts": "import {X} from 'pkg'; declare const x: X; x.method();"})
    assert not errors, errors

Files are written to a fresh folder under build/ (ignored by git) so that bare imports
such as ``'genesys-cloud-webrtc-sdk'`` resolve from the repository's node_modules; extra
existing files (a fake in demo/fakes/) are compiled with them as they are.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TSC = ROOT / "node_modules" / ".bin" / "tsc"
OPTIONS = (
    "--noEmit",
    "--strict",
    "--skipLibCheck",
    "--allowJs",
    "--checkJs",
    "--module",
    "esnext",
    "--moduleResolution",
    "bundler",
    "--target",
    "es2022",
    "--lib",
    "es2022,dom",
    "--pretty",
    "false",
)


def tsc_available() -> bool:
    return TSC.exists()


def compile_errors(sources: "dict[str, str] | None" = None, files: "tuple[Path, ...]" = ()) -> "list[str]":
    """The compiler's error lines for ``sources`` (name -> text) and existing ``files``; [] when clean."""
    if not tsc_available():
        raise RuntimeError(f"{TSC} is missing: run `npm ci` (the README set-up does) first")
    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="typings-", dir=build))
    try:
        paths = []
        for name, text in (sources or {}).items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        paths.extend(str(Path(f).resolve()) for f in files)
        result = subprocess.run(
            [str(TSC), *OPTIONS, *paths],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    lines = (result.stdout + result.stderr).splitlines()
    errors = [line for line in lines if "error TS" in line]
    if result.returncode != 0 and not errors:
        errors = lines or [f"tsc exited with {result.returncode}"]
    return errors


def ts_string(value: str) -> str:
    """A TypeScript string literal for value."""
    return json.dumps(value)
