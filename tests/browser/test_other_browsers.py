"""The widget in Firefox ESR and in WebKit (WebKitGTK, the engine Safari shares), on Pyodide
and MicroPython, with the same test pages as the Chromium tests: the contract's core, the
CDN embed from a second origin, the media check on a real call (the lying softphone too) and
real JsSIP on Kamailio. tests/browsers.py says how each browser is driven, and how a page
fails its test on a request off loopback or a page error.

One page load covers several checks (each browser starts the runtimes afresh per page).
Where a browser cannot do something, the test asserts what it does instead: Debian's
WebKitGTK is built without WebRTC (no RTCPeerConnection), so in WebKit there is no call
media to verify and JsSIP cannot place a call; the tests assert what the agent then sees.
"""

import contextlib
import json
import re
import shutil
import tomllib
from urllib.parse import urlencode, urlparse

import pytest
from browsers import CONTROL, ENTER, PAGE_WATCH, SHIFT, available, launch
from serve import ROOT, make_server, start
from servers.kamailio import binary
from test_cdn import CDN, CONFIG, OURS, PAGES, README, built, cdn, host_page  # noqa: F401 (fixtures)

BUTTON = "#mount button"
BROWSERS = ["firefox", "webkit"]
ATTRIBUTES = ["disabled", "aria-pressed", "aria-busy", "data-call", "data-mic", "data-status"]
ATTRIBUTES += ["data-confirmed", "data-error", "title"]


@pytest.fixture(scope="session", params=BROWSERS)
def other_browser(request):
    if not available(request.param):
        pytest.fail(f"{request.param} is not installed: run scripts/setup.sh test")
    browser = launch(request.param)
    browser.name = request.param
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def watched_site():
    """tests/pages as conftest's `site`, each page with PAGE_WATCH first (WebKit reads it)."""
    server = make_server(0, overlay=ROOT / "tests" / "pages", prelude=PAGE_WATCH)
    start(server)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def bpage(other_browser):
    """A page that fails its test on a request off loopback or a page error."""
    page = other_browser.page()
    page.browser_name = other_browser.name
    yield page
    with contextlib.suppress(Exception):
        banner = page.js("[...document.querySelectorAll('.py-error')].map(e => e.textContent)")
    page.close()
    assert not banner, f"PyScript error banner: {banner}"
    assert not page.problems(), "\n".join(page.problems())


def attrs(page, selector=BUTTON) -> dict:
    return page.js(
        f"(b => Object.fromEntries({json.dumps(ATTRIBUTES)}.map(n => [n, b.getAttribute(n)])))"
        f"(document.querySelector({json.dumps(selector)}))"
    )


def wait_attr(page, name, value, selector=BUTTON, timeout=5):
    page.wait_selector(f'{selector}[{name}="{value}"]', timeout)


def reason(page, selector=BUTTON) -> str:
    return page.js(
        f"(b => {{ const el = document.getElementById(b.getAttribute('aria-describedby'));"
        f" return el.getAttribute('role') + '|' + el.textContent; }})(document.querySelector({selector!r}))"
    )


def mute_calls(page, phone="softphone") -> list:
    return page.js(f"{phone}.calls.filter(c => c[0] === 'muteMic').map(c => c[1])")


def open_page(page, site, name, **query):
    page.goto(f"{site}/{name}?{urlencode(query)}")
    page.wait_selector("html[data-widget-ready]", 60)


