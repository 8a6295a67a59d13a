"""Reliability in a real Chromium, on Pyodide and MicroPython: every adapter fuzzed with
thousands of random and malformed SDK events, and the faults a softphone really has.

The fuzz runs inside the page (tests/pages/fuzz.js) from a seeded PRNG: the seed is
printed, and ``FUZZ_SEED=<seed>`` replays a failure. After every batch of 100 events
the contract's invariants are checked on the DOM (tests/pages/fuzz.js ``checkWidget``);
the ``page`` fixture fails the test on any page error, console error or PyScript error
banner. The page (tests/pages/reliability.html) runs under a strict
Content-Security-Policy.
"""

import itertools
import os
import random
from urllib.parse import urlencode

#: The adapters fuzzed in the page itself; the framework's softphone is fuzzed from its frame.
IN_PAGE = ["embeddable", "webrtc", "connect", "twilio", "jssip"]
ALL = [*IN_PAGE, "framework"]
EVENTS = 3000  # per adapter and interpreter
SEED = int(os.environ.get("FUZZ_SEED") or random.randrange(1, 2**31))
READY = "html[data-widget-ready]"


def open_page(page, site, interp, adapters, **options):
    query = urlencode({"interp": interp, "adapters": ",".join(adapters), **options})
    page.goto(f"{site}/reliability.html?{query}")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return page


def attrs(page, name) -> dict:
    return page.eval_on_selector(
        f"#w-{name} button",
        """b => Object.fromEntries(['disabled', 'aria-pressed', 'aria-busy', 'data-call', 'data-mic',
              'data-status', 'data-confirmed', 'data-error'].map(n => [n, b.getAttribute(n)]))""",
    )


def softphone_frame(page, selector):
    frame = page.locator(selector).element_handle().content_frame()
    frame.wait_for_selector("html[data-softphone-ready]", state="attached", timeout=20_000)
    return frame


