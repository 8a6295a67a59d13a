"""The real MuteButton, view, presenter and EmbeddableClient on CPython's page.

What a user sees is read from the DOM of ``widget/bridge/page.py`` and what the SDK
received from a plain-Python softphone (``tests/doubles.py``); time moves only when a
test advances the page's clock. The browser tests check the same contract in Chromium.
"""

import pytest
from doubles import SDK_STATES, Softphone, blank_page
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from widget import MuteButton, errors
from widget.adapters import EmbeddableClient
from widget.bridge import page
from widget.model import CALL_STATES

ATTRIBUTES = ("disabled", "aria-pressed", "aria-busy", "data-call", "data-mic", "data-status", "data-error")


class UnconfirmedClient(EmbeddableClient):
    """The same client, for an SDK whose requests nothing confirms."""

    confirms = False


def fresh_page(*ids):
    blank_page(*(ids or ("mute",)))
    events = []
    for name in ("mute:change", "mute:error", "mute:media"):
        page.document.addEventListener(name, lambda e: events.append((e.type, dict(e.detail))))
    return events


def shown(button_el) -> dict:
    return {name: button_el.getAttribute(name) for name in ATTRIBUTES}


def mount(softphone, **options):
    events = fresh_page()
    page.window.softphone = softphone
    widget = MuteButton("#mute", EmbeddableClient("softphone"), **options)
    page.window.flush()
    return widget, page.document.querySelector("button"), events


def warnings() -> list:
    return [text for level, text in page.window.console.messages if level == "warn"]


# -- scenarios ---------------------------------------------------------------------------


def test_a_confirmed_mute_shows_pending_then_pressed():
    phone = Softphone("connected")
    widget, el, events = mount(phone)
    assert shown(el)["disabled"] is None and el.getAttribute("aria-pressed") == "false"
    el.click()
    page.window.flush()
    assert [wanted for wanted, _ in phone.requests] == [True]
    assert el.getAttribute("aria-busy") == "true" and el.hasAttribute("disabled")
    assert el.getAttribute("aria-pressed") == "false", "the click is not shown before the SDK confirms"
    phone.requests[0][1].resolve()
    phone.change_mic(True)
    page.window.flush()
    assert shown(el) == {
        "disabled": None,
        "aria-pressed": "true",
        "aria-busy": None,
        "data-call": "connected",
        "data-mic": "muted",
        "data-status": "ready",
        "data-error": None,
    }
    assert events == [("mute:change", {"muted": True, "confirmed": True})]
    assert page.document.querySelector(".mute-button__announcer").textContent == "Microphone muted"
    widget.destroy()


def test_pressed_before_the_call_is_connected_says_why_and_sends_nothing():
    phone = Softphone("ringing")
    _, el, events = mount(phone)
    assert el.hasAttribute("disabled")
    el.dispatchEvent(page.Event("click"))  # a script's click reaches a disabled button too
    assert phone.requests == []
    assert el.getAttribute("data-error") == errors.NOT_CONNECTED
    assert "ringing" in page.document.querySelector(".mute-button__reason").textContent
    assert events == [("mute:error", {"code": errors.NOT_CONNECTED, "message": events[0][1]["message"]})]


def test_no_confirmation_in_time_is_a_timeout():
    phone = Softphone("connected")
    _, el, events = mount(phone, confirm_timeout=2)
    el.click()
    page.window.advance(1.9)
    assert el.getAttribute("data-status") == "pending"
    page.window.advance(0.2)
    assert el.getAttribute("data-error") == errors.TIMEOUT and el.getAttribute("data-status") == "error"
    assert el.getAttribute("aria-pressed") == "false" and not el.hasAttribute("disabled")
    assert events[-1][1]["code"] == errors.TIMEOUT


def test_the_re_read_after_a_timeout_adopts_what_the_sdk_did():
    phone = Softphone("connected")
    _, el, _ = mount(phone, confirm_timeout=2)
    el.click()
    phone.muted = True  # the SDK did mute, and said nothing
    page.window.advance(2.1)
    assert el.getAttribute("data-mic") == "muted" and el.getAttribute("data-confirmed") == "true"


