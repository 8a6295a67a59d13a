"""Listeners on SDK objects that end before the widget does: one call at a time.

Softphone SDKs hand out one object per call (an Amazon Connect contact, a Twilio
``Call``, a JsSIP ``RTCSession``). ``CallScope`` registers the listeners on one such
object through the widget's ``Resources`` and takes them off when the adapter moves
on, so a day of calls does not pile up listeners; once closed, nothing from that call
reaches the adapter.

``FollowsCalls`` is the policy of the adapters that are handed calls one by one (a
Twilio ``Device``, a JsSIP ``UA``): it keeps every call it was handed until that call is
over, and follows one of them. A new call is followed unless the agent is on the
followed one; a call that arrives meanwhile waits, and is followed once it is answered.
When the followed call ends or is put on hold, the button moves to a call that is still
connected, else one on hold, else one ringing (a consult call: call A held, call B
answered and ended, and the button is back on A, to be resumed and muted).
"""

from .. import bridge
from .base import Adapter, has_methods, sdk_object


class CallScope:
    """The listeners on one call object, taken off together by ``close()``."""

    def __init__(self, resources: "bridge.Resources", call) -> None:
        self.call = call
        self.open = True
        self.over = False  # the call is over (set by FollowsCalls)
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
    (event names of a call: answered or resumed by the agent, over) and implement
    ``_watch(scope)`` (subscribe the followed call's events), ``_read()`` (report its
    state) and ``_talking()`` (whether the agent is on it: connected or held). They call
    ``_call_over()`` when the followed call is over and ``_call_held()`` when it is put on
    hold. An adapter whose SDK can be asked about any call overrides ``_phase(call)``.
    """

    CALL_METHODS = ()
    ANSWERED = ()
    GONE = ()
    #: The phases a call is followed in when the followed one ends, best first.
    PREFERRED = ("connected", "held", "ringing")

    def __init__(self, call=None) -> None:
        self._first = call
        self._sink = None
        self._resources = None
        self._scope = None
        self._others = []  # a CallScope per call handed out, not followed and not over
        self._probe = None

    # -- public ---------------------------------------------------------------------
    def follow(self, call) -> None:
        """Follow ``call`` from now on: an outgoing call, or one the SDK did not announce.

        Before the button is mounted the call is kept and followed at mount. A call
        that lacks the SDK's methods is a TypeError. The call followed until now is kept
        (and may be followed again) unless it is over.
        """
        if self._resources is None:
            self._first = call
            return
        call = sdk_object(call, self.name, self.CALL_METHODS)
        self._drop_other(call)
        old = self._scope
        if old is not None:
            old.close()
            if old.call is not call and not old.over and self._phase(old.call) != "ended":
                self._keep_other(old.call)
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
        if self._scope is None or self._scope.over or not self._talking():
            self.follow(call)
            return
        self._keep_other(call)

    def _call_over(self) -> None:
        """The followed call is over: follow the best call left, if any."""
        if self._scope is None:
            return
        self._scope.over = True
        best = self._best(self.PREFERRED)
        if best is not None:
            self.follow(best.call)

    def _call_held(self) -> None:
        """The followed call is on hold: follow a call that is connected, if any."""
        best = self._best(("connected",))
        if best is not None:
            self.follow(best.call)

    def _phase(self, call) -> str:
        """What ``call`` is for the agent: "connected", "held", "ringing" or "ended".

        This default asks ``_talking()`` about ``call`` (by pointing ``_call()`` at it
        for the question): "connected" or else "ringing". A call is dropped when its
        ``GONE`` event comes, so one that is over is not asked about.
        """
        self._probe = call
        try:
            return "connected" if self._talking() else "ringing"
        finally:
            self._probe = None

    def _call(self):
        """The followed call, or None."""
        if self._probe is not None:
            return self._probe
        return self._scope.call if self._scope is not None else None

    def _watch(self, scope: CallScope) -> None:
        raise NotImplementedError

    def _read(self) -> None:
        raise NotImplementedError

    def _talking(self) -> bool:
        raise NotImplementedError

    # -- internals ----------------------------------------------------------------------
    def _keep_other(self, call) -> None:
        """Keep a call that is not followed: listen for its answer and its end."""
        self._drop_other(call)
        scope = CallScope(self._resources, call)
        for event in self.ANSWERED:
            scope.on(event, lambda *args: self._other_answered(scope))
        for event in self.GONE:
            scope.on(event, lambda *args: self._drop_other(scope.call))
        self._others.append(scope)

    def _drop_other(self, call) -> None:
        for scope in [s for s in self._others if s.call is call]:
            self._others.remove(scope)
            scope.close()

    def _other_answered(self, scope: CallScope) -> None:
        """A call that waits (or was left) is answered or resumed: follow it."""
        if scope in self._others and self._phase(scope.call) == "connected":
            self.follow(scope.call)

    def _best(self, phases: "tuple[str, ...]") -> "CallScope | None":
        """The newest kept call in the best of ``phases``; calls found over are dropped."""
        best, rank = None, len(phases)
        for scope in reversed(list(self._others)):
            phase = self._phase(scope.call)
            if phase == "ended":
                self._drop_other(scope.call)
            elif phase in phases and phases.index(phase) < rank:
                best, rank = scope, phases.index(phase)
        return best
