"""Build the widget package into static/vendor/ as one archive per interpreter: what the
root configs load.

    python scripts/build_package.py    # rebuilds them when a module of widget/ changed

static/vendor/widget.zip      pyscript.toml (Pyodide) unpacks it to ./widget/
static/vendor/widget.tar.gz   static/micropython.toml unpacks it to ./widget/: the same modules
                              as MicroPython bytecode (.mpy); a zip would need a blob: worker on
                              MicroPython (see scripts/build_dist.py)

Why an archive: a page then fetches the package once instead of once per module, and reads
less. Measured with the benchmark's pages (bench/pages/, 21 cold loads each, load average
about 5): MicroPython's first render 683 ms with one fetch per module (19), 588 ms with one
archive of the sources as they are, 550 ms with comments and docstrings blanked (the bare
runtime: 473 ms). So the archives hold what dist/ holds: every widget/**/*.py with comments
and docstrings blanked line for line, so a traceback's line numbers are the source's.

The set-up builds them, and scripts/serve.py rebuilds them before serving one whenever a
module is newer: `make demo`, the tests and the benchmark always run the code in widget/.
Another static server serves what the last build wrote.
"""

import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_dist import bytecode, modules, package_files, tar_gz_bytes, zip_bytes  # noqa: E402

ARCHIVES = {
    "widget.zip": zip_bytes,
    "widget.tar.gz": lambda files: tar_gz_bytes(bytecode(files, lenient=True)),
}
BUILDERS = ("build_package.py", "build_dist.py")
_lock = threading.Lock()


def vendor(root: Path = ROOT) -> Path:
    return root / "static" / "vendor"


def contents(root: Path = ROOT) -> dict:
    """{path in the archive: bytes} for every module; a module that does not parse goes in
    as it is, so that the page shows Python's SyntaxError as it would for a lone file."""
    package = root / "widget"
    try:
        return modules(package)
    except (SyntaxError, ValueError):
        return {name: (package / name).read_bytes() for name in package_files(package)}


def _newest(root: Path) -> float:
    """The latest change in widget/ (a module written, added or removed: its folder's time),
    or in how the archives are built."""
    package = root / "widget"
    times = [package.stat().st_mtime, *(Path(__file__).with_name(n).stat().st_mtime for n in BUILDERS)]
    for path in package.rglob("*"):
        if "__pycache__" in path.parts:
            continue
        if path.is_dir() or path.suffix == ".py":
            times.append(path.stat().st_mtime)
    return max(times)


def stale(root: Path = ROOT) -> bool:
    """True when an archive is missing or older than a change in widget/."""
    newest = _newest(root)
    for name in ARCHIVES:
        path = vendor(root) / name
        if not path.is_file() or path.stat().st_mtime < newest:
            return True
    return False


def build(root: Path = ROOT) -> dict:
    """Write both archives (each replaced at once, so a reader never sees half of one);
    returns {name: size in bytes}."""
    files = contents(root)
    out = vendor(root)
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, pack in ARCHIVES.items():
        data = pack(files)
        partial = out / f".{name}.{os.getpid()}.{threading.get_ident()}"
        partial.write_bytes(data)
        os.replace(partial, out / name)
        sizes[name] = len(data)
    return sizes


def ensure(root: Path = ROOT) -> None:
    """Rebuild the archives when they are stale (scripts/serve.py calls this before serving one)."""
    with _lock:
        if stale(root):
            build(root)


def main() -> None:
    if stale():
        sizes = build()
        print("package: " + ", ".join(f"static/vendor/{n} {s:,} bytes" for n, s in sizes.items()))


if __name__ == "__main__":
    main()
