"""Add micropip to the self-hosted Pyodide (static/vendor/pyodide/), so that a config with
`packages` (the wheel route of the README) works with nothing from outside.

    python scripts/vendor_micropip.py    # the set-up runs it; nothing to do when it is there

npm's `pyodide` package ships the runtime and its pyodide-lock.json, but no wheels. Any
`packages` key makes PyScript call `loadPackage("micropip")`, which reads micropip's entry in
the lock file and fetches that file from beside pyodide.mjs, checking its sha256. Pyodide
314.0.7's lock names micropip 0.11.1 (its Python is 3.14; micropip 0.11.1 needs 3.13 or newer
and vendors `packaging`, so its entry depends on nothing), built by Pyodide itself; the wheel
here is the same version from PyPI, pinned by its hash, and the lock entry gets that wheel's
file name and sha256.
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "static" / "vendor" / "pyodide"
LOCK = PYODIDE / "pyodide-lock.json"
VERSION = "0.11.1"
WHEEL = f"micropip-{VERSION}-py3-none-any.whl"
SHA256 = "768de165adb8e66906039d8fec4127a57f522dfdf8e6fbff877a4616941ecfd3"  # PyPI's wheel


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def done(pyodide: Path = PYODIDE) -> bool:
    wheel, lock = pyodide / WHEEL, pyodide / "pyodide-lock.json"
    if not wheel.is_file() or not lock.is_file() or sha256(wheel) != SHA256:
        return False
    entry = json.loads(lock.read_text(encoding="utf-8"))["packages"].get("micropip", {})
    return entry.get("file_name") == WHEEL and entry.get("sha256") == SHA256


def lock_entry(lock: dict) -> dict:
    """micropip's entry as Pyodide's lock format has it, for the wheel from PyPI."""
    python = lock["info"]["python"]
    if tuple(int(n) for n in python.split(".")[:2]) < (3, 13):
        raise SystemExit(f"vendor_micropip: micropip {VERSION} needs Python 3.13+, this Pyodide has {python}")
    entry = dict(lock["packages"].get("micropip") or {})
    entry.update(
        name="micropip",
        version=VERSION,
        file_name=WHEEL,
        install_dir="site",
        sha256=SHA256,
        package_type="package",
        imports=["micropip"],
        depends=[],
        unvendored_tests=False,
    )
    entry.setdefault("tool", {})
    return entry


def download(into: Path) -> Path:
    """micropip's wheel from PyPI, through pip, for Pyodide's Python (not the one running pip)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"micropip=={VERSION}", "--no-deps", "--only-binary=:all:"]
        + ["--python-version", "3.14", "--dest", str(into), "--quiet", "--disable-pip-version-check"],
        check=True,
    )
    wheel = into / WHEEL
    if sha256(wheel) != SHA256:
        raise SystemExit(f"vendor_micropip: {WHEEL} from PyPI has sha256 {sha256(wheel)}, not {SHA256}")
    return wheel


def vendor(pyodide: Path = PYODIDE) -> None:
    lock_path = pyodide / "pyodide-lock.json"
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(download(Path(tmp)), pyodide / WHEEL)
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    lock["packages"]["micropip"] = lock_entry(lock)
    partial = lock_path.with_suffix(".json.tmp")
    partial.write_text(json.dumps(lock, separators=(",", ":")), encoding="utf-8")
    partial.replace(lock_path)


def main() -> None:
    if not done():
        vendor()
        print(f"micropip {VERSION} added to {PYODIDE.relative_to(ROOT)}/ and its pyodide-lock.json")


if __name__ == "__main__":
    main()
