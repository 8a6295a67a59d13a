"""pyscript.toml and static/micropython.toml (and their copies for the pages in demo/):
self-hosted, complete, and in step with widget/."""

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor"
# config file -> how its `files` keys and js_modules paths start (relative to the config)
CONFIGS = {
    "pyscript.toml": "./",
    "static/micropython.toml": "../",
    "demo/pyscript.toml": "../",
    "demo/micropython.toml": "../",
}
# config file -> the folder of the pages that use it (`interpreter` is relative to the page)
PAGES = {
    "pyscript.toml": ROOT,
    "static/micropython.toml": ROOT,
    "demo/pyscript.toml": ROOT / "demo",
    "demo/micropython.toml": ROOT / "demo",
}


def load(name: str) -> dict:
    with (ROOT / name).open("rb") as f:
        return tomllib.load(f)


def widget_files() -> list:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "widget").rglob("*.py"))


def test_widget_has_python_files():
    assert "widget/__init__.py" in widget_files()
    assert "widget/model.py" in widget_files()


@pytest.mark.parametrize("name", CONFIGS)
def test_no_packages_key(name):
    config = load(name)
    assert "packages" not in config, f"{name}: any `packages` makes PyScript fetch micropip from a CDN"


# config file -> the package archive it loads (scripts/build_package.py), relative to it
ARCHIVES = {
    "pyscript.toml": "./static/vendor/widget.zip",
    "static/micropython.toml": "./vendor/widget.tar.gz",
    "demo/pyscript.toml": "../static/vendor/widget.zip",
    "demo/micropython.toml": "../static/vendor/widget.tar.gz",
}


@pytest.mark.parametrize("name", CONFIGS)
def test_files_load_the_package_as_one_archive(name):
    files = load(name).get("files", {})
    assert files == {ARCHIVES[name]: "./widget/*"}, (
        f"{name} loads widget/ as one archive that holds every module (scripts/build_package.py):"
        " a new module needs no line in the config"
    )
    archive = ((ROOT / name).parent / ARCHIVES[name]).resolve()
    assert archive.parent == VENDOR.resolve()
    assert archive.is_file(), f"{name}: {ARCHIVES[name]} does not exist: run the README set-up"


def test_the_archives_hold_every_widget_module():
    import build_package

    names = sorted("widget/" + name for name in build_package.contents(ROOT))
    assert names == [name for name in widget_files() if name != "widget/bridge/page.py"]
    assert set(build_package.ARCHIVES) == {Path(a).name for a in ARCHIVES.values()}


@pytest.mark.parametrize("name", CONFIGS)
def test_interpreter_is_self_hosted(name):
    interpreter = load(name).get("interpreter")
    assert isinstance(interpreter, str), f"{name} has no interpreter"
    assert "://" not in interpreter and not interpreter.startswith("//"), interpreter
    # Relative to the page, not to the config.
    path = (PAGES[name] / interpreter).resolve()
    assert path.is_relative_to(VENDOR.resolve()), f"{name}: {interpreter} is not under static/vendor/"
    assert path.is_file(), f"{name}: {interpreter} does not exist"


@pytest.mark.parametrize(("name", "prefix"), CONFIGS.items())
def test_js_modules_main_maps_the_bridge(name, prefix):
    main = load(name).get("js_modules", {}).get("main", {})
    assert list(main.values()) == ["mute_bridge"], main
    (path,) = main
    assert "://" not in path
    resolved = ((ROOT / name).parent / path).resolve()
    assert resolved == (ROOT / "static" / "mute-bridge.js").resolve()
    assert resolved.is_file()