def test_a_refusal_rolls_back_with_the_sdks_words():
    phone = Softphone("connected")
    _, el, events = mount(phone)
    el.click()
    phone.requests[0][1].reject({"message": "Operation Not Allowed"})
    page.window.flush()
    assert el.getAttribute("data-error") == errors.REJECTED and el.getAttribute("aria-pressed") == "false"
    assert "Operation Not Allowed" in page.document.querySelector(".mute-button__reason").textContent
    assert events[-1][0] == "mute:error" and events[-1][1]["code"] == errors.REJECTED


def test_a_mute_made_elsewhere_is_followed():
    phone = Softphone("connected")
    _, el, events = mount(phone)
    phone.change_mic(True)
    assert el.getAttribute("aria-pressed") == "true"
    phone.change_mic(False)
    assert el.getAttribute("aria-pressed") == "false"
    assert [e[1]["muted"] for e in events] == [True, False]


def test_an_sdk_that_cannot_confirm_shows_the_request_flagged():
    phone = Softphone("connected", getter=False)
    events = fresh_page()
    MuteButton("#mute", UnconfirmedClient(phone))
    el = page.document.querySelector("button")
    el.click()
    phone.requests[0][1].resolve()
    page.window.flush()
    assert (el.getAttribute("aria-pressed"), el.getAttribute("data-confirmed")) == ("true", "false")
    assert events == [("mute:change", {"muted": True, "confirmed": False})]


def test_the_focus_comes_back_after_a_request():
    phone = Softphone("connected")
    _, el, _ = mount(phone)
    el.focus()
    el.click()
    assert page.document.activeElement is not el, "a disabled button drops the focus"
    phone.change_mic(True)
    assert page.document.activeElement is el


def test_the_shortcut_toggles_and_a_repeat_does_not():
    phone = Softphone("connected")
    mount(phone, shortcut="ctrl+shift+m")
    keys = {"key": "M", "code": "KeyM", "ctrlKey": True, "shiftKey": True}
    event = page.Event("keydown", **keys)
    page.document.body.dispatchEvent(event)
    page.document.body.dispatchEvent(page.Event("keydown", repeat=True, **keys))
    assert [wanted for wanted, _ in phone.requests] == [True] and event.defaultPrevented


def test_an_unknown_microphone_is_reached_both_ways_in_two_presses():
    """Mounted mid-call on an SDK that cannot be asked, already muted, and silent when asked
    for the state it has: the first press asks to mute and times out; the second unmutes."""
    phone = Softphone("connected", getter=False)
    phone.muted = True
    _, el, _ = mount(phone, confirm_timeout=2)
    assert el.getAttribute("data-mic") == "unknown"
    assert "microphone state unknown" in page.document.querySelector(".mute-button__hint").textContent
    el.click()
    page.window.advance(2.1)  # already muted: nothing to say
    assert el.getAttribute("data-error") == errors.TIMEOUT
    el.click()
    assert [wanted for wanted, _ in phone.requests] == [True, False]
    phone.change_mic(False)
    assert (el.getAttribute("data-mic"), el.getAttribute("data-confirmed")) == ("unmuted", "true")
    el.click()
    assert phone.requests[-1][0] is True, "a known microphone: the opposite of what is shown"


def test_malformed_events_are_ignored_with_a_warning():
    phone = Softphone("connected")
    _, el, _ = mount(phone)
    before = shown(el)
    phone.emit("stateChange", 42)
    phone.emit("micStateChange", "yes")
    assert shown(el) == before
    assert len(warnings()) == 2


def test_destroy_takes_every_listener_off():
    phone = Softphone("connected")
    widget, el, _ = mount(phone, shortcut="ctrl+shift+m")
    el.click()
    assert phone.listener_count() == 2 and page.document.listener_count() > 3
    widget.destroy()
    assert phone.listener_count() == 0
    assert page.document.listener_count() == 3, "only the test's own listeners are left"
    assert page.window.timer_count() == 0
    phone.change_mic(True)
    assert el.getAttribute("aria-pressed") == "false", "nothing reaches a destroyed widget"


@pytest.mark.parametrize("target", ["#nothing", 42])
def test_a_bad_target_is_a_clear_error(target):
    fresh_page()
    page.window.softphone = Softphone()
    with pytest.raises(ValueError, match="no element matches"):
        MuteButton(target, EmbeddableClient("softphone"))


# -- random histories ------------------------------------------------------------------------
#
# A softphone under long random histories: call and mic events in any order, duplicated
# and late; clicks; every request ever sent resolved, rejected or confirmed in any order,
# even after the call ended; time passing (timeouts and their re-read). The contract's
# invariants are read from the DOM after every step.