def test_fuzz_every_adapter(page, site, softphone_site, interp, watch):
    seed = SEED + (0 if interp == "py" else 1)
    print(f"fuzz seed {seed} on {interp} (FUZZ_SEED={SEED} replays the run)")
    console = []
    page.on("console", lambda msg: console.append(msg.text))
    open_page(page, site, interp, ALL, softphone=softphone_site, timeout="0.3")
    phone = softphone_frame(page, "#softphone")
    totals = {"events": 0, "malformed": 0, "clicks": 0, "checks": 0}

    for i, name in enumerate(IN_PAGE):
        report = page.evaluate(
            "([name, seed, events]) => fuzz.runFuzz(name, {seed, events})", [name, seed + 10 * i, EVENTS]
        )
        assert not report["violations"], f"{name}, seed {seed + 10 * i}: {report['violations']}"
        assert report["events"] == EVENTS and report["checks"] == EVENTS // 100
        for key in totals:
            totals[key] += report[key]

    # The framework softphone posts from its own origin; the page checks at each checkpoint.
    page.evaluate(
        """() => { window.frameChecks = 0; window.frameViolations = [];
                   window.onCheckpoint = () => {
                     const slot = document.getElementById('w-framework');
                     const problems = fuzz.checkWidget(slot, {confirms: false}).concat(fuzz.checkPage());
                     if (problems.length) frameViolations.push({check: frameChecks, problems});
                     if (frameChecks++ % 3 === 0) slot.querySelector('button').click();
                   }; }"""
    )
    frame_seed = seed + 100
    report = phone.evaluate(
        "async ([seed, events]) => (await import('/fuzz.js')).runFrameFuzz({seed, events})",
        [frame_seed, EVENTS],
    )
    page.wait_for_function(f"frameChecks >= {EVENTS // 100}", timeout=30_000)
    assert page.evaluate("frameViolations") == [], f"framework, seed {frame_seed}"
    totals["events"] += report["events"]
    totals["malformed"] += report["malformed"]
    totals["checks"] += EVENTS // 100

    # Foreign messages move nothing: a softphone frame on a third origin (localhost) fuzzed
    # the same way, the page posting to itself, and scripts forging the softphone's origin
    # and window (not trusted events).
    phone.evaluate("softphone.subscribers.length = 0")  # the real softphone falls silent
    page.wait_for_function("document.querySelector('#w-framework button').dataset.status !== 'pending'")
    before = attrs(page, "framework")
    stranger = softphone_site.replace("127.0.0.1", "localhost")
    page.evaluate(
        """src => { const f = document.createElement('iframe'); f.id = 'stranger'; f.title = 'stranger';
                    f.src = src; document.getElementById('phones').append(f);
                    window.foreignChecks = 0; window.onCheckpoint = () => { foreignChecks++; }; }""",
        f"{stranger}/demo/fakes/genesys-softphone.html?parent={site}",
    )
    report = softphone_frame(page, "#stranger").evaluate(
        "async ([seed, events]) => (await import('/fuzz.js')).runFrameFuzz({seed, events, malformed: 0.5})",
        [seed + 200, 1000],
    )
    forged = page.evaluate(
        """([origin, seed, n]) => { const f = new fuzz.Fuzz(seed);
             const source = document.getElementById('softphone').contentWindow;
             let sent = 0;
             for (let i = 0; i < n; i++) {
               const text = fuzz.frameMessage(f, ['interaction-1', 'forged']);
               try { window.postMessage(text, '*'); sent++; } catch {}
               window.dispatchEvent(new MessageEvent('message', {data: text, origin, source})); sent++;
             }
             return sent; }""",
        [softphone_site, seed + 300, 1000],
    )
    page.wait_for_function(f"foreignChecks >= {1000 // 100}", timeout=30_000)
    page.wait_for_function(f"seenMessages >= {forged}")
    assert attrs(page, "framework") == before, f"a foreign message moved the button (seed {seed})"
    totals["foreign"] = report["events"] + forged

    # Still working: the embeddable client's next call is muted and confirmed as usual.
    page.evaluate(
        """() => { for (const n of ['getState', 'isMicMuted', 'muteMic']) delete softphone[n];
                   softphone.nextMute = 'confirm';
                   softphone.hangUp(); softphone.ring(); softphone.answer(); }"""
    )
    page.wait_for_selector("#w-embeddable button[data-status=ready]", state="attached")
    page.click("#w-embeddable button")
    page.wait_for_selector("#w-embeddable button[aria-pressed=true]", state="attached")
    assert attrs(page, "embeddable")["data-confirmed"] == "true"

    # destroy() after all that leaves nothing behind on any SDK, and no timer or proxy.
    for name in ALL:
        page.evaluate("name => destroyWidget(name)", name)
        assert page.evaluate("name => widgetHeld(name)", name) == 0, name
        assert page.evaluate("name => document.getElementById('w-' + name).children.length", name) == 0
    for name in IN_PAGE:
        assert page.evaluate("name => fuzz.DRIVERS[name].listeners()", name) == 0, name

    assert page.evaluate("pageProblems") == []
    assert page.evaluate("fuzz.checkPage()") == []
    secret = page.evaluate("fuzz.SECRET")
    assert not [text for text in console if secret in text], "the SDK's token reached the console"
    assert sum("[mute-button]" in w for w in watch.warnings) > 100  # malformed events were seen, and said so
    print(f"fuzz totals on {interp}: {totals}")


# -- faults of the SDK, of the user and of the tab -------------------------------------------

BUTTON = "#w-embeddable button"


def wait_attr(page, name, value, timeout=5000):
    page.wait_for_selector(f'{BUTTON}[{name}="{value}"]', state="attached", timeout=timeout)


def mute_calls(page) -> list:
    return page.evaluate("softphone.calls.filter(c => c[0] === 'muteMic').map(c => c[1])")


def reads(page) -> int:
    """How often the widget read the softphone's state (at mount, on re-sync)."""
    return page.evaluate("softphone.calls.filter(c => c[0] === 'getState').length")


def changes(page) -> list:
    return [(e["muted"], e["confirmed"]) for e in page.evaluate("widgetEvents") if e["type"] == "mute:change"]


def test_faults_rapid_input_hidden_tab_and_destroy(page, site, interp):
    open_page(page, site, interp, ["embeddable"], state="connected", timeout="0.5", delay="30")
    wait_attr(page, "data-status", "ready")
    rapid_clicks_and_key_presses(page)
    sdk_faults_hidden_tab_and_destroy(page)


