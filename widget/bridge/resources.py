"""``Resources``: everything one widget registered on the page, released together.

Every listener, proxy, request callback, timer and socket a widget creates is held
here, so that ``release()`` (what ``destroy()`` does) removes and frees all of them.
The SDK and the DOM hold only a gate (``static/mute-bridge.js``) that ``release()``
closes, so no late event reaches Python, even from an SDK that cannot unsubscribe.
"""

from . import runtime
from .runtime import shim, window
from .values import guarded, py, report_exception, warn


class Subscription:
    """A handle on one registration, for ``Resources.unsubscribe``."""

    def __init__(self, undo, proxy) -> None:
        self.undo = undo
        self.proxy = proxy


class Resources:
    """Everything one widget registered on the page, released together."""

    def __init__(self) -> None:
        self._subscriptions = []
        self._callbacks = {}  # request key -> (method, on_ok, on_error) still waiting
        self._next_id = 0
        self._timers = {}  # timer key -> (JS timer id, fn)
        # One proxy (behind a gate) answers every request and one every timer, each
        # told which by a key: a click creates no proxy, and release() frees two.
        self._settler = None  # (proxy, gate)
        self._ticker = None  # (proxy, gate)

    def listen(
        self,
        target,
        event: str,
        fn,
        add: str = "addEventListener",
        remove: str = "removeEventListener",
        fields: "tuple[str, ...]" = (),
    ) -> "Subscription | None":
        """``target[add](event, fn)``, undone on release by ``target[remove](event, fn)``.

        With ``fields``, fn gets the values of those fields of the event's first
        argument, read in JavaScript so that no JS object crosses (``shim.gate``); an
        argument that is not an object comes as the first field's value (an SDK that
        sends ``true`` or ``{muted: true}``). The values are as they cross: test them
        by type, or pass them through ``py()``.
        """
        return self.subscribe(target, add, fn, event, remove=remove, fields=fields)

    def subscribe(
        self, target, method: str, fn, *args, remove: "str | None" = None, fields: "tuple[str, ...]" = ()
    ) -> "Subscription | None":
        """Register fn by ``target[method](*args, fn)``; the handle, or None (with a
        warning) when refused.

        On release it is undone by ``target[remove](*args, fn)`` or, without ``remove``,
        by the subscription the SDK returned (its ``unsubscribe()``, or the function
        itself). ``fields``: as for ``listen``.
        """
        if not shim.hasMethod(target, method) or (remove and not shim.hasMethod(target, remove)):
            warn("cannot subscribe with " + method + "(): the object has no such method")
            return None
        proxy = runtime.create_proxy(guarded(method + " " + " ".join(str(a) for a in args), fn))
        undo = py(shim.subscribe(target, method, remove, shim.gate(proxy, *fields), *args))
        if undo is None:
            runtime.free(proxy)
            return None
        return self.hold(undo, proxy)

    def hold(self, undo, proxy) -> Subscription:
        """Keep a registration made elsewhere in the bridge: ``undo()`` and the proxy's
        release happen on release() or unsubscribe()."""
        handle = Subscription(undo, proxy)
        self._subscriptions.append(handle)
        return handle

    def unsubscribe(self, handle: "Subscription | None") -> None:
        """Undo one registration before release: its SDK object went away (a call ended).

        Not from inside that subscription's own callback: defer it with set_timeout.
        A handle already undone (or released), or None, is ignored.
        """
        for i, held in enumerate(self._subscriptions):
            if held is handle:
                del self._subscriptions[i]
                handle.undo()
                runtime.free(handle.proxy)
                return

    def request(self, target, method: str, args: tuple, on_ok, on_error) -> None:
        """Call an SDK method; exactly one of on_ok(value) / on_error(message) follows."""
        self._next_id += 1
        key = self._next_id
        self._callbacks[key] = (method, on_ok, on_error)
        if self._settler is None:
            proxy = runtime.create_proxy(self._settle)
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

    def wait_for(self, promise, on_ok, on_error) -> None:
        """on_ok() once ``promise`` resolves (then ``values.settled_value(promise)`` is its
        value), on_error(message) if it rejects."""
        self.request(shim, "settle", (promise,), lambda value=None: on_ok(), on_error)

    def call(self, target, method: str, *args):
        """Call a method that answers at once (a getter); None when it throws."""
        return py(shim.callSync(target, method, *args))

    def set_timeout(self, fn, seconds: float) -> int:
        """Run fn once after ``seconds``; cancelled by clear_timeout(the number returned)
        or release."""
        if self._ticker is None:
            proxy = runtime.create_proxy(self._tick)
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
        for handle in self._subscriptions:
            handle.undo()
            runtime.free(handle.proxy)
        self._subscriptions = []
        for timer_id in list(self._timers):
            self.clear_timeout(timer_id)
        self._callbacks = {}
        for held in (self._settler, self._ticker):
            if held is not None:
                held[1].close()
                runtime.free(held[0])
        self._settler = self._ticker = None

    def counts(self) -> dict:
        """How many listeners, callbacks and timers are held (for tests and benchmarks)."""
        return {
            "listeners": len(self._subscriptions),
            "callbacks": len(self._callbacks),
            "timers": len(self._timers),
        }