JUNK_STATES = st.sampled_from(["", "CONNECTED", "talking", " held", "null"]) | st.text(max_size=8)


class SoftphoneHistory(RuleBasedStateMachine):
    """The real button under a random softphone; the contract holds after each step."""

    @initialize(confirms=st.booleans(), getter=st.booleans())
    def mount(self, confirms, getter):
        fresh_page()
        self.confirms = confirms
        self.phone = Softphone("idle", getter=getter)
        adapter = EmbeddableClient(self.phone) if confirms else UnconfirmedClient(self.phone)
        MuteButton("#mute", adapter, confirm_timeout=5)
        self.el = page.document.querySelector("button")
        self.delivered = []  # every event sent, for late and duplicated replays
        self.assumed = None  # the request an unconfirming SDK took last, while shown

    def _after(self):
        page.window.flush()

    @rule(call=st.sampled_from(CALL_STATES))
    def call_changes(self, call):
        self.phone.change_state(SDK_STATES[call])
        self.delivered.append(("stateChange", SDK_STATES[call]))
        self._after()

    @rule()
    def call_connects(self):
        """The state everything interesting happens in, drawn more often than by chance."""
        self.call_changes("connected")

    @rule(state=JUNK_STATES)
    def junk_state(self, state):
        self.phone.emit("stateChange", state)
        self._after()

    @rule(muted=st.booleans())
    def mic_changes_elsewhere(self, muted):
        """A headset, the softphone's own UI, another tab."""
        self.phone.change_mic(muted)
        self.delivered.append(("micStateChange", muted))
        self._after()

    @rule(data=st.data())
    def sdk_confirms(self, data):
        """The SDK carries out any request it ever received, in any order, late."""
        if self.phone.requests and self.confirms:
            wanted, _ = data.draw(st.sampled_from(self.phone.requests))
            self.mic_changes_elsewhere(wanted)

    @rule(data=st.data(), ok=st.booleans())
    def sdk_settles(self, data, ok):
        """The promise of any request ever sent resolves or rejects (once counts)."""
        if self.phone.requests:
            _, deferred = data.draw(st.sampled_from(self.phone.requests))
            deferred.resolve() if ok else deferred.reject("refused")
        self._after()

    @rule(data=st.data())
    def replay(self, data):
        """An event delivered before arrives again."""
        if self.delivered:
            name, value = data.draw(st.sampled_from(self.delivered))
            self.phone.emit(name, value)
        self._after()

    @rule(seconds=st.sampled_from([0.5, 2.0, 5.0]))
    def time_passes(self, seconds):
        page.window.advance(seconds)

    @rule()
    def click(self):
        before = shown(self.el)
        sent = len(self.phone.requests)
        self.el.click()
        if before["disabled"] is None:
            # Exactly one request, for the opposite of what is shown (an unknown microphone:
            # see test_an_unknown_microphone_is_reached_both_ways_in_two_presses); nothing
            # shown changes.
            asked = [w for w, _ in self.phone.requests[sent:]]
            assert len(asked) == 1
            if before["data-mic"] != "unknown":
                assert asked == [before["aria-pressed"] != "true"]
            assert self.el.getAttribute("data-mic") == before["data-mic"]
            assert self.el.getAttribute("data-status") == "pending"
        else:
            assert len(self.phone.requests) == sent, "a disabled button sends nothing"
        self._after()

    @invariant()
    def contract(self):
        attrs = shown(self.el)
        pending = attrs["data-status"] == "pending"
        # Enabled only while connected with nothing pending.
        assert (attrs["disabled"] is None) is (attrs["data-call"] == "connected" and not pending)
        assert (attrs["aria-busy"] == "true") is pending
        assert attrs["aria-pressed"] == ("true" if attrs["data-mic"] == "muted" else "false")
        assert attrs["data-call"] in CALL_STATES
        assert attrs["data-error"] is None or attrs["data-error"] in errors.CODES
        assert (attrs["data-status"] == "error") is (not pending and attrs["data-error"] is not None)
        if pending:
            assert attrs["data-call"] == "connected"
        # Confirmed: exactly what the softphone last told (an event, or its getter).
        if self.el.getAttribute("data-confirmed") == "true":
            assert attrs["data-mic"] == ("muted" if self.phone.told else "unmuted")
        elif attrs["data-mic"] != "unknown":
            assert not self.confirms, "only an SDK that cannot confirm shows an unconfirmed state"
        # After a call ends, its mute is gone: the next call never starts out muted.
        if attrs["data-call"] in ("none", "ended") and self.phone.told is not True:
            assert attrs["aria-pressed"] == "false"