def sdk_faults_hidden_tab_and_destroy(page):
    page.evaluate("softphone.setMuted(false)")
    wait_attr(page, "aria-pressed", "false")

    # 1. muteMic hangs (resolves, never confirms): pending, then a timeout, a re-sync,
    #    and the late confirmation is adopted as the truth.
    read = reads(page)
    page.evaluate("softphone.nextMute = 'never'")
    page.click(BUTTON)
    assert attrs(page, "embeddable")["data-status"] == "pending"
    wait_attr(page, "data-error", "timeout")
    a = attrs(page, "embeddable")
    assert a["aria-pressed"] == "false" and a["disabled"] is None and a["aria-busy"] is None
    assert reads(page) == read + 1, "a timeout re-reads the SDK's state"
    page.evaluate("softphone.setMuted(true)")
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page, "embeddable")["data-error"] is None and changes(page)[-1] == (True, True)

    # 2. muteMic rejects, then throws: rolled back, the reason says so, the next one works.
    for mode in ("reject", "throw"):
        page.evaluate(f"softphone.nextMute = {mode!r}")
        page.click(BUTTON)
        wait_attr(page, "data-error", "rejected")
        assert attrs(page, "embeddable")["aria-pressed"] == "true"
        page.evaluate("softphone.setMuted(true)")  # nothing changed; clears nothing either
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")
    assert attrs(page, "embeddable")["data-error"] is None

    # 3. The confirmation arrives before muteMic's promise resolves, then again (twice).
    page.evaluate(
        """() => { window.release = null;
                   softphone.muteMic = (muted) => { softphone.calls.push(['muteMic', muted]);
                     softphone.setMuted(muted); softphone.setMuted(muted);
                     return new Promise((ok) => { window.release = ok; }); }; }"""
    )
    before = len(changes(page))
    page.click(BUTTON)
    a = attrs(page, "embeddable")
    assert a["aria-pressed"] == "true" and a["data-status"] == "ready" and a["data-confirmed"] == "true"
    page.evaluate("release()")  # the promise resolves after its own confirmation
    page.evaluate("softphone.emit('micStateChange', {muted: true})")  # and a third time, late
    assert changes(page)[before:] == [(True, True)], "one confirmed change, not three"
    assert attrs(page, "embeddable")["aria-pressed"] == "true"

    # 4. A stale request's rejection arrives while a newer one waits: the newer one keeps
    #    its own timeout (it is not left pending for ever).
    page.evaluate(
        """() => { window.settle = [];
                   softphone.muteMic = (muted) => { softphone.calls.push(['muteMic', muted]);
                     return new Promise((ok, no) => window.settle.push(no)); }; }"""
    )
    page.click(BUTTON)  # request A hangs
    wait_attr(page, "data-error", "timeout")
    page.click(BUTTON)  # request B hangs too
    assert attrs(page, "embeddable")["data-status"] == "pending"
    page.evaluate("settle[0](new Error('stale refusal'))")  # A is refused, late
    wait_attr(page, "data-error", "timeout")  # B still times out
    assert attrs(page, "embeddable")["data-status"] == "error"
    page.evaluate("delete softphone.muteMic")

    # 5. The tab is hidden, the softphone changes while its events are lost, the tab is
    #    shown again: the widget re-reads the SDK.
    page.evaluate(
        """() => { window.tabHidden = false;
                   Object.defineProperty(document, 'visibilityState',
                     {configurable: true, get: () => (tabHidden ? 'hidden' : 'visible')});
                   Object.defineProperty(document, 'hidden', {configurable: true, get: () => tabHidden}); }"""
    )
    read = reads(page)
    page.evaluate("tabHidden = true; document.dispatchEvent(new Event('visibilitychange'))")
    assert reads(page) == read, "nothing is read while the tab is hidden"
    page.evaluate("softphone.state = 'held'; softphone.muted = false")  # no events: they were lost
    page.evaluate("tabHidden = false; document.dispatchEvent(new Event('visibilitychange'))")
    wait_attr(page, "data-call", "held")
    a = attrs(page, "embeddable")
    assert a["aria-pressed"] == "false" and a["disabled"] == "" and reads(page) == read + 1

    # 6. Getters that answer with a rejected Promise, and an event whose argument throws
    #    at every touch (even its prototype lookup, which MicroPython makes to convert
    #    it): ignored with a warning, never an unhandled rejection or an error banner.
    page.evaluate(
        """() => { const fail = () => { throw new Error('hostile'); };
                   window.hostile = new Proxy({}, {get: fail, has: fail, ownKeys: fail,
                     getOwnPropertyDescriptor: fail, getPrototypeOf: fail});
                   softphone.isMicMuted = () => Promise.reject(new Error('isMicMuted refused'));
                   softphone.setState('connected'); }"""
    )
    wait_attr(page, "data-status", "ready")
    page.evaluate(
        """() => { softphone.emit('micStateChange', hostile); softphone.emit('stateChange', hostile);
                   softphone.getState = () => Promise.reject(new Error('getState refused'));
                   document.dispatchEvent(new Event('visibilitychange')); }"""
    )
    wait_attr(page, "data-call", "unknown")  # the re-sync read a Promise: not a call state
    a = attrs(page, "embeddable")
    assert a["disabled"] == "" and a["aria-pressed"] == "false"
    page.evaluate("delete softphone.getState; delete softphone.isMicMuted")
    page.evaluate("softphone.setState('held')")
    wait_attr(page, "data-call", "held")
    assert page.evaluate("pageProblems") == []

    # 7. destroy() while a request is pending: every listener and timer goes, and the
    #    late confirmation reaches nothing.
    page.evaluate("softphone.setState('connected')")
    wait_attr(page, "data-status", "ready")
    page.evaluate("softphone.nextMute = 'slow'")
    page.click(BUTTON)
    assert attrs(page, "embeddable")["data-status"] == "pending"
    assert page.evaluate("widgetHeld('embeddable')") > 0
    page.evaluate("destroyWidget('embeddable')")
    assert page.evaluate("widgetHeld('embeddable')") == 0
    assert page.evaluate("softphone.listenerCount()") == 0
    assert page.locator("#w-embeddable *").count() == 0
    events = len(page.evaluate("widgetEvents"))
    page.wait_for_function("softphone.muted === false && softphone.calls.length > 0")
    page.evaluate("softphone.setMuted(true); softphone.hangUp()")
    assert len(page.evaluate("widgetEvents")) == events
    assert page.evaluate("pageProblems") == []


