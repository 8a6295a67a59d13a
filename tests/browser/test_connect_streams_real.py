"""The AmazonConnect adapter on the real amazon-connect-streams bundle
(node_modules/amazon-connect-streams/release/connect-streams.js, tests/pages/connect-real.html),
with no CCP: mounted before connect.core.initCCP(), which is pointed at a loopback page,
then driven by the agent::update snapshots a CCP would send on the real event bus."""

from sdk_helpers import BUTTON, attrs, wait_attr


def snapshot(*contacts):
    return {
        "snapshot": {
            "state": {"name": "Available", "type": "routable"},
            "nextState": None,
            "contacts": list(contacts),
            "localTimestamp": 0,
            "skew": 0,
        },
        "configuration": {"name": "Alex Morgan", "softphoneEnabled": True},
    }


def contact(contact_id, state, customer="connected", forced=False):
    return {
        "contactId": contact_id,
        "type": "voice",
        "state": {"type": state, "timestamp": 0},
        "connections": [
            {"connectionId": contact_id + "-agent", "type": "agent", "initial": False, "forcedMute": forced,
             "state": {"type": "connected" if state == "connected" else "connecting"}},
            {"connectionId": contact_id + "-customer", "type": "inbound", "initial": True,
             "state": {"type": customer}},
        ],
    }  # fmt: skip


def test_real_streams_before_and_after_init_ccp(page, site, interp, watch):
    page.goto(f"{site}/connect-real.html?interp={interp}&sdk=connect")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    a = attrs(page)
    assert a["data-call"] == "unknown" and a["data-error"] == "unavailable"
    assert page.evaluate("connect.core.getEventBus()") is None

    page.evaluate("initCcp()")
    wait_attr(page, "data-call", "none")
    assert page.evaluate("connect.agent.initialized") is False

    # The CCP's first snapshot: the real AgentDataProvider initialises the agent and
    # announces the contact; the real Contact and VoiceConnection objects are read.
    page.evaluate("data => agentUpdate(data)", snapshot(contact("c1", "connecting")))
    wait_attr(page, "data-call", "ringing")
    page.evaluate("data => agentUpdate(data)", snapshot(contact("c1", "connected")))
    wait_attr(page, "data-call", "connected")
    page.evaluate("data => agentUpdate(data)", snapshot(contact("c1", "connected", customer="hold")))
    wait_attr(page, "data-call", "held")

    # A second contact connects while c1 is held: followed; c1 is then destroyed.
    page.evaluate(
        "data => agentUpdate(data)",
        snapshot(contact("c1", "connected", customer="hold"), contact("c2", "connected")),
    )
    wait_attr(page, "data-call", "connected")
    page.evaluate("data => agentUpdate(data)", snapshot(contact("c2", "connected")))
    assert attrs(page)["data-call"] == "connected"

    # A supervisor forces the agent's mute (the real VoiceConnection.isForcedMute()): shown
    # muted and disabled until lifted; then the local mute is unknown again.
    page.evaluate("data => agentUpdate(data)", snapshot(contact("c2", "connected", forced=True)))
    wait_attr(page, "data-forced", "true")
    a = attrs(page)
    assert a["aria-pressed"] == "true" and a["disabled"] == ""
    assert "supervisor" in page.get_attribute(BUTTON, "title")
    page.evaluate("data => agentUpdate(data)", snapshot(contact("c2", "connected")))
    page.wait_for_selector(f"{BUTTON}:not([data-forced])", state="attached", timeout=5000)
    assert attrs(page)["data-mic"] == "unknown"

    # The mute toggle a softphone broadcasts, on the real bus.
    page.evaluate("connect.core.getEventBus().trigger(connect.AgentEvents.MUTE_TOGGLE, {muted: true})")
    wait_attr(page, "aria-pressed", "true")
    assert not [w for w in watch.warnings if "mute-button" in w]