SoftphoneHistory.TestCase.settings = settings(max_examples=200, stateful_step_count=60, deadline=None)
test_softphone_histories = SoftphoneHistory.TestCase


# -- host pages: a late SDK, re-renders, several widgets, the host's own button -------------


def test_a_late_sdk_is_waited_for_and_attached_when_it_appears():
    events = fresh_page()
    widget = MuteButton("#mute", EmbeddableClient("later.softphone"), wait_for_sdk=5)
    el = page.document.querySelector("button")
    assert el.hasAttribute("disabled") and el.getAttribute("data-error") is None
    assert "waiting for the softphone" in page.document.querySelector(".mute-button__hint").textContent
    assert "window.later.softphone" in el.getAttribute("title")
    page.window.advance(1.0)
    page.window.later = {"softphone": Softphone("connected")}
    page.window.advance(0.2)
    assert el.getAttribute("data-call") == "connected" and not el.hasAttribute("disabled")
    page.window.advance(10)
    assert el.getAttribute("data-error") is None, "no give-up once attached"
    assert events == []
    widget.destroy()
    assert page.window.timer_count() == 0


def test_a_promise_of_the_sdk_is_waited_for():
    fresh_page()
    promise = page.Deferred()
    MuteButton("#mute", EmbeddableClient(promise))
    el = page.document.querySelector("button")
    assert el.hasAttribute("disabled")
    promise.resolve(Softphone("connected"))
    page.window.flush()
    assert el.getAttribute("data-call") == "connected"


def test_an_sdk_that_never_comes_is_a_no_sdk_error_naming_the_path():
    events = fresh_page()
    MuteButton("#mute", EmbeddableClient("mySoftphone"), wait_for_sdk=3)
    el = page.document.querySelector("button")
    page.window.advance(3.1)
    assert el.getAttribute("data-error") == errors.NO_SDK and el.hasAttribute("disabled")
    reason = page.document.querySelector(".mute-button__reason").textContent
    assert "window.mySoftphone did not appear within 3 s" in reason
    assert events == [("mute:error", {"code": errors.NO_SDK, "message": reason})]
    assert page.window.timer_count() == 0, "it stops looking"


def test_a_failed_mount_leaves_nothing_behind():
    fresh_page()
    host = page.document.querySelector("#mute")
    with pytest.raises(ValueError, match=r"window\.nothing is not defined"):
        MuteButton("#mute", EmbeddableClient("nothing"), wait_for_sdk=0)
    assert host.children == [] and page.document.listener_count() == 3
    page.window.thing = object()
    with pytest.raises(TypeError, match="has no on"):
        MuteButton("#mute", EmbeddableClient("thing"))
    assert host.children == [] and page.window.timer_count() == 0


def test_a_button_that_leaves_the_document_ends_its_widget():
    phone = Softphone("connected")
    mount(phone, shortcut="ctrl+shift+m")
    page.document.querySelector("#mute").remove()  # the host re-renders
    page.window.advance(0)
    assert phone.listener_count() == 0 and page.document.listener_count() == 3
    assert any("left the document" in text for text in warnings())
    page.document.body.dispatchEvent(page.Event("keydown", key="m", code="KeyM", ctrlKey=True, shiftKey=True))
    assert phone.requests == []


def test_an_unknown_call_state_is_warned_about_once_with_the_accepted_ones():
    phone = Softphone("connected")
    _, el, _ = mount(phone)
    for _ in range(3):
        phone.emit("stateChange", "talking")
    assert el.getAttribute("data-call") == "unknown"
    said = [text for text in warnings() if "'talking'" in text]
    assert len(said) == 1 and "accepts alerting, connected, connecting, dialing" in said[0]


def test_a_shortcut_another_live_button_uses_is_refused():
    fresh_page("a", "b")
    page.window.one, page.window.two = Softphone("connected"), Softphone("connected")
    first = MuteButton("#a", EmbeddableClient("one"), shortcut="ctrl+shift+m")
    with pytest.raises(ValueError, match="already used by another mute button on this page"):
        MuteButton("#b", EmbeddableClient("two"), shortcut="Shift+Control+M")
    assert page.document.querySelector("#b").children == []
    first.destroy()
    MuteButton("#b", EmbeddableClient("two"), shortcut="ctrl+shift+m")  # free again