# -- the contract ------------------------------------------------------------------------
def test_contract_core(bpage, watched_site, interp):
    page = bpage
    open_page(page, watched_site, "widget.html", interp=interp, shortcut="ctrl+shift+m", timeout="1")
    # A real button named Mute, disabled until the call is connected; the tooltip says why.
    assert page.js(f"document.querySelector({BUTTON!r}).tagName") == "BUTTON"
    a = attrs(page)
    assert a["disabled"] == "" and a["data-call"] == "none" and a["data-status"] == "unavailable"
    assert a["aria-pressed"] == "false" and "connected call" in a["title"]
    assert "Mute" in page.js(f"document.querySelector({BUTTON!r}).textContent")

    # Ringing: a click on the disabled button reaches nothing, nor does the shortcut.
    page.js("softphone.ring()")
    wait_attr(page, "data-call", "ringing")
    page.click(BUTTON)
    page.focus("#notes")
    page.press(CONTROL, SHIFT, "M")
    assert mute_calls(page) == []
    assert attrs(page)["data-error"] == "not-connected" and "ringing" in reason(page)

    # Connected: a click asks, the button is pending, then shows only the confirmed mute.
    page.js("softphone.answer()")
    wait_attr(page, "data-call", "connected")
    assert attrs(page)["disabled"] is None and attrs(page)["title"] is None
    page.js("softphone.nextMute = 'held'")
    page.click(BUTTON)
    page.wait("typeof softphone.release === 'function'")
    a = attrs(page)
    assert a["aria-busy"] == "true" and a["disabled"] == "" and a["data-status"] == "pending"
    assert a["aria-pressed"] == "false", "the click alone must not show muted"
    page.click(BUTTON)  # a second click while pending sends nothing
    page.js("softphone.release()")
    wait_attr(page, "aria-pressed", "true")
    a = attrs(page)
    assert a["data-mic"] == "muted" and a["data-confirmed"] == "true" and a["data-status"] == "ready"
    assert mute_calls(page) == [True]
    assert [e["type"] for e in page.js("widgetEvents")] == ["mute:error", "mute:change"]
    assert page.js("widgetEvents.at(-1)") == {"type": "mute:change", "muted": True, "confirmed": True}

    # Refused: the confirmed state stays, and the reason is given.
    page.js("softphone.nextMute = 'reject'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    a = attrs(page)
    assert a["aria-pressed"] == "true" and a["data-status"] == "error" and a["disabled"] is None
    role, text = reason(page).split("|", 1)
    assert role == "alert" and "Operation Not Allowed" in text

    # Never confirmed: a timeout; the late report is adopted.
    page.js("softphone.nextMute = 'never'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "timeout")
    assert attrs(page)["aria-pressed"] == "true" and "did not confirm" in reason(page)
    page.js("softphone.setMuted(false)")
    wait_attr(page, "aria-pressed", "false")
    assert attrs(page)["data-error"] is None

    # Mutes made elsewhere are followed.
    page.js("softphone.toggleOwnMute()")
    wait_attr(page, "aria-pressed", "true")
    page.js("softphone.emit('micStateChange', false)")
    wait_attr(page, "aria-pressed", "false")
    assert mute_calls(page) == [True, False, False]

    # The shortcut from another field, then Space and Enter on the focused button.
    page.focus("#notes")
    page.press(CONTROL, SHIFT, "M")
    wait_attr(page, "aria-pressed", "true")
    page.press(CONTROL, "M")  # other modifiers: not the shortcut
    page.focus(BUTTON)
    page.press(" ")
    wait_attr(page, "aria-pressed", "false")
    page.press(ENTER)
    wait_attr(page, "aria-pressed", "true")
    assert mute_calls(page) == [True, False, False, True, False, True]

    # Malformed events: ignored, with a warning each.
    before = attrs(page)
    for payload in ["42", "null", "{state: 'connected'}", "['connected']"]:
        page.js(f"softphone.emit('stateChange', {payload})")
    for payload in ["'yes'", "{}", "{muted: 'true'}", "null", "7"]:
        page.js(f"softphone.emit('micStateChange', {payload})")
    assert attrs(page) == before
    page.collect()
    assert sum("[mute-button]" in w for w in page.warnings) >= 9

    # destroy(): every listener off, the button it added gone.
    assert page.js("softphone.listenerCount()") == 2
    page.js("destroyWidget()")
    assert page.js("softphone.listenerCount()") == 0
    assert page.js("document.querySelectorAll('#mount *, [role=alert], [role=status]').length") == 0


# -- the CDN embed -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def watched_host(tmp_path_factory):
    """test_cdn's host origin (the page, its softphone and mute.py), pages with PAGE_WATCH."""
    root = tmp_path_factory.mktemp("host")
    (root / "demo" / "fakes").mkdir(parents=True)
    shutil.copyfile(ROOT / "demo" / "fakes" / "softphone.js", root / "demo" / "fakes" / "softphone.js")
    shutil.copyfile(PAGES / "cdn-softphone.js", root / "cdn-softphone.js")
    (root / "mute.py").write_text(README["python"], encoding="utf-8")
    server = make_server(0, root=root, prelude=PAGE_WATCH)
    start(server)
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()


def test_cdn_embed_from_a_second_origin(bpage, interp, cdn, watched_host, built):  # noqa: F811
    page, (origin, root) = bpage, watched_host
    name = f"cdn-{bpage.browser_name}-{interp}.html"
    (root / name).write_text(host_page(README[interp].replace(CDN, cdn)), encoding="utf-8")
    page.goto(f"{origin}/{name}")
    button = "#mute button"
    page.wait_selector(button, 60)
    a = attrs(page, button)
    assert a["disabled"] == "" and a["aria-pressed"] == "false" and a["data-call"] == "none"
    page.js("void (mySoftphone.ring(), mySoftphone.answer())")
    wait_attr(page, "data-call", "connected", button)
    page.click(button)
    wait_attr(page, "aria-pressed", "true", button)
    assert attrs(page, button)["data-confirmed"] == "true"
    assert mute_calls(page, "mySoftphone") == [True]
    page.js("mySoftphone.nextMute = 'reject'")
    page.click(button)
    wait_attr(page, "data-error", "rejected", button)
    assert attrs(page, button)["aria-pressed"] == "true" and "Operation Not Allowed" in reason(page, button)
    # What came from the CDN origin: the config, what it lists, the stylesheet.
    config = tomllib.loads((built / CONFIG[interp]).read_text(encoding="utf-8"))
    listed = {CONFIG[interp], *config["files"], *config["js_modules"]["main"], "mute-button.css"}
    loaded = page.js("performance.getEntriesByType('resource').map(e => e.name)")
    ours = {urlparse(u).path for u in loaded if u.startswith(cdn + OURS + "/")}
    assert ours == {f"{OURS}/{n.removeprefix('./')}" for n in listed}


# -- the media check on a real call ------------------------------------------------------
def media_states(page) -> list:
    return page.js("widgetEvents.filter(e => e.type === 'mute:media').map(e => e.state)")


def test_media_check_and_the_lying_softphone(bpage, watched_site, interp):
    page = bpage
    open_page(page, watched_site, "media.html", interp=interp, source="pc")
    page.js("void (softphone.ring(), softphone.answer())")
    wait_attr(page, "data-call", "connected")
    if page.browser_name == "webkit":
        # No RTCPeerConnection in this WebKitGTK: the call has no media, and the widget says
        # it cannot tell rather than guessing "silent".
        assert page.js("typeof RTCPeerConnection") == "undefined"
        page.wait("softphone.mediaReady.then(() => true)")
        page.js("softphone.mediaReady")
        page.click(BUTTON)
        wait_attr(page, "aria-pressed", "true")
        page.wait("widgetEvents.some(e => e.type === 'mute:media')")
        page.js("new Promise(r => setTimeout(r, 1200))")
        assert page.js("mediaState()") == "checking" and media_states(page) == ["checking"]
        assert attrs(page)["data-error"] is None and reason(page) == "alert|"
        page.allowed_errors.clear()
        assert any("media did not start" in w for w in page.warnings + _warnings(page))
        return
    page.wait("softphone.media !== null && softphone.media.hearing.lastSoundAt !== null", 15)
    # Muted through the button: the remote party hears silence, and it is verified.
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    page.wait("mediaState() === 'silent'", 5)
    muted_at = page.js("pressed.filter(p => p[0] === 'true').at(-1)[1]")
    page.js("new Promise(r => setTimeout(r, 1700))")
    assert page.js(f"softphone.media.hearing.lastSoundAt < {muted_at + 500}")
    assert attrs(page)["data-error"] is None and media_states(page) == ["checking", "silent"]
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")
    # A softphone that confirms the mute and keeps sending: media-not-muted.
    page.js("softphone.nextMute = 'lie'")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    wait_attr(page, "data-error", "media-not-muted", timeout=8)
    role, text = reason(page).split("|", 1)
    assert role == "alert" and "audio is still being sent" in text
    assert "the microphone track is still on" in text
    assert media_states(page) == ["checking", "silent", "off", "checking", "sending"]
    # The softphone's own mute: verified silent, the flag clears; hanging up ends the check.
    page.js("softphone.setMuted(true)")
    page.wait_selector(f"{BUTTON}:not([data-error])", 8)
    assert media_states(page)[-1] == "silent" and reason(page) == "alert|"
    page.js("void softphone.hangUp()")
    wait_attr(page, "data-call", "ended")
    assert page.js("mediaState()") == "off"


def _warnings(page) -> list:
    page.collect()
    return page.warnings


# -- a real SDK: JsSIP on Kamailio ---------------------------------------------------------
@pytest.mark.skipif(binary() is None, reason="kamailio is not installed (scripts/setup.sh test)")
def test_real_jssip_on_kamailio(bpage, watched_site, interp, kamailio):
    page = bpage
    open_page(page, watched_site, "vendor-sdk.html", interp=interp, sdk="jssip-real", ws=kamailio.url)
    page.wait("phones.agent.isRegistered() && phones.customer.isRegistered()", 15)
    assert attrs(page)["data-call"] == "none"
    if page.browser_name == "webkit":
        # No WebRTC: JsSIP refuses to place the call; the button stays off a call.
        page.js("(() => { try { phones.callAgent(); return 'placed'; } catch (e) { return String(e); } })()")
        page.js("new Promise(r => setTimeout(r, 1000))")
        a = attrs(page)
        assert a["data-call"] in ("none", "ended") and a["disabled"] == ""
        assert page.js("phones.agentSessions.length") == 0
        page.errors[:] = [e for e in page.problems() if not re.search(r"WebRTC|RTCPeerConnection", e)]
        return
    page.js("void phones.callAgent()")
    wait_attr(page, "data-call", "ringing", timeout=10)
    page.js("(window.a = phones.live('agent'), phones.answer(a), null)")
    wait_attr(page, "data-call", "connected", timeout=10)
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    page.wait("widgetEvents.filter(e => e.type === 'mute:media').at(-1)?.state === 'silent'", 10)
    assert page.js("a.isMuted().audio") is True
    page.js("void a.unmute({audio: true})")  # a mute undone elsewhere is followed
    wait_attr(page, "aria-pressed", "false")
    page.js("void a.hold()")
    wait_attr(page, "data-call", "held")
    assert attrs(page)["disabled"] == ""
    # The hold's re-INVITE must be answered before another offer (JsSIP refuses one meanwhile).
    page.wait("a.isReadyToReOffer()", 10)
    page.js("void a.unhold()")
    wait_attr(page, "data-call", "connected")
    page.js("void a.terminate()")
    wait_attr(page, "data-call", "ended")
