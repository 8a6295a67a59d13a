"""GenesysWebRtc in a real Chromium, on Pyodide and MicroPython, against the simulated
GenesysCloudWebrtcSdk (demo/fakes/genesys-webrtc.js, typed by the real package's
.d.ts, each behaviour citing the real function it mirrors). Tests act as the agent
(clicks) and as the SDK (its events); they read the button and the setAudioMute calls
the SDK received.

Why not the real package, against the local Genesys API server
(tests/servers/genesys_api.py): its client accepts a local API base as `environment`
(genesys-cloud-streaming-client's HttpClient._buildUri keeps a host starting with
"http"), but `initialize()` first connects the streaming client, XMPP over a WebSocket
(client-private.js setupStreamingClient), and only then creates the SessionManager
(proxyStreamingClientEvents); every conversation notification (XMPP pubsub) and every
media session (Jingle) comes through that connection, which has no offline
counterpart. SoftphoneSessionHandler alone also reaches the streaming client
(`_streamingConnection._webrtcSessions.proxyNRStat` on the first alerting update) and a
SessionManager, which the bundle does not export. So the simulator stays true to the
source instead.
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
    assert sdk(page, "sdk.listenerCount()") == 4

    # A call rings: the SDK emits no conversationUpdate for a pending call, so the button
    # knows of none; disabled, and a click asks nothing.
    first = sdk(page, "sdk.incoming()")
    page.click(HOST, force=True)
    assert attrs(page, HOST)["data-call"] == "none" and mute_calls(page) == []

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

    # A second call rings; the followed one stays. The agent holds the first (shown held:
    # a ringing call does not take over), then answers the second: the button follows it.
    second = sdk(page, "sdk.incoming()")
    assert attrs(page, HOST)["data-call"] == "connected"
    sdk(page, f"(sdk.hold({first!r}), sdk.setMuted({first!r}, true))")
    wait_attr(page, "data-call", "held", HOST)
    assert attrs(page, HOST)["aria-pressed"] == "true"
    sdk(page, f"sdk.answer({second!r})")
    wait_attr(page, "data-call", "connected", HOST)
    assert attrs(page, HOST)["aria-pressed"] == "false"
    page.click(HOST)
    wait_attr(page, "aria-pressed", "true", HOST)
    assert mute_calls(page)[-1] == {"conversationId": second, "mute": True}

    # Back to the first: the agent holds the second (still followed: both are held) and
    # resumes the first, which the SDK makes active: followed, muted as it was.
    sdk(page, f"sdk.hold({second!r})")
    wait_attr(page, "data-call", "held", HOST)
    sdk(page, f"(sdk.setMuted({second!r}, false), sdk.hold({first!r}, false))")
    wait_attr(page, "data-call", "connected", HOST)
    assert attrs(page, HOST)["aria-pressed"] == "true"
    sdk(page, f"sdk.setMuted({first!r}, false)")
    wait_attr(page, "aria-pressed", "false", HOST)

    # The first ends (sessionEnded, then the update without it): the button follows the
    # conversation left, the second, held; resumed, it is connected.
    sdk(page, f"sdk.hangUp({first!r})")
    wait_attr(page, "data-call", "held", HOST)
    sdk(page, f"sdk.hold({second!r}, false)")
    wait_attr(page, "data-call", "connected", HOST)
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

    # Refused by the SDK (its async setAudioMute rejects with the SdkError
    # "Failed to set audioMute" when the PATCH fails): rolled back, with the reason.
    sdk(page, "sdk.nextMute = 'reject'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["disabled"] is None and a["aria-busy"] is None
    reason = page.eval_on_selector(
        BUTTON, "b => document.getElementById(b.getAttribute('aria-describedby')).textContent"
    )
    assert "Failed to set audioMute" in reason
    assert mute_calls(page) == [{"conversationId": "conv-9", "mute": True}]

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


def record_errors(page, selector=BUTTON):
    """Every data-error value the button takes from now on, in window.errorsSeen."""
    page.evaluate(
        """sel => { window.errorsSeen = []; const b = document.querySelector(sel);
          new MutationObserver(() => errorsSeen.push(b.getAttribute('data-error')))
            .observe(b, {attributes: true, attributeFilter: ['data-error']}); }""",
        selector,
    )


def test_a_server_side_mute_is_not_checked_against_the_local_audio(page, site, interp):
    # The real setAudioMute PATCHes the participant {muted}: Genesys's media server mutes
    # the agent, and the session's pc keeps sending the microphone. The simulator's
    # session has such a pc (a real in-page WebRTC call sending a tone).
    open_page(page, site, interp, media="tone")
    record_errors(page)
    sdk(page, "(sdk.incoming('conv-1'), sdk.answer('conv-1'))")
    wait_attr(page, "data-call", "connected")
    page.wait_for_function("() => genesysSdk.media.has('conv-1')")
    assert sdk(page, "sdk.conversations.get('conv-1').session.pc instanceof RTCPeerConnection")

    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-confirmed"] == "true"
    page.evaluate("window.mutedAt = performance.now()")
    # The customer's side still hears the tone well past the media check's grace
    # (widget/media.py GRACE, 1.5 s) — or the button flagged it: either ends the wait.
    page.wait_for_function(
        """() => errorsSeen.includes('media-not-muted')
          || genesysSdk.media.get('conv-1').hearing.lastSoundAt > mutedAt + 3000""",
        timeout=15_000,
    )
    assert "media-not-muted" not in page.evaluate("errorsSeen")
    a = attrs(page)
    assert a["data-error"] is None and a["aria-pressed"] == "true" and a["data-confirmed"] == "true"


def test_a_pending_call_cancelled_or_answered_elsewhere_stops_ringing(page, site, interp):
    open_page(page, site, interp)
    # A call in progress, a second rings; the first ends: the SDK's update without it lists
    # the pending one (its only conversation, so the active one): shown ringing.
    sdk(page, "(sdk.incoming('a'), sdk.answer('a'), sdk.incoming('b'))")
    wait_attr(page, "data-call", "connected")
    sdk(page, "sdk.hangUp('a')")
    wait_attr(page, "data-call", "ringing")
    # Its caller hangs up: the SDK drops it with no conversationUpdate, only a
    # cancelPendingSession. The button must not go on ringing.
    sdk(page, "sdk.hangUp('b')")
    wait_attr(page, "data-call", "ended")
    assert attrs(page)["disabled"] == ""

    # Another rings the same way and is answered on another device: handledPendingSession,
    # and no update (the SDK drops a conversation it has no session for).
    sdk(page, "(sdk.incoming('c'), sdk.answer('c'), sdk.incoming('d'), sdk.hangUp('c'))")
    wait_attr(page, "data-call", "ringing")
    sdk(page, "sdk.answeredElsewhere('d')")
    wait_attr(page, "data-call", "none")
    assert attrs(page)["disabled"] == ""


def test_a_session_ended_before_the_notifications_is_not_followed_again(page, site, interp):
    open_page(page, site, interp)
    # A consult call held ("b", muted), the customer's call connected ("a").
    sdk(page, "(sdk.incoming('b'), sdk.answer('b'), sdk.setMuted('b', true), sdk.hold('b'))")
    sdk(page, "(sdk.incoming('a'), sdk.answer('a'))")
    wait_attr(page, "data-call", "connected")
    assert attrs(page)["aria-pressed"] == "false"
    # The Jingle session of "a" terminates: sessionEnded before any notification. An
    # update about "b" still lists "a" as connected and active: the button stays off it
    # and follows "b", held and muted.
    sdk(page, "sdk.terminate('a')")
    wait_attr(page, "data-call", "held")
    sdk(page, "sdk.setMuted('b', false)")
    wait_attr(page, "aria-pressed", "false")
    assert sdk(page, "sdk.activeConversationId") == "a"
    assert attrs(page)["data-call"] == "held" and attrs(page)["disabled"] == ""
    # The notifications follow: "a" is removed; "b" stays followed.
    sdk(page, "sdk.hangUp('a')")
    sdk(page, "sdk.hold('b', false)")
    wait_attr(page, "data-call", "connected")


def test_several_conversations_connected_then_held_then_ringing(page, site, interp):
    open_page(page, site, interp)
    # Two held calls ("a" muted, "b"), a third connected ("c"), a fourth ringing ("d").
    sdk(page, "(sdk.incoming('a'), sdk.answer('a'), sdk.setMuted('a', true), sdk.hold('a'))")
    sdk(page, "(sdk.incoming('b'), sdk.answer('b'), sdk.hold('b'))")
    sdk(page, "(sdk.incoming('c'), sdk.answer('c'))")
    wait_attr(page, "data-call", "connected")
    sdk(page, "sdk.incoming('d')")
    # "c" ends: no connected call is left, two are held, so the SDK's active id is the
    # removed one's. The button follows a held call, the first listed: "a" (muted).
    sdk(page, "sdk.hangUp('c')")
    wait_attr(page, "data-call", "held")
    assert sdk(page, "sdk.activeConversationId") == "c"
    assert attrs(page)["aria-pressed"] == "true"
    # "b" resumes: connected beats held.
    sdk(page, "sdk.hold('b', false)")
    wait_attr(page, "data-call", "connected")
    assert attrs(page)["aria-pressed"] == "false"
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert mute_calls(page)[-1] == {"conversationId": "b", "mute": True}
    # "b" and then "a" end: the ringing one is left.
    sdk(page, "sdk.hangUp('b')")
    wait_attr(page, "data-call", "held")
    sdk(page, "sdk.hangUp('a')")
    wait_attr(page, "data-call", "ringing")
    sdk(page, "sdk.answer('d')")
    wait_attr(page, "data-call", "connected")
    wait_attr(page, "aria-pressed", "false")