def rapid_clicks_and_key_presses(page):
    # Count the requests in flight at the SDK.
    page.evaluate(
        """() => { window.inFlight = 0; window.maxInFlight = 0;
                   const muteMic = softphone.muteMic.bind(softphone);
                   softphone.muteMic = (muted) => {
                     maxInFlight = Math.max(maxInFlight, ++inFlight);
                     return Promise.resolve(muteMic(muted)).finally(() => inFlight--); }; }"""
    )

    # 100 clicks in one task: one request; the other 99 reach a disabled button.
    page.eval_on_selector(BUTTON, "b => { for (let i = 0; i < 100; i++) b.click(); }")
    assert mute_calls(page) == [True]
    wait_attr(page, "aria-pressed", "true")

    # 100 real clicks as fast as the mouse goes: every request waits for its confirmation.
    box = page.locator(BUTTON).bounding_box()
    for _ in range(100):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # 100 Space and 100 Enter presses on the focused button.
    page.focus(BUTTON)
    for key in ["Space"] * 100 + ["Enter"] * 100:
        page.keyboard.press(key)
    page.wait_for_function("inFlight === 0")
    wait_attr(page, "data-status", "ready")
    sent = mute_calls(page)
    assert page.evaluate("maxInFlight") == 1, "never two requests in flight"
    assert 3 <= len(sent) <= 301
    assert all(a != b for a, b in itertools.pairwise(sent)), "each request asks for the opposite of the last"
    a = attrs(page, "embeddable")
    muted = page.evaluate("softphone.muted")
    assert a["aria-pressed"] == ("true" if muted else "false") and a["data-confirmed"] == "true"
    assert sent[-1] == muted and a["data-error"] is None
    # Focus came back after each pending request, so the keys kept working.
    assert page.evaluate("document.activeElement === document.querySelector('#w-embeddable button')")
    assert len(changes(page)) == len(sent)
    assert page.evaluate("pageProblems") == []
