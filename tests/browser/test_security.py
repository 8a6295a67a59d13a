"""Security: no SDK or server text ever becomes markup, every postMessage is pinned to one
origin both ways, the pages run under a strict Content-Security-Policy, and a token an
SDK carries is never shown, logged or stored.

Two checks read the source (no browser); the others run in a real Chromium, the widget
ones on Pyodide and MicroPython. The pages the widget tests load (tests/pages/reliability.html)
run under a strict policy and fail on any violation; the demo's own policy is checked
with its accessibility (test_accessibility.py), on the same page load.
"""

import json
import re
from urllib.parse import urlencode

from serve import ROOT

READY = "html[data-widget-ready]"
#: The widget's own code, the files it ships and the demo pages' code (the pinned runtimes excluded).
SHIPPED = [
    *sorted((ROOT / "widget").rglob("*.py")),
    *sorted(
        p
        for folder in ("static", "demo")
        for p in (ROOT / folder).rglob("*")
        if p.suffix in (".js", ".py", ".html") and "vendor" not in p.parts
    ),
    *sorted(ROOT.glob("*.html")),
]
#: Writing markup from a string: what must never appear.
MARKUP_WRITES = re.compile(
    r"\.(innerHTML|outerHTML)\s*\+?=(?!=)|insertAdjacentHTML|document\.write|createContextualFragment"
    r"|setHTMLUnsafe|parseHTMLUnsafe|DOMParser|srcdoc"
)


def test_no_shipped_code_writes_markup_from_a_string():
    assert len(SHIPPED) > 20
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in SHIPPED
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if MARKUP_WRITES.search(line)
    ]
    assert found == []
    # The one module that writes to the DOM sets text only.
    view = (ROOT / "widget" / "view.py").read_text()
    assert "textContent" in view and "HTML" not in view.replace("never into HTML", "")


def test_every_post_message_names_its_target_origin():
    """Each postMessage in shipped code passes an origin, never "*"; each message
    listener checks the sender's origin and window first."""
    framework = (ROOT / "static" / "genesys" / "framework.js").read_text()
    shim = (ROOT / "static" / "mute-bridge.js").read_text()
    for path in SHIPPED:
        if "fakes" in path.parts:  # the simulated softphone frames play the other side
            continue
        for call in re.findall(r"postMessage\(([^;]*)\)", path.read_text()):
            assert not re.search(r"""["'`]\*["'`]""", call), (path, call)
    assert "postMessage(JSON.stringify(message), PARENT_ORIGIN)" in framework
    assert "event.origin !== PARENT_ORIGIN || event.source !== window.parent" in framework
    assert "target.postMessage(String(text), origin)" in shim
    assert "!event.isTrusted || event.origin !== origin" in shim and "event.source !== source" in shim


def test_framework_js_hears_and_tells_only_its_parent_origin(page, site, softphone_site):
    """framework.js inside the softphone frame: events go to PARENT_ORIGIN only, and only
    the parent window on that origin can ask it for something, and only for a mute."""
    softphone = f"{softphone_site}/demo/fakes/genesys-softphone.html?parent={site}"
    stranger = f"http://localhost:{site.rsplit(':', 1)[1]}"  # the same server under another origin

    def frames(host_origin, *srcs):
        page.goto(f"{host_origin}/security-host.html?" + urlencode([("frame", s) for s in srcs]))
        phone = page.locator("#frame-0").element_handle().content_frame()
        phone.wait_for_selector("html[data-softphone-ready]", state="attached", timeout=20_000)
        return phone

    def until(frame, condition: str) -> None:
        """Wait until ``condition`` (JavaScript on the frame's ``received``) holds, checked again
        at each message the frame gets. Not wait_for_function: its polling evaluates a
        string, which the softphone frame's CSP (no 'unsafe-eval') refuses whenever the
        condition does not already hold at the first check."""
        frame.evaluate(
            "() => new Promise(resolve => { const met = () => " + condition + ";"
            " if (met()) return resolve();"
            " const on = () => { if (met()) { removeEventListener('message', on); resolve(); } };"
            " addEventListener('message', on); })"
        )

    def mute(interaction_id, action="mute"):
        return json.dumps(
            {"type": "updateInteractionState", "data": {"action": action, "id": interaction_id}}
        )

    # 1. Framed by a page on another origin: it tells that page nothing, and obeys nothing.
    phone = frames(stranger, softphone)
    call = phone.evaluate("() => { const id = softphone.ring(); softphone.answer(id); return id; }")
    phone.evaluate("() => parent.postMessage('probe', '*')")  # sent after the events: arrives after them
    until(page, "received.some(m => m.data === 'probe')")
    assert [m["data"] for m in page.evaluate("received")] == ["probe"]
    page.evaluate(
        "text => document.getElementById('frame-0').contentWindow.postMessage(text, '*')", mute(call)
    )
    until(phone, "received.length === 1")  # it arrived, and
    assert phone.evaluate("softphone.updates") == []  # was not obeyed

    # 2. Framed by its parent origin, beside a sibling frame of that very origin: the
    #    sibling is not obeyed, the parent is, and only for "mute".
    phone = frames(site, softphone, f"{site}/security-host.html")
    call = phone.evaluate("() => { const id = softphone.ring(); softphone.answer(id); return id; }")
    until(page, "received.filter(m => m.origin !== location.origin).length >= 2")
    assert {m["origin"] for m in page.evaluate("received")} == {softphone_site}
    sibling = page.locator("#frame-1").element_handle().content_frame()
    sibling.evaluate("text => parent.frames[0].postMessage(text, '*')", mute(call))
    page.evaluate("text => frames[0].postMessage(text, '*')", mute(call, "disconnect"))
    page.evaluate("text => frames[0].postMessage(text, '*')", mute(call))
    until(phone, "received.length === 3")
    assert phone.evaluate("softphone.updates") == [{"action": "mute", "id": call}]


