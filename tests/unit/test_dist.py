"""dist/ (scripts/build_dist.py): what a host page loads from a CDN, and the npm package around it."""

import ast
import json
import random
import re
import shutil
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from build_dist import CPYTHON_ONLY, MPY_VERSION, SIZE_LIMIT, build, package_files, strip_source

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_JSON = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
VERSION = PACKAGE_JSON["version"]
WHEEL = f"pyscript_mute_button-{VERSION}-py3-none-any.whl"
ARCHIVE = {"pyscript.toml": f"widget-{VERSION}.zip", "micropython.toml": f"widget-{VERSION}.tar.gz"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist") / "dist"
    build(out)
    return out


def zip_members(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def tar_members(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def test_dist_has_the_documented_files(dist):
    assert sorted(p.name for p in dist.iterdir()) == sorted(
        [
            "pyscript.toml",
            "micropython.toml",
            "widget.zip",
            "widget.tar.gz",
            f"widget-{VERSION}.zip",
            f"widget-{VERSION}.tar.gz",
            "mute-bridge.js",
            "mute-button.css",
            "mute-button.js",
            "mute-button.py",
            WHEEL,
        ]
    )
    for name in ("mute-bridge.js", "mute-button.css", "mute-button.js", "mute-button.py"):
        assert (dist / name).read_bytes() == (ROOT / "static" / name).read_bytes(), name


@pytest.mark.parametrize("ext", ["zip", "tar.gz"])
def test_archives_hold_every_module_at_their_root_and_stay_small(dist, ext):
    path = dist / f"widget.{ext}"
    assert path.stat().st_size < SIZE_LIMIT
    assert (dist / f"widget-{VERSION}.{ext}").read_bytes() == path.read_bytes()
    members = zip_members(path) if ext == "zip" else tar_members(path)
    suffix = ".py" if ext == "zip" else ".mpy"  # MicroPython's holds bytecode
    assert sorted(members) == sorted(name[: -len(".py")] + suffix for name in package_files())
    assert f"bridge/runtime{suffix}" in members and f"bridge/page{suffix}" not in members, (
        "CPython's page stays home"
    )
    assert f"__init__{suffix}" in members and f"adapters/__init__{suffix}" in members
    assert not any("__pycache__" in name or name.startswith("widget/") for name in members)
    for name, data in members.items():
        if ext == "zip":
            source = (ROOT / "widget" / name).read_text(encoding="utf-8")
            assert data.decode("utf-8") == strip_source(source, name)
        else:
            assert data[:2] == bytes([ord("M"), MPY_VERSION]), name
            assert f"widget/{name[: -len('.mpy')]}.py".encode() in data, "tracebacks name the module"


def test_an_archive_over_the_limit_fails_the_build(tmp_path):
    root = tmp_path / "root"
    (root / "widget").mkdir(parents=True)
    (root / "static").mkdir()
    shutil.copyfile(ROOT / "package.json", root / "package.json")
    for name in ("mute-bridge.js", "mute-button.css"):
        shutil.copyfile(ROOT / "static" / name, root / "static" / name)
    noise = random.Random(0).randbytes(SIZE_LIMIT).hex()  # does not compress
    (root / "widget" / "__init__.py").write_text(f"NOISE = {noise!r}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="over the"):
        build(tmp_path / "dist", root=root)
    assert not (tmp_path / "dist").exists()


def test_build_is_reproducible(dist, tmp_path):
    again = tmp_path / "again"
    build(again)
    for path in dist.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("name", ARCHIVE)
def test_configs_are_relative_to_themselves_and_leave_the_interpreter_to_the_page(dist, name):
    config = tomllib.loads((dist / name).read_text(encoding="utf-8"))
    assert "interpreter" not in config, "a CDN config must not choose the host page's interpreter"
    assert "packages" not in config, "any `packages` makes PyScript fetch micropip"
    assert config["files"] == {f"./{ARCHIVE[name]}": "./widget/*"}
    assert config["js_modules"] == {"main": {"./mute-bridge.js": "mute_bridge"}}
    assert set(config) == {"files", "js_modules"}
    for path in [*config["files"], *config["js_modules"]["main"]]:
        assert path.startswith("./") and "/" not in path[2:], path
        assert (dist / path).is_file(), path


def test_bridge_module_name_is_the_one_the_package_imports():
    source = (ROOT / "widget" / "bridge" / "runtime.py").read_text(encoding="utf-8")
    assert "from pyscript.js_modules import mute_bridge" in source


def test_package_imports_itself_only_relatively():
    for name in package_files():
        tree = ast.parse((ROOT / "widget" / name).read_text(encoding="utf-8"), name)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert (node.module or "").split(".")[0] != "widget", f"{name}:{node.lineno}"
            elif isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] != "widget" for a in node.names), f"{name}:{node.lineno}"


STRIP_SAMPLE = '''\
"""Module docstring,
on two lines."""

import sys  # a comment

TEXT = "# not a comment"


class A:
    """Class docstring."""

    def only_doc(self):
        """The whole body."""

    def f(self, x):  # trailing
        # a full-line comment
        """Still the docstring: a comment is not a statement."""
        return x + len(TEXT)  # end
'''


def test_strip_blanks_comments_and_docstrings_and_keeps_every_line():
    stripped = strip_source(STRIP_SAMPLE)
    assert stripped.count("\n") == STRIP_SAMPLE.count("\n")
    assert "docstring" not in stripped.lower() and "comment" not in stripped.replace("# not a comment", "")
    assert 'TEXT = "# not a comment"' in stripped
    namespace = {}
    exec(compile(stripped, "sample", "exec"), namespace)
    assert namespace["A"]().f(1) == 1 + len("# not a comment")
    assert namespace["A"]().only_doc() is None
    lines = STRIP_SAMPLE.splitlines()
    for number, line in enumerate(stripped.splitlines()):
        if line.strip() and not line.strip().startswith('"'):
            assert lines[number].startswith(line), (number, line)


def test_versions_agree():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == VERSION
    init = ast.parse((ROOT / "widget" / "__init__.py").read_text(encoding="utf-8"))
    versions = [
        n.value.value
        for n in init.body
        if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in n.targets)
    ]
    assert versions == [VERSION]


def test_package_json_is_ready_to_publish():
    assert PACKAGE_JSON["name"] == "pyscript-mute-button"
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    assert PACKAGE_JSON["files"] == ["dist/", "docs/contract.md", "docs/sdk-notes.md"]
    assert PACKAGE_JSON["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PACKAGE_JSON["repository"]["url"].startswith("git+https://")
    assert "build_dist.py" in PACKAGE_JSON["scripts"]["prepack"]


def readme_cdn_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## .+$", text, flags=re.M)
    assert headings[headings.index("## Use it in your own page") + 1] == "## Use it from a CDN"
    return text.split("## Use it from a CDN", 1)[1].split("\n## ", 1)[0]


def test_readme_urls_pin_this_version_and_the_pyscript_we_test_with():
    section = readme_cdn_section()
    ours = re.findall(r"cdn\.jsdelivr\.net/npm/pyscript-mute-button@([^/]+)/dist/", section)
    assert ours and set(ours) == {VERSION}
    pyscript = set(re.findall(r"cdn\.jsdelivr\.net/npm/@pyscript/core@([^/]+)/dist/core\.js", section))
    assert pyscript == {PACKAGE_JSON["devDependencies"]["@pyscript/core"]}
    assert f"widget-{VERSION}.zip" in section and f"widget-{VERSION}.tar.gz" in section


def test_dist_is_not_committed():
    assert "dist/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


# -- the wheel, for Pyodide hosts and PyPI ---------------------------------------------
def wheel_members(dist: Path) -> dict:
    return zip_members(dist / WHEEL)


def test_wheel_is_pure_python_and_installs_the_package_as_widget(dist):
    members = wheel_members(dist)
    info = f"pyscript_mute_button-{VERSION}.dist-info"
    modules = sorted(n.removeprefix("widget/") for n in members if n.startswith("widget/"))
    # A wheel installs the whole package, CPython's page too (a host's own unit tests use it).
    assert modules == sorted([*package_files(), *CPYTHON_ONLY])
    for name in modules:
        assert members[f"widget/{name}"] == (ROOT / "widget" / name).read_bytes(), name
    assert set(members) - {f"widget/{n}" for n in modules} == {
        f"{info}/METADATA",
        f"{info}/WHEEL",
        f"{info}/RECORD",
        f"{info}/licenses/LICENSE",
    }
    wheel = members[f"{info}/WHEEL"].decode()
    assert "Root-Is-Purelib: true" in wheel and "Tag: py3-none-any" in wheel


def test_wheel_metadata_is_ready_for_pypi(dist):
    metadata = wheel_members(dist)[f"pyscript_mute_button-{VERSION}.dist-info/METADATA"].decode()
    head = metadata.split("\n\n", 1)[0].splitlines()
    assert "Name: pyscript-mute-button" in head and f"Version: {VERSION}" in head
    assert "License-Expression: MIT" in head and "Requires-Python: >=3.11" in head
    assert "Description-Content-Type: text/markdown" in head
    assert not any(line.startswith("Requires-Dist:") for line in head), "the widget needs nothing"


def test_build_backend_is_declared_and_pinned():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    system = pyproject["build-system"]
    assert system["build-backend"] == "flit_core.buildapi"
    (requirement,) = system["requires"]
    assert re.fullmatch(r"flit_core==[\d.]+", requirement)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").split()
    assert requirement in requirements, "make dist installs the same backend it builds with"
    assert pyproject["tool"]["flit"]["module"]["name"] == "widget"


def test_element_boots_the_pyscript_the_readme_names():
    source = (ROOT / "static" / "mute-button.js").read_text(encoding="utf-8")
    pinned = PACKAGE_JSON["devDependencies"]["@pyscript/core"]
    assert f'const PYSCRIPT_VERSION = "{pinned}";' in source
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"npm/@pyscript/core@{pinned}/dist/core.js" in readme
    assert "import.meta.url" in source
    assert 'const CONFIGS = { py: "pyscript.toml", mpy: "micropython.toml" };' in source


def test_self_hosted_pyodide_carries_micropip_for_the_wheel_route():
    from vendor_micropip import SHA256, WHEEL, done

    pyodide = ROOT / "static" / "vendor" / "pyodide"
    if not (pyodide / "pyodide-lock.json").is_file():
        pytest.skip("static/vendor/ is not set up (scripts/setup.sh)")
    assert done(pyodide), "scripts/vendor_micropip.py has not run since static/vendor/ was copied"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["micropip"]
    assert entry["file_name"] == WHEEL and entry["sha256"] == SHA256 and entry["depends"] == []
    npm = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert npm["packages"]["micropip"]["version"] == entry["version"], "the version Pyodide was built with"
