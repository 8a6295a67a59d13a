"""The README's "Use it from a CDN", in a real Chromium on Pyodide and MicroPython.

dist/ is built fresh (scripts/build_dist.py) and served from a second loopback origin laid
out like jsDelivr, with its CORS headers; PyScript and the runtimes are served there too,
from node_modules. The host page lives on the first origin, which holds nothing of ours but
the page, its softphone (tests/pages/cdn-softphone.js) and mute.py; the page is made of the
README's snippet with https://cdn.jsdelivr.net replaced by the second origin. The tests cannot
reach a CDN, so the mirror's copy of each dist config gets one more line, `interpreter = ...`,
naming the pinned runtime on the mirror; test_verbatim_snippet_gets_pyscripts_default_interpreter
shows what the configs do without it.
"""

import html
import json
import mimetypes
import re
import shutil
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest
from build_dist import build
from serve import ROOT, TYPES, make_server, start

CDN = "https://cdn.jsdelivr.net"
BUTTON = "#mute button"
PAGES = ROOT / "tests" / "pages"
NODE = ROOT / "node_modules"


def npm_version(package: str) -> str:
    return json.loads((NODE / package / "package.json").read_text(encoding="utf-8"))["version"]


VERSION = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["version"]
OURS = f"/npm/pyscript-mute-button@{VERSION}/dist"
CONFIG = {"py": "pyscript.toml", "mpy": "micropython.toml"}
ARCHIVE = {"py": "zip", "mpy": "tar.gz"}
MPY_PACKAGE = "@micropython/micropython-webassembly-pyscript"
# What the mirror serves, jsDelivr's paths -> local folders (the npm packages themselves).
MIRRORED = {
    f"/npm/@pyscript/core@{npm_version('@pyscript/core')}/dist": NODE / "@pyscript" / "core" / "dist",
    f"/npm/pyodide@{npm_version('pyodide')}": NODE / "pyodide",
    f"/npm/{MPY_PACKAGE}@{npm_version(MPY_PACKAGE)}": NODE / MPY_PACKAGE,
}
# The test-only `interpreter` line: the pinned runtimes, on the mirror.
RUNTIME = {
    "py": f"/npm/pyodide@{npm_version('pyodide')}/pyodide.mjs",
    "mpy": f"/npm/{MPY_PACKAGE}@{npm_version(MPY_PACKAGE)}/micropython.mjs",
}
# PyScript's default MicroPython (tests/unit/test_bytecode.py checks that it is the one it names).
DEFAULT_MPY_DIR = f"/npm/{MPY_PACKAGE}@{npm_version('micropython-pyscript-default')}"
CORS = {"Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin"}
# Every CSP refusal, in window.cspViolations and as a word of <html data-csp-refused>.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
  const html = document.documentElement;
  html.dataset.cspRefused = `${html.dataset.cspRefused ?? ""} ${e.effectiveDirective}`.trim();
});
"""


# -- the README ------------------------------------------------------------------------
def readme() -> dict:
    """The code blocks of the README's CDN section: py and mpy pages, mute.py, policy, config."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Use it from a CDN\n", 1)[1].split("\n## ", 1)[0]
    # The JavaScript and wheel routes have their own tests (test_element.py, test_wheel.py).
    parts = section.split("\n### ")
    section = "\n### ".join(p for p in parts if not p.startswith(("From JavaScript", "Pyodide: the package")))
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", section, flags=re.M | re.S)
    found = {}
    for lang, body in blocks:
        if lang == "html":
            found["mpy" if 'type="mpy"' in body else "py"] = body
        elif lang in ("python", "toml"):
            found[lang] = body
        elif lang == "text" and "default-src" in body:
            found["csp"] = body.strip()
    assert set(found) == {"py", "mpy", "python", "toml", "csp"}, sorted(found)
    return found


README = readme()