def test_sdk_text_is_never_markup_and_tokens_never_show(page, site, interp, watch):
    """HTML in every string an SDK hands over (states, ids, names, error messages) stays
    text; a token on the SDK objects and in their events reaches no console, DOM or storage."""
    console = []
    page.on("console", lambda msg: console.append(msg.text))
    adapters = ["embeddable", "webrtc", "connect", "twilio", "jssip"]
    page.goto(f"{site}/reliability.html?" + urlencode({"interp": interp, "adapters": ",".join(adapters)}))
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    html, secret = page.evaluate("[fuzz.HTML, fuzz.SECRET]")

    # Each SDK: a call connects (with HTML and the token in its string fields), then
    # refuses a mute with HTML as its error message.
    page.evaluate(
        """() => { const {HTML, SECRET} = fuzz;
          const refuse = () => { throw new Error(HTML); };
          softphone.emit('stateChange', HTML); softphone.setState('connected');
          softphone.muteMic = () => Promise.reject(new Error(HTML));

          const sdk = genesysSdk;
          sdk.emit('conversationUpdate', {activeConversationId: HTML, current: [{conversationId: HTML,
            mostRecentCallState: {state: HTML, muted: HTML, held: HTML}, token: SECRET}], removed: []});
          sdk.answer(sdk.incoming(HTML)); sdk.setAudioMute = refuse;

          const contact = connectSim.incoming(); connectSim.answer(contact);
          connectSim._bus.trigger('agent::mute_toggle', {muted: HTML, token: SECRET});
          connectSim._requestMute = refuse;

          const call = twilioSim.incoming({From: HTML, token: SECRET}); call.accept();
          call.emit('mute', HTML, call); call.mute = refuse;

          const session = jssipSim.incoming(); session.answer(); jssipSim.confirm(session);
          session.emit('muted', {audio: HTML, video: HTML, token: SECRET}); session.mute = refuse; }"""
    )
    for name in adapters:
        button = f"#w-{name} button"
        page.wait_for_selector(f"{button}[data-status=ready]", state="attached")
        page.click(button)
        page.wait_for_selector(f"{button}[data-error=rejected]", state="attached")
        alert = page.evaluate(
            "sel => { const el = document.getElementById(document.querySelector(sel)"
            ".getAttribute('aria-describedby')); return [el.childElementCount, el.textContent]; }",
            button,
        )
        assert alert[0] == 0 and html in alert[1], (name, alert)
    errors = [e["message"] for e in page.evaluate("widgetEvents") if e["type"] == "mute:error"]
    assert len(errors) == len(adapters) and all(html in m for m in errors)
    assert page.evaluate("fuzz.checkPage()") == []  # no [data-pwned], no window.pwned, no token
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert page.evaluate("pageProblems") == []  # nothing refused by the policy either
    assert not [text for text in console if secret in text]
    assert sum("[mute-button]" in w for w in watch.warnings) >= 3  # the malformed events were seen
