"""The package archives the root configs load (scripts/build_package.py): rebuilt when a
module changes, is added or is removed, and holding exactly the modules of widget/."""

import io
import os
import shutil
import tarfile
import time
import zipfile
from pathlib import Path

import build_package

ROOT = Path(__file__).resolve().parents[2]


def names_in(root: Path) -> tuple:
    vendor = build_package.vendor(root)
    with zipfile.ZipFile(vendor / "widget.zip") as archive:
        in_zip = sorted(archive.namelist())
    with tarfile.open(fileobj=io.BytesIO((vendor / "widget.tar.gz").read_bytes())) as archive:
        in_tar = sorted(m.name for m in archive.getmembers() if m.isfile())
    return in_zip, in_tar


def test_archives_follow_every_change_of_the_package(tmp_path):
    shutil.copytree(ROOT / "widget", tmp_path / "widget", ignore=shutil.ignore_patterns("__pycache__"))
    assert build_package.stale(tmp_path), "no archive yet"
    build_package.ensure(tmp_path)
    assert not build_package.stale(tmp_path)
    modules = sorted(build_package.contents(tmp_path))
    compiled = sorted(name[: -len(".py")] + ".mpy" for name in modules)  # MicroPython's: bytecode
    assert names_in(tmp_path) == (modules, compiled)
    assert "adapters/base.py" in modules and "__init__.py" in modules

    # A module edited: rebuilt, with the new code (docstrings blanked, code kept).
    later = time.time() + 5
    model = tmp_path / "widget" / "model.py"
    model.write_text(model.read_text() + "\nEDITED = 1\n")
    os.utime(model, (later, later))
    assert build_package.stale(tmp_path)
    build_package.ensure(tmp_path)
    with zipfile.ZipFile(build_package.vendor(tmp_path) / "widget.zip") as archive:
        assert "EDITED = 1" in archive.read("model.py").decode()

    # A module added, then one removed: the archives list exactly what is there.
    extra = tmp_path / "widget" / "extra.py"
    extra.write_text("X = 1\n")
    os.utime(extra.parent, (later + 5, later + 5))
    build_package.ensure(tmp_path)
    assert "extra.py" in names_in(tmp_path)[0]
    extra.unlink()
    os.utime(extra.parent, (later + 10, later + 10))
    build_package.ensure(tmp_path)
    assert names_in(tmp_path) == (modules, compiled)