def host_page(snippet: str, csp: "str | None" = None) -> str:
    """A whole page around the snippet: the host's softphone first, the policy if any."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">\n' if csp else ""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"{meta}<title>Host page</title>\n"
        '<script type="module" src="./cdn-softphone.js"></script>\n'
        f"</head>\n<body>\n<main>\n{snippet}</main>\n</body>\n</html>\n"
    )


def with_interpreter(config: str, url: str) -> str:
    """The test-only copy of a config: the same text after one `interpreter` line."""
    return f'interpreter = "{url}"\n' + config


# -- the two origins -------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """dist/ as `make dist` builds it, into a temporary folder."""
    out = tmp_path_factory.mktemp("built") / "dist"
    build(out)
    return out


@pytest.fixture(scope="module")
def cdn(tmp_path_factory, built) -> str:
    """The second origin: a jsDelivr-shaped mirror with CORS headers."""
    root = tmp_path_factory.mktemp("cdn")
    dist = root / OURS.lstrip("/")
    shutil.copytree(built, dist)
    for prefix, folder in MIRRORED.items():
        (root / prefix.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix.lstrip("/")).symlink_to(folder, target_is_directory=True)
    server = make_server(0, root=root, headers=CORS)
    start(server)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    for kind, name in CONFIG.items():
        (dist / name).write_text(with_interpreter((built / name).read_text(), origin + RUNTIME[kind]))
    yield origin
    server.shutdown()


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """The first origin: the host page's own files and nothing of ours."""
    root = tmp_path_factory.mktemp("host")
    (root / "demo" / "fakes").mkdir(parents=True)
    shutil.copyfile(ROOT / "demo" / "fakes" / "softphone.js", root / "demo" / "fakes" / "softphone.js")
    for name in ("cdn-softphone.js", "cdn-mutebutton.py"):
        shutil.copyfile(PAGES / name, root / name)
    (root / "mute.py").write_text(README["python"], encoding="utf-8")
    server = make_server(0, root=root)
    start(server)
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()


def open_host(page, host, name: str, text: str, requests: "list | None" = None):
    origin, root = host
    (root / name).write_text(text, encoding="utf-8")
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{origin}/{name}")
    page.wait_for_selector(BUTTON, state="attached", timeout=60_000)


# -- acting and reading ----------------------------------------------------------------
def attrs(page) -> dict:
    return page.eval_on_selector(
        BUTTON,
        """b => Object.fromEntries(['type', 'disabled', 'aria-pressed', 'aria-busy', 'data-call',
              'data-mic', 'data-status', 'data-confirmed', 'data-error'].map(n => [n, b.getAttribute(n)]))""",
    )


def wait_attr(page, name: str, value: str) -> None:
    page.wait_for_selector(f'{BUTTON}[{name}="{value}"]', state="attached", timeout=10_000)


def softphone(page, script: str):
    return page.evaluate(f"() => {{ const softphone = window.mySoftphone; {script} }}")


def mute_calls(page) -> list:
    return softphone(page, "return softphone.calls.filter(c => c[0] === 'muteMic').map(c => c[1])")


def answer_and_mute(page) -> None:
    """Connect the call, click, see pending, then the confirmed mute."""
    softphone(page, "softphone.ring(); softphone.answer()")
    page.wait_for_selector(f'{BUTTON}[data-call="connected"]:not([disabled])', timeout=10_000)
    page.click(BUTTON)
    a = attrs(page)
    assert a["data-status"] == "pending" and a["aria-busy"] == "true" and a["disabled"] == ""
    assert a["aria-pressed"] == "false", "the click alone must not show muted"
    wait_attr(page, "aria-pressed", "true")
    a = attrs(page)
    assert a["data-mic"] == "muted" and a["data-confirmed"] == "true" and a["data-status"] == "ready"
    assert mute_calls(page) == [True]


