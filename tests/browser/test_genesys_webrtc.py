"""GenesysWebRtc in a real Chromium, on Pyodide and MicroPython, against the fake
GenesysCloudWebrtcSdk (demo/fakes/genesys-webrtc.js, typed by the real package's
.d.ts). Tests act as the agent (clicks) and as the SDK (its conversationUpdate and
sessionEnded events); they read the button and the setAudioMute calls the SDK received.
"""

from urllib.parse import urlencode

BUTTON = "#mount button"
HOST = "#host-button"
READY = "html[data-widget-ready]"


def attrs(page, selector=BUTTON) -> dict:
    return page.eval_on_selector(
        selector,
        """b => Object.fromEntries(['disabled', 'aria-pressed', 'aria-busy', 'data-call', 'data-mic',
              'data-status', 'data-confirmed', 'data-error'].map(n => [n, b.getAttribute(n)]))""",
    )


def wait_attr(page, name, value, selector=BUTTON, timeout=5000):
    page.wait_for_selector(f'{selector}[{name}="{value}"]', state="attached", timeout=timeout)


def open_page(page, site, interp, **options):
    page.goto(f"{site}/genesys.html?{urlencode({'sdk': 'webrtc', 'interp': interp, **options})}")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return page


def sdk(page, script: str):
    """Act as the SDK: run script with `genesysSdk` in scope; its value."""
    return page.evaluate(f"() => {{ const sdk = window.genesysSdk; return {script}; }}")


def mute_calls(page) -> list:
    return page.evaluate("genesysSdk.calls.filter(c => c[0] === 'setAudioMute').map(c => c[1])")


def test_follows_the_active_conversation_and_resets_after_session_ended(page, site, interp):
    open_page(page, site, interp, target=HOST, delay="300")
    a = attrs(page, HOST)
    assert a["disabled"] == "" and a["data-call"] == "none" and a["data-status"] == "unavailable"
    assert sdk(page, "sdk.listenerCount()") == 2

    first = sdk(page, "sdk.incoming()")
    wait_attr(page, "data-call", "ringing", HOST)
    page.click(HOST, force=True)  # disabled while ringing: nothing is asked
    assert mute_calls(page) == []

    sdk(page, f"sdk.answer({first!r})")
    wait_attr(page, "data-call", "connected", HOST)
    a = attrs(page, HOST)
    assert a["disabled"] is None and a["data-mic"] == "unmuted" and a["data-confirmed"] == "true"

    # A click asks; the button waits for the conversation's muted flag.
    page.click(HOST)
    a = attrs(page, HOST)
    assert a["aria-busy"] == "true" and a["data-status"] == "pending" and a["aria-pressed"] == "false"
    assert mute_calls(page) == [{"conversationId": first, "mute": True}]
    wait_attr(page, "aria-pressed", "true", HOST)
    a = attrs(page, HOST)
    assert a["data-confirmed"] == "true" and a["aria-busy"] is None and a["data-status"] == "ready"
    assert page.evaluate("widgetEvents") == [
        {"type": "mute:change", "muted": False, "confirmed": True},
        {"type": "mute:change", "muted": True, "confirmed": True},
    ]

    # Unmuted elsewhere (Genesys's own UI, a headset): followed.
    sdk(page, f"sdk.setMuted({first!r}, false)")
    wait_attr(page, "aria-pressed", "false", HOST)

    # A second call rings; the active one stays. Then the agent holds the first and
    # answers the second: the button switches to it.
    second = sdk(page, "sdk.incoming()")
    assert attrs(page, HOST)["data-call"] == "connected"
    sdk(page, f"(sdk.hold({first!r}), sdk.setMuted({first!r}, true), sdk.answer({second!r}))")
    wait_attr(page, "aria-pressed", "false", HOST)
    assert attrs(page, HOST)["data-call"] == "connected"
    page.click(HOST)
    wait_attr(page, "aria-pressed", "true", HOST)
    assert mute_calls(page)[-1] == {"conversationId": second, "mute": True}

    # Back to the first (held, muted): shown as it is, and disabled.
    sdk(page, f"sdk.activate({first!r})")
    wait_attr(page, "data-call", "held", HOST)
    assert attrs(page, HOST)["disabled"] == "" and attrs(page, HOST)["aria-pressed"] == "true"
    sdk(page, f"sdk.setMuted({first!r}, false)")
    wait_attr(page, "aria-pressed", "false", HOST)

    # The first ends (sessionEnded, then the update without it): the button follows the
    # conversation left, the second, muted.
    sdk(page, f"sdk.hangUp({first!r})")
    wait_attr(page, "aria-pressed", "true", HOST)
    assert attrs(page, HOST)["data-call"] == "connected"
    sdk(page, f"sdk.hangUp({second!r})")
    wait_attr(page, "data-call", "ended", HOST)
    assert attrs(page, HOST)["disabled"] == ""

    # A new call after the end starts afresh.
    third = sdk(page, "sdk.incoming()")
    sdk(page, f"sdk.answer({third!r})")
    wait_attr(page, "data-call", "connected", HOST)
    wait_attr(page, "aria-pressed", "false", HOST)

    # destroy(): every SDK listener is gone; events and clicks change nothing.
    page.evaluate("destroyWidget()")
    assert sdk(page, "sdk.listenerCount()") == 0
    after = attrs(page, HOST)
    sdk(page, f"(sdk.setMuted({third!r}, true), sdk.hangUp({third!r}))")
    page.click(HOST, force=True)
    assert attrs(page, HOST) == after
    assert len(mute_calls(page)) == 2


