# ruff: noqa: F811  (the fixtures built and host come from test_cdn and are parameters here)
"""The README's wheel route on Pyodide: `packages = ["<the wheel's URL>"]`, offline.

Pyodide only: MicroPython installs no wheels (its route is the archive, test_cdn.py). dist/ is
built fresh and served from a second loopback origin laid out like jsDelivr, with PyScript
beside it and the self-hosted Pyodide of static/vendor/pyodide/, which the set-up gives
micropip (scripts/vendor_micropip.py): PyScript loads micropip from there, micropip installs
our wheel from the mirror, and mute.py imports `widget` from site-packages.
"""

import re
import shutil

import pytest
from serve import make_server, start
from test_cdn import (  # noqa: F401  (fixtures)
    CDN,
    CORS,
    MIRRORED,
    OURS,
    README,
    RECORD_VIOLATIONS,
    ROOT,
    VERSION,
    answer_and_mute,
    attrs,
    built,
    host,
    host_page,
)
from vendor_micropip import WHEEL as MICROPIP

WHEEL = f"pyscript_mute_button-{VERSION}-py3-none-any.whl"
SELF_HOSTED = "/self-hosted/pyodide"
TEXT = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = TEXT.split("\n### Pyodide: the package as a wheel\n", 1)[1].split("\n### ", 1)[0]
CONFIG = re.search(r"^```toml\n(.*?)^```", SECTION, flags=re.M | re.S).group(1)


@pytest.fixture(scope="module")
def mirror(tmp_path_factory, built):
    """jsDelivr's layout on loopback: our dist/, PyScript, and the self-hosted Pyodide."""
    if not (ROOT / "static" / "vendor" / "pyodide" / MICROPIP).is_file():
        pytest.fail("static/vendor/pyodide/ has no micropip: run scripts/setup.sh test")
    root = tmp_path_factory.mktemp("wheel-cdn")
    shutil.copytree(built, root / OURS.lstrip("/"))
    core = next(prefix for prefix in MIRRORED if "pyscript" in prefix)
    for prefix, folder in {core: MIRRORED[core], SELF_HOSTED: ROOT / "static" / "vendor" / "pyodide"}.items():
        (root / prefix.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix.lstrip("/")).symlink_to(folder, target_is_directory=True)
    server = make_server(0, root=root, headers=CORS)
    start(server)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_readme_wheel_config_installs_the_package_on_pyodide(page, mirror, host):
    assert "packages" in CONFIG and WHEEL in CONFIG and "[js_modules.main]" in CONFIG
    origin, root = host
    config = f'interpreter = "{mirror}{SELF_HOSTED}/pyodide.mjs"\n' + CONFIG.replace(CDN, mirror)
    (root / "wheel.toml").write_text(config, encoding="utf-8")
    snippet = re.sub(r'config="[^"]+"', 'config="./wheel.toml"', README["py"]).replace(CDN, mirror)
    csp = README["csp"].replace(CDN, mirror)
    (root / "wheel.html").write_text(host_page(snippet, csp), encoding="utf-8")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{origin}/wheel.html")
    page.wait_for_selector("#mute button", state="attached", timeout=120_000)

    a = attrs(page)
    assert a["type"] == "button" and a["data-call"] == "none" and a["data-status"] == "unavailable"
    answer_and_mute(page)
    assert f"{mirror}{SELF_HOSTED}/{MICROPIP}" in requests
    assert f"{mirror}{OURS}/{WHEEL}" in requests
    assert not any("/widget" in u and u.endswith((".zip", ".tar.gz")) for u in requests), requests
    assert page.evaluate("cspViolations") == []
    assert all(u.startswith((mirror, origin, "blob:", "data:")) for u in requests), requests
