"""The only module that touches PyScript and JavaScript.

It owns every listener, proxy, promise callback and timer the widget creates, so
that ``release()`` can remove and free all of them. Pyodide and MicroPython differ
here and only here: MicroPython proxies have no ``destroy()``, and a synchronous
JavaScript throw does not become a Python exception there, so SDK calls go through
the ``mute_bridge`` ES module (``static/mute-bridge.js``).
"""

import json
import sys

try:
    from pyscript import document, window
    from pyscript.ffi import create_proxy
    from pyscript.js_modules import mute_bridge as shim
except ImportError:  # CPython: unit tests import the pure modules through the package
    document = window = shim = create_proxy = None

# The shim function read on every SDK event, looked up once: on Pyodide each attribute
# read on a JS module is a bridge crossing of its own.
_shim_field = None if shim is None else shim.field

ON_MICROPYTHON = sys.implementation.name == "micropython"
# JavaScript's null and undefined: Pyodide gives None and JsNull, MicroPython gives
# None and an `undefined` object. Values read from JS go through `py()`.
_NOTHING = ("JsNull", "undefined")


def py(value):
    """A value read from JavaScript, with null and undefined as None on both interpreters."""
    if value is None or type(value).__name__ in _NOTHING:
        return None
    return value


def _free(proxy) -> None:
    if not ON_MICROPYTHON:
        proxy.destroy()


def report_exception(where: str, exc: BaseException) -> None:
    """A bug in the widget: log it, never let it reach the host page."""
    window.console.error("[mute-button] " + where + ": " + type(exc).__name__ + ": " + str(exc))


def guarded(where: str, fn):
    """Wrap a callback that JavaScript calls so that no Python exception escapes."""

    def call(*args):
        try:
            fn(*args)
        except Exception as exc:
            report_exception(where, exc)

    return call


def warn(message: str) -> None:
    """A console warning: malformed SDK input, ignored."""
    shim.warn(message)


class Resources:
    """Everything one widget registered on the page, released together."""

    def __init__(self) -> None:
        self._subscriptions = []  # (undo function, proxy)
        self._callbacks = {}  # request key -> (method, on_ok, on_error) still waiting
        self._next_id = 0
        self._timers = {}  # timer key -> (JS timer id, fn)
        # One proxy (behind a gate) answers every request and one every timer, each
        # told which by a key: a click creates no proxy, and release() frees two.
        self._settler = None  # (proxy, gate)
        self._ticker = None  # (proxy, gate)

    def listen(
        self, target, event: str, fn, add: str = "addEventListener", remove: str = "removeEventListener"
    ) -> bool:
        """``target[add](event, fn)``, undone on release by ``target[remove](event, fn)``."""
        return self.subscribe(target, add, fn, event, remove=remove)

    def subscribe(self, target, method: str, fn, *args, remove: "str | None" = None) -> bool:
        """Register fn by ``target[method](*args, fn)``; False (with a warning) when refused.

        On release it is undone by ``target[remove](*args, fn)`` or, without ``remove``,
        by the subscription the SDK returned (its ``unsubscribe()``, or the function
        itself). Either way the SDK keeps only a closed gate, so no late event reaches
        Python, even from an SDK that cannot unsubscribe.
        """
        if not shim.hasMethod(target, method) or (remove and not shim.hasMethod(target, remove)):
            warn("cannot subscribe with " + method + "(): the object has no such method")
            return False
        proxy = create_proxy(guarded(method + " " + " ".join(str(a) for a in args), fn))
        undo = py(shim.subscribe(target, method, remove, shim.gate(proxy), *args))
        if undo is None:
            _free(proxy)
            return False
        self._subscriptions.append((undo, proxy))
        return True

    def request(self, target, method: str, args: tuple, on_ok, on_error) -> None:
        """Call an SDK method; exactly one of on_ok(value) / on_error(message) follows."""
        self._next_id += 1
        key = self._next_id
        self._callbacks[key] = (method, on_ok, on_error)
        if self._settler is None:
            proxy = create_proxy(self._settle)
            self._settler = (proxy, shim.gate(proxy))
        shim.requestFor(self._settler[1], key, target, method, *args)

    def _settle(self, key=None, ok=None, value=None, *args) -> None:
        """The outcome of request ``key``: value (ok) or the failure's message."""
        entry = self._callbacks.pop(key, None)
        if entry is None:  # settled already, or released
            return
        method, on_ok, on_error = entry
        try:
            if ok is True:
                on_ok(py(value))
            else:
                on_error("" if value is None else py(value))
        except Exception as exc:
            report_exception(method + (" result" if ok is True else " failure"), exc)

    def call(self, target, method: str, *args):
        """Call a method that answers at once (a getter); None when it throws."""
        return py(shim.callSync(target, method, *args))

    def set_timeout(self, fn, seconds: float) -> int:
        """Run fn once after ``seconds``; cancelled by clear_timeout(the number returned)
        or release."""
        if self._ticker is None:
            proxy = create_proxy(self._tick)
            self._ticker = (proxy, shim.gate(proxy))
        self._next_id += 1
        key = self._next_id
        self._timers[key] = (window.setTimeout(self._ticker[1], int(seconds * 1000), key), fn)
        return key

    def _tick(self, key=None, *args) -> None:
        entry = self._timers.pop(key, None)
        if entry is not None:
            try:
                entry[1]()
            except Exception as exc:
                report_exception("timer", exc)

    def clear_timeout(self, timer_id) -> None:
        entry = self._timers.pop(timer_id, None)
        if entry is not None:
            window.clearTimeout(entry[0])

    def release(self) -> None:
        """Remove every listener, cancel every timer, free every proxy."""
        for undo, proxy in self._subscriptions:
            undo()
            _free(proxy)
        self._subscriptions = []
        for timer_id in list(self._timers):
            self.clear_timeout(timer_id)
        self._callbacks = {}
        for held in (self._settler, self._ticker):
            if held is not None:
                held[1].close()
                _free(held[0])
        self._settler = self._ticker = None

    def open_socket(self, url: str, on_event):
        """Open a WebSocket to url; ``on_event(kind, data)`` gets ("open", ""),
        ("message", text) and once ("close", code).

        Returns a function that closes the socket and frees its proxy; release() does
        the same, so ``destroy()`` closes every socket the widget opened.
        """
        proxy = create_proxy(guarded("socket", on_event))
        handler = shim.gate(proxy)
        closer = shim.openSocket(url, handler)

        def undo():
            handler.close()
            closer()

        entry = (undo, proxy)
        self._subscriptions.append(entry)

        def close():
            for i, held in enumerate(self._subscriptions):
                if held is entry:
                    del self._subscriptions[i]
                    undo()
                    _free(proxy)
                    return

        return close

    def counts(self) -> dict:
        """How many listeners, callbacks and timers are held (for tests and benchmarks)."""
        return {
            "listeners": len(self._subscriptions),
            "callbacks": len(self._callbacks),
            "timers": len(self._timers),
        }

    def last_subscription(self):
        """A handle on the newest subscription (after subscribe/listen returned True),
        for ``unsubscribe``; None when there is none."""
        return self._subscriptions[-1] if self._subscriptions else None

    def unsubscribe(self, handle) -> None:
        """Undo one subscription before release: its SDK object went away (a call ended).

        Not from inside that subscription's own callback: defer it with set_timeout.
        A handle already undone (or released) is ignored.
        """
        for i, held in enumerate(self._subscriptions):
            if held is handle:
                del self._subscriptions[i]
                undo, proxy = handle
                undo()
                _free(proxy)
                return