def test_a_fixed_conversation_refusals_timeout_and_malformed_events(page, site, interp, watch):
    open_page(page, site, interp, conversation="conv-9", timeout="0.5")
    sdk(page, "(sdk.incoming('conv-1'), sdk.answer('conv-1'))")  # not the one the button is for
    assert attrs(page)["data-call"] == "none"
    sdk(page, "(sdk.incoming('conv-9'), sdk.answer('conv-9'))")
    wait_attr(page, "data-call", "connected")

    # Refused by the SDK (a rejection, then a synchronous throw): rolled back, with the reason.
    for mode, words in (("reject", "403: missing.permissions"), ("throw", "Failed to set audioMute")):
        sdk(page, f"sdk.nextMute = {mode!r}")
        page.click(BUTTON)
        wait_attr(page, "data-error", "rejected")
        a = attrs(page)
        assert a["aria-pressed"] == "false" and a["disabled"] is None and a["aria-busy"] is None
        reason = page.eval_on_selector(
            BUTTON, "b => document.getElementById(b.getAttribute('aria-describedby')).textContent"
        )
        assert words in reason
        sdk(page, "sdk.nextMute = 'confirm'")
    assert mute_calls(page) == [{"conversationId": "conv-9", "mute": True}] * 2

    # Sent but never confirmed: a timeout; the late update is adopted.
    sdk(page, "sdk.nextMute = 'never'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "timeout")
    assert attrs(page)["aria-pressed"] == "false"
    sdk(page, "sdk.setMuted('conv-9', true)")
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-error"] is None

    # Malformed events are ignored with a warning and change nothing.
    before = attrs(page)
    for payload in ["", "null", "{current: 5}", "{current: [{conversationId: 7}], activeConversationId: 3}"]:
        sdk(page, f"sdk.emit('conversationUpdate', {payload or 'undefined'})")
    sdk(page, "sdk.emit('sessionEnded')")
    sdk(page, "sdk.emit('sessionEnded', {conversationId: 'conv-1'}, {condition: 'success'})")
    assert attrs(page) == before
    assert sum("ignored a conversationUpdate" in w for w in watch.warnings) == 4
    assert sum("ignored a sessionEnded" in w for w in watch.warnings) == 1

    # Its session ends: ended, and the button stays on that conversation.
    sdk(page, "sdk.hangUp('conv-9')")
    wait_attr(page, "data-call", "ended")
    sdk(page, "sdk.answer('conv-1')")
    assert attrs(page)["data-call"] == "ended" and attrs(page)["disabled"] == ""
