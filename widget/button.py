"""``MuteButton``: the wiring of an adapter, the model, the presenter and the view.

Data flows one way: SDK event -> adapter -> model -> presenter -> view -> DOM; a click
flows DOM -> model (intent) -> adapter -> SDK, and the button changes only when the SDK
answers. What the button shows is decided in ``present.py`` alone; this module keeps
only the request's timer.
"""

from . import bridge, errors, i18n
from .adapters.base import SdkMissing
from .bridge import dom
from .model import MuteModel
from .present import Presenter, attributes, verifies
from .view import ButtonView


class MuteButton:
    """A confirmed-state mute button for ``target`` driven by ``adapter``.

    ``target`` is a CSS selector or an element (a ``<button>`` is used as it is, any
    other element gets one appended); ``confirm_timeout`` is how many seconds a
    request may wait for the SDK's confirmation; ``shortcut`` is a key combination
    such as ``"ctrl+shift+m"`` (one live button per shortcut on a page); ``label``
    names a button the widget fills ("Mute Ana"); ``locale`` is the agent's language
    (by default the page's ``<html lang>``, then the browser's; English where the widget
    has no catalog for it, with a console warning). Events on the button:
    ``mute:change``, ``mute:error`` and ``mute:media``.

    An SDK that is not there yet (a dotted path not defined on ``window``, or a Promise
    of the SDK object) is waited for, up to ``wait_for_sdk`` seconds, with the button
    disabled and saying so; then ``data-error="no-sdk"``. ``wait_for_sdk=0`` raises at
    once instead. A mount that raises leaves nothing behind in the page, and a button
    that leaves the document (a host page re-rendered it away) ends its widget.

    ``verify_media`` is the call's ``RTCPeerConnection``, its outgoing audio
    ``MediaStreamTrack`` or ``MediaStream``, or a function (JavaScript or Python)
    returning one; by default the adapter's own ``media_source`` hook where it has one,
    and ``False`` turns it off. While the button shows muted, the widget checks that
    no audio is really sent, flags ``media-not-muted`` when it is, and dispatches
    ``mute:media`` (``detail: {state, detail}``) as the check goes.

    ``talk_warning`` (default True): while the button shows muted and the call's
    microphone is reachable (the adapter's ``talk_source`` hook, else ``verify_media``,
    else the adapter's ``media_source``), the widget listens to it locally, never
    sending it, and when the agent talks for half a second it sets ``data-talking``,
    shows and announces "You are muted: unmute to be heard" and dispatches
    ``mute:talking`` (``detail: {talking}``); not again within 10 s (``widget/talk.py``).
    """

    #: Seconds between two looks for an SDK object that is not there yet.
    SDK_POLL = 0.1

    def __init__(
        self,
        target,
        adapter,
        *,
        confirm_timeout: float = 5.0,
        shortcut: "str | None" = None,
        verify_media=None,
        label: "str | None" = None,
        wait_for_sdk: float = 30.0,
        locale: "str | None" = None,
        talk_warning: bool = True,
    ) -> None:
        for name, value, zero in (
            ("confirm_timeout", confirm_timeout, False),
            ("wait_for_sdk", wait_for_sdk, True),
        ):
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not (value > 0 or (zero and value == 0))
            ):
                raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")
        if not isinstance(talk_warning, bool):
            raise ValueError(f"talk_warning must be True or False, got {talk_warning!r}")
        if not hasattr(adapter, "attach") or not hasattr(adapter, "request_mute"):
            raise TypeError(f"MuteButton: adapter must be an adapter from widget.adapters, got {adapter!r}")
        # shortcut.py, verify.py and media.py are imported only by a page that uses them:
        # less Python to compile before the button shows.
        self._shortcut = None
        if shortcut is not None:
            from .shortcut import parse_shortcut

            self._shortcut = parse_shortcut(shortcut)
            holder = dom.shortcut_holder(self._shortcut.name)
            if holder is not None:
                raise ValueError(
                    f"MuteButton: the shortcut {shortcut!r} is already used by another mute button on "
                    f"this page ({holder}); give each button its own shortcut, or none"
                )
        source = None
        if verify_media is not False and (
            verify_media is not None or callable(getattr(adapter, "media_source", None))
        ):
            from .verify import media_source

            source = media_source(verify_media, adapter)
        if locale is not None and not isinstance(locale, str):
            raise ValueError(f"locale must be a language tag such as 'de' or 'pt-BR', got {locale!r}")
        wanted = locale or dom.page_language()
        self.locale = i18n.resolve(wanted) or "en"
        if wanted and i18n.resolve(wanted) is None:
            bridge.warn(
                "no translation for the language " + repr(wanted[:20]) + ": the button speaks English "
                "(it speaks " + ", ".join(i18n.LOCALES) + ")"
            )
        self._catalog = i18n.load(self.locale)
        self._timeout = float(confirm_timeout)
        self._wait_for_sdk = float(wait_for_sdk)
        self._adapter = adapter
        self._model = MuteModel(self._catalog)
        self._resources = bridge.Resources()
        self._media = None
        if source is not None:
            from .verify import MediaVerifier

            self._media = MediaVerifier(self._resources, source, self._on_media)
        self._talk = None
        talk_source = _talk_source(adapter, source) if talk_warning else None
        if talk_source is not None:
            from .listen import TalkListener

            self._talk = TalkListener(self._resources, talk_source, self._on_talking)
        self._timer = None
        self._attached = False
        self._give_up_timer = None
        self._view = ButtonView(
            target, label, self._catalog, self.locale in i18n.RIGHT_TO_LEFT, self._talk is not None
        )
        self._presenter = Presenter(self._view.has_title)
        try:
            self._mount(target)
        except Exception:
            self.destroy()
            raise

    def _mount(self, target) -> None:
        button = self._view.button
        self._resources.listen(button, "click", self._on_click)
        if self._shortcut is not None:
            self._resources.listen(bridge.document, "keydown", self._on_key)
            who = target if isinstance(target, str) else "#" + str(button.id or "?")
            dom.hold_shortcut(self._resources, self._shortcut.name, who)
        self._resources.listen(bridge.document, "visibilitychange", self._on_visibility)
        dom.on_removed(self._resources, button, self._on_removed)
        self._render()
        self._presenter.live = True
        self._attach(self._wait_for_sdk > 0)

    def _attach(self, may_wait: bool = True) -> None:
        """Attach the adapter; an SDK that is not there yet is looked for again (or its
        Promise waited for) until ``wait_for_sdk`` runs out."""
        self._presenter.live = False  # what the SDK says at mount is not announced
        try:
            self._adapter.attach(self, self._resources)
        except SdkMissing as missing:
            self._presenter.live = True
            if not may_wait:
                raise ValueError(str(missing)) from None
            self._wait(missing)
            return
        finally:
            self._presenter.live = True
        self._attached = True
        self._model.waiting = None
        if self._give_up_timer is not None:
            self._resources.clear_timeout(self._give_up_timer)
            self._give_up_timer = None
        self._render()

    def _wait(self, missing: "SdkMissing") -> None:
        if self._give_up_timer is None:
            detail = i18n.text(
                self._catalog, "detail_no_sdk", what=missing.what, seconds=f"{self._wait_for_sdk:g}"
            )
            self._give_up_timer = self._resources.set_timeout(
                lambda: self._give_up(detail), self._wait_for_sdk
            )
        self._model.waiting = missing.what
        self._render()
        if missing.promise is not None:
            self._resources.wait_for(
                missing.promise,
                self._attach_late,
                lambda message="": self._give_up(
                    "the Promise of the softphone was rejected: " + str(message)
                ),
            )
        else:
            self._resources.set_timeout(self._attach_late, self.SDK_POLL)

    def _attach_late(self) -> None:
        if self._attached or self._give_up_timer is None:
            return
        try:
            self._attach()
        except Exception as exc:  # the SDK is there, and not what the adapter needs
            self._give_up(str(exc))

    def _give_up(self, detail: str) -> None:
        """No SDK to attach to: say so, and stop looking."""
        if self._give_up_timer is not None:
            self._resources.clear_timeout(self._give_up_timer)
            self._give_up_timer = None
        self._model.waiting = None
        self._model.fail(errors.NO_SDK, errors.reason(errors.NO_SDK, detail, self._catalog))
        self._render()

    def _on_removed(self, *args) -> None:
        bridge.warn(
            "the button left the document without destroy(): the widget has ended itself "
            "(every listener is off); mount a new one where the button is rendered again"
        )
        self._resources.set_timeout(self.destroy, 0)

    # -- the sink adapters report to ---------------------------------------------
    def report_call(self, state: str) -> None:
        """The SDK's call state (one of model.CALL_STATES)."""
        self._model.call_changed(state)
        self._settled()

    def report_mic(self, muted: bool, confirmed: bool = True) -> None:
        """The SDK's microphone state, asked for or not."""
        self._model.mic_changed(muted, confirmed)
        self._settled()

    def report_forced(self, forced: bool) -> None:
        """A supervisor forced the mute (True) or lifted it (False)."""
        self._model.forced_changed(forced)
        self._settled()

    def report_error(self, code: str, reason: str) -> None:
        """A problem the adapter found outside a request."""
        self._model.fail(code, errors.localize(code, reason, self._catalog))
        self._render()

    # -- public API ----------------------------------------------------------------
    def toggle(self) -> None:
        """Ask the SDK for the opposite of the confirmed state (what a click does)."""
        wanted = self._model.request()
        if wanted is None:
            self._render()
            return
        request_id = self._model.request_id
        self._timer = self._resources.set_timeout(lambda: self._on_timeout(request_id), self._timeout)
        self._render()
        self._adapter.request_mute(
            wanted,
            lambda: self._on_sent(request_id),
            lambda code, reason: self._on_failed(request_id, code, reason),
        )

    def destroy(self) -> None:
        """Remove every listener on the DOM and the SDK, release every proxy, take out
        what the widget added and give a host's button back as it was."""
        self._attached = False
        self._resources.release()
        self._view.remove()

    @property
    def state(self) -> dict:
        """What the button shows now, as its attributes."""
        return attributes(self._model)

    @property
    def media_state(self) -> "str | None":
        """The media check: "off", "checking", "silent" (verified) or "sending"
        (flagged); None without verify_media."""
        return None if self._media is None else self._model.media[0]

    # -- internals ---------------------------------------------------------------
    def _on_click(self, *args) -> None:
        self.toggle()

    def _on_key(self, event=None, *args) -> None:
        held = tuple(m for m in ("ctrl", "shift", "alt", "meta") if getattr(event, m + "Key"))
        if not self._shortcut.matches(str(event.key), str(event.code), held):
            return
        event.preventDefault()
        if not event.repeat:
            self.toggle()

    def _on_visibility(self, *args) -> None:
        # Back from a hidden tab, where timers and events may have been held back:
        # read the SDK's state again rather than trust what was shown before.
        if self._attached and bridge.document.visibilityState == "visible":
            self._adapter.resync()

    def _on_sent(self, request_id: int) -> None:
        if not self._adapter.confirms_request():
            self._model.request_assumed(request_id)
            self._settled()

    def _on_failed(self, request_id: int, code: str, reason: str) -> None:
        """The adapter's error code and the sentence that says what to fix."""
        self._model.request_failed(request_id, code, errors.localize(code, reason, self._catalog))
        self._settled()

    def _settled(self) -> None:
        """After the SDK reported or answered: stop the request's timer once nothing is
        pending, and show the model (one call for both: an SDK event's Python is mostly
        calls on MicroPython)."""
        # The timeout belongs to the request in flight: it stops once nothing is pending,
        # and a late outcome of an older request must not cancel the newer one's.
        if self._timer is not None and self._model.pending is None:
            self._stop_timer()
        self._render()

    def _on_timeout(self, request_id: int) -> None:
        self._timer = None
        detail = i18n.text(self._catalog, "detail_timeout", seconds=f"{self._timeout:g}")
        self._model.request_failed(
            request_id, errors.TIMEOUT, errors.reason(errors.TIMEOUT, detail, self._catalog)
        )
        self._render()
        self._adapter.resync()

    def _on_media(self, state: str, detail: str) -> None:
        self._model.media_changed(state, detail)
        self._render()

    def _on_talking(self, talking: bool) -> None:
        self._model.talking = talking
        self._render()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._resources.clear_timeout(self._timer)
            self._timer = None

    def _render(self) -> None:
        model = self._model
        if self._presenter.live and (self._media is not None or self._talk is not None):
            muted = verifies(model)  # what the media check and the talk warning follow
            if self._media is not None:
                change = self._media.follow(muted)
                if change is not None:
                    model.media_changed(*change)
            if self._talk is not None and self._talk.follow(muted) is False:
                model.talking = False
        frame = self._presenter.frame(model)
        if frame is not None:
            self._view.paint(frame)


def _talk_source(adapter, media):
    """Where the talk warning listens: the adapter's ``talk_source`` hook, else the media
    check's source, else the adapter's ``media_source`` hook; None: nowhere."""
    for hook in (getattr(adapter, "talk_source", None), media, getattr(adapter, "media_source", None)):
        if hook is not None and (callable(hook) or bridge.is_js(hook)):
            return hook
    return None