# -- the tests -------------------------------------------------------------------------
def test_readme_snippet_from_a_cdn_origin(page, interp, cdn, host, built):
    requests = []
    snippet = README[interp].replace(CDN, cdn)
    open_host(page, host, f"cdn-{interp}.html", host_page(snippet), requests)

    # A real button named Mute, disabled until the call is connected.
    assert page.get_by_role("button", name="Mute").count() == 1
    a = attrs(page)
    assert a["type"] == "button" and a["disabled"] == "" and a["aria-pressed"] == "false"
    assert a["data-call"] == "none" and a["data-status"] == "unavailable"
    softphone(page, "softphone.ring()")
    wait_attr(page, "data-call", "ringing")
    assert attrs(page)["disabled"] == ""
    page.click(BUTTON, force=True)  # a click on the disabled button reaches nothing
    assert mute_calls(page) == []
    answer_and_mute(page)

    # A refusal: the shown state stays the confirmed one, and the reason is given.
    softphone(page, "softphone.nextMute = 'reject'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    a = attrs(page)
    assert a["aria-pressed"] == "true" and a["data-mic"] == "muted" and a["data-status"] == "error"
    reason = page.eval_on_selector(
        BUTTON, "b => document.getElementById(b.getAttribute('aria-describedby'))?.outerHTML"
    )
    assert 'role="alert"' in reason and "Operation Not Allowed" in reason
    assert mute_calls(page) == [True, False]

    # From the CDN: exactly the config and what it lists (plus the page's stylesheet).
    config = tomllib.loads((built / CONFIG[interp]).read_text(encoding="utf-8"))
    listed = [CONFIG[interp], *config["files"], *config["js_modules"]["main"], "mute-button.css"]
    ours = sorted({urlparse(u).path for u in requests if u.startswith(cdn + OURS + "/")})
    assert ours == sorted(f"{OURS}/{name.removeprefix('./')}" for name in listed)
    assert f"{OURS}/widget-{VERSION}.{ARCHIVE[interp]}" in ours
    own = {urlparse(u).path for u in requests if u.startswith(host[0])}
    assert own == {f"/cdn-{interp}.html", "/cdn-softphone.js", "/demo/fakes/softphone.js", "/mute.py"}
    assert all(u.startswith((cdn, host[0], "blob:")) for u in requests), requests


def test_readme_policy_is_enough(page, interp, cdn, host):
    csp = README["csp"].replace(CDN, cdn)
    assert "unsafe-inline" not in csp
    page.add_init_script(RECORD_VIOLATIONS)
    open_host(page, host, f"cdn-csp-{interp}.html", host_page(README[interp].replace(CDN, cdn), csp))
    answer_and_mute(page)
    # The stylesheet applies, icons included.
    icon = page.eval_on_selector(f"{BUTTON} .mute-button__icon", "i => getComputedStyle(i).maskImage")
    assert icon.startswith('url("data:image/svg+xml'), icon
    assert page.evaluate("cspViolations") == []


# Each source of the README's policy, removed in turn, and what the page is then refused.
REMOVALS = {
    "script-src cdn": ("script-src", CDN, "script-src-elem", "/core.js"),
    "script-src unsafe-eval": ("script-src", "'unsafe-eval'", "script-src", "eval"),
    "connect-src cdn": ("connect-src", CDN, "connect-src", "/micropython.toml"),
    "connect-src self": ("connect-src", "'self'", "connect-src", "/mute.py"),
    "style-src cdn": ("style-src", CDN, "style-src-elem", "/mute-button.css"),
    "img-src data": ("img-src", "data:", "img-src", "data"),
}


def without(policy: str, directive: str, source: str) -> str:
    parts = []
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == directive:
            assert source in words, (directive, source)
            words.remove(source)
        parts.append(" ".join(words))
    return "; ".join(parts)


def refusals(context, host, name: str, text: str, effective: str) -> list:
    """Open a page that a CSP refuses something; wait for a refusal under `effective`."""
    page = context.new_page()
    try:
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        page.add_init_script(RECORD_VIOLATIONS)
        (host[1] / name).write_text(text, encoding="utf-8")
        page.goto(f"{host[0]}/{name}")
        page.wait_for_selector(f'html[data-csp-refused~="{effective}"]', state="attached", timeout=30_000)
        return page.evaluate("cspViolations")
    finally:
        page.close()


@pytest.mark.parametrize("removed", REMOVALS)
def test_each_source_of_the_policy_is_needed(shared_context, cdn, host, removed):
    """On MicroPython (the cheaper page): without the source, the page is refused what it needs."""
    directive, source, effective, blocked = REMOVALS[removed]
    csp = without(README["csp"], directive, source).replace(CDN, cdn)
    text = host_page(README["mpy"].replace(CDN, cdn), csp)
    seen = refusals(shared_context, host, "cdn-minus-" + removed.replace(" ", "-") + ".html", text, effective)
    assert any(v["directive"] == effective and blocked in v["blocked"] for v in seen), seen


def test_a_zip_on_micropython_would_need_a_blob_worker(shared_context, cdn, host):
    """Why micropython.toml names the tar.gz: PyScript unpacks a zip on MicroPython in a
    blob: worker, which the README's policy refuses."""
    own = with_interpreter(README["toml"].replace(CDN, cdn), cdn + RUNTIME["mpy"])
    assert "/widget.zip" in own
    (host[1] / "cdn-zip-mpy.toml").write_text(own, encoding="utf-8")
    snippet = re.sub(r'config="[^"]+"', 'config="./cdn-zip-mpy.toml"', README["mpy"])
    snippet = snippet.replace('src="./mute.py"', 'src="./cdn-mutebutton.py"').replace(CDN, cdn)
    csp = README["csp"].replace(CDN, cdn)
    seen = refusals(shared_context, host, "cdn-zip-mpy.html", host_page(snippet, csp), "worker-src")
    assert any(v["directive"] == "worker-src" and v["blocked"] == "blob" for v in seen), seen


def test_mounts_under_another_name(page, interp, cdn, host):
    """The README's own-config block: the package unpacked as ./mutebutton/."""
    own = README["toml"].replace(CDN, cdn)
    if interp == "mpy":
        own = own.replace("/widget.zip", "/widget.tar.gz")
    (host[1] / f"cdn-mutebutton-{interp}.toml").write_text(with_interpreter(own, cdn + RUNTIME[interp]))
    snippet = re.sub(r'config="[^"]+"', f'config="./cdn-mutebutton-{interp}.toml"', README[interp])
    snippet = snippet.replace('src="./mute.py"', 'src="./cdn-mutebutton.py"').replace(CDN, cdn)
    requests = []
    open_host(page, host, f"cdn-mutebutton-{interp}.html", host_page(snippet), requests)
    assert page.get_attribute("html", "data-widget-name") == "absent"
    answer_and_mute(page)
    assert f"{cdn}{OURS}/widget.{ARCHIVE[interp]}" in requests


def test_verbatim_snippet_gets_pyscripts_default_interpreter(page, host, built):
    """The MicroPython snippet and the policy exactly as the README has them, with no
    `interpreter` in our config: PyScript asks jsDelivr for its own default MicroPython.
    jsDelivr is answered from local files: the npm package of that very MicroPython."""
    folders = {
        OURS: built,
        DEFAULT_MPY_DIR: NODE / "micropython-pyscript-default",
        **{prefix: folder for prefix, folder in MIRRORED.items() if "pyscript" in prefix},
    }
    asked = []

    def jsdelivr(route):
        path = urlparse(route.request.url).path
        asked.append(path)
        for prefix, folder in folders.items():
            local = folder / path.removeprefix(prefix + "/")
            if path.startswith(prefix + "/") and local.is_file():
                kind = (
                    TYPES.get(local.suffix)
                    or mimetypes.guess_type(local.name)[0]
                    or "application/octet-stream"
                )
                return route.fulfill(path=local, headers={**CORS, "Content-Type": kind})
        return route.abort()

    page.route(f"{CDN}/**", jsdelivr)
    page.add_init_script(RECORD_VIOLATIONS)
    open_host(page, host, "cdn-verbatim.html", host_page(README["mpy"], README["csp"]))
    answer_and_mute(page)
    assert f"{DEFAULT_MPY_DIR}/micropython.mjs" in asked and f"{DEFAULT_MPY_DIR}/micropython.wasm" in asked
    assert f"{OURS}/micropython.toml" in asked and f"{OURS}/widget-{VERSION}.tar.gz" in asked
    assert page.evaluate("cspViolations") == []
