"""``MuteButton``: the wiring of an adapter, the model, the presenter and the view.

Data flows one way: SDK event -> adapter -> model -> presenter -> view -> DOM; a click
flows DOM -> model (intent) -> adapter -> SDK, and the button changes only when the SDK
answers. What the button shows is decided in ``present.py`` alone; this module keeps
only the request's timer.
"""

from . import bridge, errors
from .model import MuteModel
from .present import Presenter, attributes, verifies
from .view import ButtonView


class MuteButton:
    """A confirmed-state mute button for ``target`` driven by ``adapter``.

    ``target`` is a CSS selector or an element (a ``<button>`` is used as it is, any
    other element gets one appended); ``confirm_timeout`` is how many seconds a
    request may wait for the SDK's confirmation; ``shortcut`` is a key combination
    such as ``"ctrl+shift+m"``. Events on the button: ``mute:change`` and ``mute:error``.

    ``verify_media`` is the call's ``RTCPeerConnection``, its outgoing audio
    ``MediaStreamTrack`` or ``MediaStream``, or a function (JavaScript or Python)
    returning one; by default the adapter's own ``media_source`` hook where it has one,
    and ``False`` turns it off. While the button shows muted, the widget checks that
    no audio is really sent, flags ``media-not-muted`` when it is, and dispatches
    ``mute:media`` (``detail: {state, detail}``) as the check goes.
    """

    def __init__(
        self,
        target,
        adapter,
        *,
        confirm_timeout: float = 5.0,
        shortcut: "str | None" = None,
        verify_media=None,
    ) -> None:
        if (
            isinstance(confirm_timeout, bool)
            or not isinstance(confirm_timeout, (int, float))
            or not confirm_timeout > 0
        ):
            raise ValueError(f"confirm_timeout must be a positive number of seconds, got {confirm_timeout!r}")
        if not hasattr(adapter, "attach") or not hasattr(adapter, "request_mute"):
            raise TypeError(f"MuteButton: adapter must be an adapter from widget.adapters, got {adapter!r}")
        # shortcut.py, verify.py and media.py are imported only by a page that uses them:
        # less Python to compile before the button shows.
        self._shortcut = None
        if shortcut is not None:
            from .shortcut import parse_shortcut

            self._shortcut = parse_shortcut(shortcut)
        source = None
        if verify_media is not False and (
            verify_media is not None or callable(getattr(adapter, "media_source", None))
        ):
            from .verify import media_source

            source = media_source(verify_media, adapter)
        self._timeout = float(confirm_timeout)
        self._adapter = adapter
        self._model = MuteModel()
        self._resources = bridge.Resources()
        self._media = None
        if source is not None:
            from .verify import MediaVerifier

            self._media = MediaVerifier(self._resources, source, self._on_media)
        self._timer = None
        self._view = ButtonView(target)
        self._presenter = Presenter(self._view.aria_label)
        self._resources.listen(self._view.button, "click", self._on_click)
        if self._shortcut is not None:
            self._resources.listen(bridge.document, "keydown", self._on_key)
        self._resources.listen(bridge.document, "visibilitychange", self._on_visibility)
        try:
            adapter.attach(self, self._resources)
        except Exception as exc:
            self._model.call = "unknown"
            self._render(str(exc))
            self._resources.release()
            raise
        self._presenter.live = True
        self._render()

    # -- the sink adapters report to ---------------------------------------------
    def report_call(self, state: str) -> None:
        """The SDK's call state (one of model.CALL_STATES)."""
        self._model.call_changed(state)
        if self._model.pending is None:
            self._stop_timer()
        self._render()

    def report_mic(self, muted: bool, confirmed: bool = True) -> None:
        """The SDK's microphone state, asked for or not."""
        self._model.mic_changed(muted, confirmed)
        if self._model.pending is None:
            self._stop_timer()
        self._render()

    def report_error(self, code: str, reason: str) -> None:
        """A problem the adapter found outside a request."""
        self._model.fail(code, reason)
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
        """Remove every listener on the DOM and the SDK and release every proxy."""
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
        if bridge.document.visibilityState == "visible":
            self._adapter.resync()

    def _on_sent(self, request_id: int) -> None:
        if not self._adapter.confirms_request():
            self._model.request_assumed(request_id)
            self._settled()
            self._render()

    def _on_failed(self, request_id: int, code: str, reason: str) -> None:
        """The adapter's error code and the sentence that says what to fix."""
        self._model.request_failed(request_id, code, reason)
        self._settled()
        self._render()

    def _settled(self) -> None:
        # The timeout belongs to the request in flight: a late outcome of an older
        # request (after its own timeout) must not cancel the newer one's.
        if self._model.pending is None:
            self._stop_timer()

    def _on_timeout(self, request_id: int) -> None:
        self._timer = None
        seconds = (f"{self._timeout:g}") + " s"
        self._model.request_failed(
            request_id, errors.TIMEOUT, errors.reason(errors.TIMEOUT, "no answer in " + seconds)
        )
        self._render()
        self._adapter.resync()

    def _on_media(self, state: str, detail: str) -> None:
        self._model.media_changed(state, detail)
        self._render()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._resources.clear_timeout(self._timer)
            self._timer = None

    def _render(self, setup_error: "str | None" = None) -> None:
        model = self._model
        if self._media is not None and self._presenter.live:
            change = self._media.follow(verifies(model))
            if change is not None:
                model.media_changed(*change)
        frame = self._presenter.frame(model, setup_error)
        if frame is not None:
            self._view.paint(frame)