def resolve(path: str):
    """The object at a dotted path on ``window`` ("GenesysCloud.Client"), or None."""
    return py(shim.resolvePath(window, path))


def field(obj, name: str):
    """``obj[name]`` for a JS object, None for anything else."""
    return py(_shim_field(obj, name))


def kind(value) -> str:
    """JavaScript's idea of the value's type ("string", "object", "array", "null", ...)."""
    return shim.kind(value)


def fetch_json(resources: Resources, url: str, method: str, headers: dict, body, on_done, timeout=15.0):
    """An HTTP request with a JSON body (a dict, or None for none).

    Exactly one ``on_done(status, body, retry_after)`` follows unless the widget is
    released first: ``body`` is the decoded JSON answer (or its text, or None),
    ``retry_after`` the Retry-After header in seconds or None, and a network failure
    is status 0. Nothing here logs the headers, which carry the bearer token.
    """

    def done(text=None):
        try:
            answer = json.loads(text)
            status = int(answer.get("status") or 0)
        except (TypeError, ValueError, AttributeError):
            on_done(0, "the network layer gave no answer", None)
            return
        retry = answer.get("retryAfter")
        on_done(status, answer.get("body"), retry if isinstance(retry, (int, float)) else None)

    def failed(message=""):
        on_done(0, str(message), None)

    text = None if body is None else json.dumps(body)
    args = (url, method, json.dumps(headers), text, int(timeout * 1000))
    resources.request(shim, "fetchJson", args, done, failed)


def call_js(resources: Resources, fn, on_ok, on_error) -> None:
    """Call a page's JavaScript function ``fn()``; its value (or Promise) to on_ok, a throw to on_error."""
    resources.request(shim, "callFunction", (fn,), on_ok, on_error)


def is_js(value) -> bool:
    """True for a JavaScript object or function handed to Python (not a Python value)."""
    return type(value).__name__.startswith("Js")


def js_object(*pairs):
    """A JavaScript object from key, value pairs (``js_object("mute", True)``): an SDK's options."""
    return shim.object(*pairs)


def items(value) -> "list | None":
    """The elements of a JavaScript array as a Python list; None when value is not an array."""
    if kind(value) != "array":
        return None
    return [py(shim.field(value, i)) for i in range(int(shim.field(value, "length") or 0))]


def audio_source_kind(value) -> "str | None":
    """The kind of a JS media source for verify_media: pc, stream, track or function; else None."""
    return py(shim.audioSourceKind(value))


def audio_send_state(resources: Resources, source, on_reading, on_error) -> None:
    """Read once what a call's audio sends (``audioSendState`` in the shim).

    ``source`` is a JS RTCPeerConnection, MediaStream, audio MediaStreamTrack or function
    returning one, or a Python callable returning one (or None); a throw from it goes to
    ``on_error``. ``on_reading(dict)`` gets ``{"source", "t", "has_track", "enabled",
    "muted", "ended", "energy", "level"}`` (``t`` in seconds; energy and level None
    without statistics). Nothing follows once ``resources`` is released.
    """
    if not is_js(source) and callable(source):
        try:
            source = source()
        except Exception as exc:
            on_error(type(exc).__name__ + ": " + str(exc))
            return

    def read(value=None):
        on_reading(
            {
                "source": field(value, "source") or "none",
                "t": field(value, "t") or 0.0,
                "has_track": field(value, "hasTrack") is True,
                "enabled": field(value, "enabled") is True,
                "muted": field(value, "muted") is True,
                "ended": field(value, "ended") is True,
                "energy": field(value, "energy"),
                "level": field(value, "level"),
            }
        )

    resources.request(shim, "audioSendState", (py(source),), read, on_error)
