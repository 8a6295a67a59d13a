"""Listeners on SDK objects that end before the widget does: one call at a time.

Softphone SDKs hand out one object per call (an Amazon Connect contact, a Twilio
``Call``, a JsSIP ``RTCSession``). ``CallScope`` registers the listeners on one such
object through the widget's ``Resources`` and takes them off when the adapter moves
on, so a day of calls does not pile up listeners; once closed, nothing from that call
reaches the adapter.

``FollowsCalls`` is the policy of the adapters that are handed calls one by one (a
Twilio ``Device``, a JsSIP ``UA``): a new call is followed unless the agent is talking
on the followed one; a call that arrives meanwhile waits, and is followed once it is
answered or once the followed call is over.
"""

from .. import bridge
from .base import Adapter, has_methods, sdk_object


class CallScope:
    """The listeners on one call object, taken off together by ``close()``."""

    def __init__(self, resources: "bridge.Resources", call) -> None:
        self.call = call
        self.open = True
        self._resources = resources
        self._handles = []

    def on(self, event: str, fn, add: str = "on", remove: str = "removeListener") -> None:
        """``call[add](event, fn)``, undone by ``call[remove](event, fn)``."""
        self._keep(self._resources.listen(self.call, event, self._gate(fn), add=add, remove=remove))

    def subscribe(self, method: str, fn) -> None:
        """``call[method](fn)``, undone by the subscription the SDK returns."""
        self._keep(self._resources.subscribe(self.call, method, self._gate(fn)))

    def close(self) -> None:
        """Nothing from this call reaches the adapter any more; its listeners come off
        right after (never from inside one of their own callbacks)."""
        if not self.open:
            return
        self.open = False
        handles, self._handles = self._handles, []

        def undo():
            for handle in handles:
                self._resources.unsubscribe(handle)

        self._resources.set_timeout(undo, 0)

    def _gate(self, fn):
        def forward(*args):
            if self.open:
                fn(*args)

        return forward

    def _keep(self, handle: "bridge.Subscription | None") -> None:
        if handle is not None:
            self._handles.append(handle)


class FollowsCalls(Adapter):
    """Base of an adapter that follows one call among those an SDK hands out.

    Subclasses set ``CALL_METHODS`` (checked on every call), ``ANSWERED`` and ``GONE``
    (event names of a call: answered by the agent, over) and implement ``_watch(scope)``
    (subscribe the followed call's events), ``_read()`` (report its state) and
    ``_talking()`` (whether the agent is on it: connected or held).
    """

    CALL_METHODS = ()
    ANSWERED = ()
    GONE = ()

    def __init__(self, call=None) -> None:
        self._first = call
        self._sink = None
        self._resources = None
        self._scope = None
        self._waiting = None

    # -- public ---------------------------------------------------------------------
    def follow(self, call) -> None:
        """Follow ``call`` from now on: an outgoing call, or one the SDK did not announce.

        Before the button is mounted the call is kept and followed at mount. A call
        that lacks the SDK's methods is a TypeError.
        """
        if self._resources is None:
            self._first = call
            return
        call = sdk_object(call, self.name, self.CALL_METHODS)
        if self._scope is not None:
            self._scope.close()
        self._scope = CallScope(self._resources, call)
        self._watch(self._scope)
        self._read()

    def resync(self) -> None:
        if self._scope is not None:
            self._read()

    # -- for subclasses ---------------------------------------------------------------
    def _start(self, sink, resources: "bridge.Resources") -> None:
        """Keep the sink and resources; follow the call given before the mount, if any."""
        self._sink, self._resources = sink, resources
        first, self._first = self._first, None
        if first is not None:
            self.follow(first)

    def _announced(self, call) -> None:
        """The SDK handed out a new call: follow it, or let it wait while the agent talks."""
        if not has_methods(call, self.CALL_METHODS):
            bridge.warn(self.name + ": ignored a new call that is not a call object")
            return
        if self._scope is None or not self._talking():
            self.follow(call)
            return
        if self._waiting is not None:
            self._waiting.close()
        scope = CallScope(self._resources, call)
        for event in self.ANSWERED:
            scope.on(event, lambda *args: self._waiting_answered(scope))
        for event in self.GONE:
            scope.on(event, lambda *args: self._waiting_gone(scope))
        self._waiting = scope

    def _call_over(self) -> None:
        """The followed call is over: a call that was waiting is followed now."""
        waiting = self._waiting
        if waiting is not None:
            self._waiting = None
            waiting.close()
            self.follow(waiting.call)

    def _waiting_answered(self, scope: CallScope) -> None:
        if scope is self._waiting:
            self._waiting = None
            scope.close()
            self.follow(scope.call)

    def _waiting_gone(self, scope: CallScope) -> None:
        if scope is self._waiting:
            self._waiting = None
            scope.close()

    def _call(self):
        """The followed call, or None."""
        return self._scope.call if self._scope is not None else None

    def _watch(self, scope: CallScope) -> None:
        raise NotImplementedError

    def _read(self) -> None:
        raise NotImplementedError

    def _talking(self) -> bool:
        raise NotImplementedError