def test_ids_are_unique_and_a_label_names_each_row():
    fresh_page("ana", "ben")
    for name in ("ana", "ben"):
        setattr(page.window, name, Softphone("connected"))
        MuteButton("#" + name, EmbeddableClient(name), label="Mute " + name.title())
    buttons = [el for el in page.document.documentElement.walk() if el.tagName == "BUTTON"]
    labels = [b.children[1].textContent for b in buttons]
    described = [b.getAttribute("aria-describedby") for b in buttons]
    assert labels == ["Mute Ana", "Mute Ben"] and len(set(described)) == 2


def host_button(**attributes):
    fresh_page()
    el = page.document.createElement("button")
    for name, value in attributes.items():
        el.setAttribute(name.replace("_", "-"), value)
    page.document.body.appendChild(el)
    page.window.softphone = Softphone("connected")
    return el


def test_a_host_button_keeps_its_name_title_and_look_and_gets_them_back():
    el = host_button(id="host", aria_label="Mute Ana", title="Ana's microphone", **{"class": "btn"})
    before = dict(el.attributes)
    widget = MuteButton("#host", EmbeddableClient("softphone"))
    assert el.getAttribute("aria-label") == "Mute Ana" and el.getAttribute("title") == "Ana's microphone"
    assert el.getAttribute("class") == "btn", "the widget's look only where the host asks for it"
    assert el.getAttribute("aria-describedby") == "host-hint host-reason", "the hint describes it"
    widget.destroy()
    assert el.attributes == before and [c.className for c in el.children] == []


def test_a_host_buttons_visible_text_stays_its_name():
    el = host_button(id="host")
    el.textContent = "Mic"
    MuteButton("#host", EmbeddableClient("softphone"))
    assert el.getAttribute("aria-label") is None and el.textContent.startswith("Mic")
    with pytest.raises(ValueError, match="already has a name of its own"):
        host_button(id="other")
        page.document.querySelector("#other").textContent = "Mic"
        MuteButton("#other", EmbeddableClient("softphone"), label="Mute Ana")


# -- a supervisor's forced mute; how long muted ------------------------------------------


def test_a_forced_mute_shows_muted_disabled_and_only_a_supervisor_lifts_it():
    phone = Softphone("connected")
    _, el, events = mount(phone, shortcut="ctrl+shift+m")
    phone.emit("micStateChange", {"muted": True, "forced": True})
    assert (el.getAttribute("aria-pressed"), el.getAttribute("data-forced")) == ("true", "true")
    assert el.hasAttribute("disabled") and "supervisor" in el.getAttribute("title")
    assert page.document.querySelector(".mute-button__hint").textContent == " (muted by a supervisor)"
    keys = {"key": "m", "code": "KeyM", "ctrlKey": True, "shiftKey": True}
    page.document.body.dispatchEvent(page.Event("keydown", **keys))
    assert phone.requests == [], "a press asks nothing"
    assert el.getAttribute("data-error") == errors.FORCED_MUTE
    assert "only a supervisor can lift it" in page.document.querySelector(".mute-button__reason").textContent
    phone.emit("micStateChange", {"muted": False, "forced": False})
    assert el.getAttribute("data-forced") is None and not el.hasAttribute("disabled")
    assert el.getAttribute("aria-pressed") == "false" and el.getAttribute("data-error") is None
    assert [e[1].get("muted") for e in events if e[0] == "mute:change"] == [True, False]


def test_how_long_muted_is_shown_each_second_and_told_when_the_mute_ends():
    phone = Softphone("connected")
    _, _, events = mount(phone)
    shown = page.document.querySelector(".mute-button__duration")
    assert shown.getAttribute("aria-hidden") == "true" and shown.textContent == ""
    phone.change_mic(True)
    assert shown.textContent == "0:00"
    page.window.advance(42.2)
    assert shown.textContent == "0:42"
    announced = page.document.querySelector(".mute-button__announcer").textContent
    assert announced == "Microphone muted", "the seconds are not announced"
    page.window.advance(20)
    phone.change_mic(False)
    assert shown.textContent == ""
    assert events[-1] == ("mute:change", {"muted": False, "confirmed": True, "duration": 62})
    assert page.window.timer_count() == 0, "no timer ticks while unmuted"
