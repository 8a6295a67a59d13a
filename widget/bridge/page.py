"""A plain-Python page for CPython: a small DOM, a clock, and the shim's functions.

In a browser ``runtime`` takes PyScript's ``document``, ``window`` and the
``mute_bridge`` ES module; in CPython it takes them from here, so unit tests run the
real ``MuteButton``, view and adapters. SDK doubles are plain Python objects: their
methods are attributes, their events call Python functions, and a dict stands for a
JavaScript object of fields. ``shim`` mirrors ``static/mute-bridge.js`` function by
function for what the button, the view and the adapters use (not HTTP, sockets, frames
or the call's audio: those run in a real browser only; the talk warning's listener is
here as ``talk_listeners()``, which a test feeds levels).

Time moves only when a test says so: ``window.flush()`` runs what a Promise would
settle later (a request's outcome), ``window.advance(seconds)`` runs the timers that
fall due, and ``reset()`` gives a fresh page.
"""

import json


class Deferred:
    """A Promise an SDK double returns: settled later by ``resolve(value)`` / ``reject(error)``."""

    def __init__(self) -> None:
        self._handlers = []
        self._outcome = None  # (ok, value) once settled

    def then(self, on_ok, on_error) -> None:
        self._handlers.append((on_ok, on_error))
        if self._outcome is not None:
            self._deliver()

    def resolve(self, value=None) -> None:
        self._settle(True, value)

    def reject(self, error) -> None:
        self._settle(False, error)

    def _settle(self, ok: bool, value) -> None:
        if self._outcome is None:
            self._outcome = (ok, value)
            self._deliver()

    def _deliver(self) -> None:
        ok, value = self._outcome
        handlers, self._handlers = self._handlers, []
        for on_ok, on_error in handlers:
            window.queue((on_ok if ok else on_error), value)


class Event:
    """A DOM event: ``type``, ``detail`` and any fields given (``key``, ``ctrlKey``...)."""

    def __init__(self, type: str, detail=None, **fields) -> None:
        self.type = type
        self.detail = detail
        self.defaultPrevented = False
        self.target = None
        for name in ("key", "code"):
            setattr(self, name, "")
        for name in ("ctrlKey", "shiftKey", "altKey", "metaKey", "repeat"):
            setattr(self, name, False)
        for name, value in fields.items():
            setattr(self, name, value)

    def preventDefault(self) -> None:
        self.defaultPrevented = True


class _Listeners:
    """addEventListener / removeEventListener / dispatchEvent, bubbling to the parent."""

    parentNode = None

    def __init__(self) -> None:
        self._listeners = {}

    def addEventListener(self, type: str, fn) -> None:
        held = self._listeners.setdefault(type, [])
        if fn not in held:
            held.append(fn)

    def removeEventListener(self, type: str, fn) -> None:
        held = self._listeners.get(type, [])
        if fn in held:
            held.remove(fn)

    def listener_count(self) -> int:
        return sum(len(held) for held in self._listeners.values())

    def dispatchEvent(self, event: Event) -> bool:
        if event.target is None:
            event.target = self
        node = self
        while node is not None:
            for fn in list(node._listeners.get(event.type, ())):
                fn(event)
            node = node.parentNode
        return not event.defaultPrevented


class _ClassList:
    def __init__(self, element: "Element") -> None:
        self._element = element

    def _names(self) -> list:
        return (self._element.getAttribute("class") or "").split()

    def add(self, name: str) -> None:
        names = self._names()
        if name not in names:
            self._element.setAttribute("class", " ".join([*names, name]))

    def remove(self, name: str) -> None:
        self._element.setAttribute("class", " ".join(n for n in self._names() if n != name))

    def contains(self, name: str) -> bool:
        return name in self._names()


class Element(_Listeners):
    """An element with attributes, children, text, listeners and focus."""

    def __init__(self, document: "Document", tag: str) -> None:
        super().__init__()
        self.ownerDocument = document
        self.tagName = tag.upper()
        self.attributes = {}
        self.children = []
        self.parentNode = None
        self._text = ""
        self.classList = _ClassList(self)

    # -- attributes ---------------------------------------------------------------
    def setAttribute(self, name: str, value) -> None:
        self.attributes[name] = str(value)
        if name == "disabled" and self.ownerDocument.activeElement is self:
            self.ownerDocument.activeElement = self.ownerDocument.body  # a disabled button drops the focus

    def getAttribute(self, name: str):
        return self.attributes.get(name)

    def removeAttribute(self, name: str) -> None:
        self.attributes.pop(name, None)

    def hasAttribute(self, name: str) -> bool:
        return name in self.attributes

    @property
    def id(self) -> str:
        return self.attributes.get("id", "")

    @id.setter
    def id(self, value: str) -> None:
        self.setAttribute("id", value)

    @property
    def className(self) -> str:
        return self.attributes.get("class", "")

    @className.setter
    def className(self, value: str) -> None:
        self.setAttribute("class", value)

    # -- the tree -----------------------------------------------------------------
    @property
    def textContent(self) -> str:
        return self._text + "".join(child.textContent for child in self.children)

    @textContent.setter
    def textContent(self, value) -> None:
        for child in list(self.children):
            child.remove()
        self._text = "" if value is None else str(value)

    @property
    def isConnected(self) -> bool:
        node = self
        while node.parentNode is not None:
            node = node.parentNode
        return node is self.ownerDocument

    def appendChild(self, element: "Element") -> "Element":
        element.remove()
        element.parentNode = self
        self.children.append(element)
        return element

    def insertAdjacentElement(self, where: str, element: "Element") -> "Element":
        if where != "afterend":
            raise ValueError("this page knows only insertAdjacentElement('afterend', ...)")
        parent = self.parentNode
        element.remove()
        element.parentNode = parent
        parent.children.insert(parent.children.index(self) + 1, element)
        return element

    def remove(self) -> None:
        parent = self.parentNode
        if parent is None:
            return
        active = self.ownerDocument.activeElement
        if active is not None and self.contains(active):
            self.ownerDocument.activeElement = self.ownerDocument.body
        parent.children.remove(self)
        self.parentNode = None
        if self.ownerDocument.removal_watchers:
            window.queue(self.ownerDocument.check_removals)

    def contains(self, other: "Element") -> bool:
        node = other
        while node is not None:
            if node is self:
                return True
            node = node.parentNode
        return False

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    # -- the user -----------------------------------------------------------------
    def focus(self) -> None:
        if self.isConnected and "disabled" not in self.attributes:
            self.ownerDocument.activeElement = self

    def click(self) -> None:
        """What a user's click does: nothing on a disabled button."""
        if "disabled" not in self.attributes:
            self.dispatchEvent(Event("click"))


class Document(_Listeners):
    """``document``: createElement, querySelector (#id, .class or a tag), focus, visibility."""

    def __init__(self) -> None:
        super().__init__()
        self.reset()

    def reset(self) -> None:
        self._listeners = {}
        self.documentElement = Element(self, "html")
        self.documentElement.parentNode = self
        self.body = self.documentElement.appendChild(Element(self, "body"))
        self.activeElement = self.body
        self.visibilityState = "visible"
        self.removal_watchers = []  # (element, handler): the shim's onRemoved, as a MutationObserver

    def check_removals(self) -> None:
        for watch in list(self.removal_watchers):
            if not watch[0].isConnected and watch in self.removal_watchers:
                self.removal_watchers.remove(watch)
                watch[1]()

    def createElement(self, tag: str) -> Element:
        return Element(self, tag)

    def querySelector(self, selector: str):
        for element in self.documentElement.walk():
            if _matches(element, selector):
                return element
        return None


def _matches(element: Element, selector: str) -> bool:
    if selector.startswith("#"):
        return element.id == selector[1:]
    if selector.startswith("."):
        return element.classList.contains(selector[1:])
    return element.tagName == selector.upper()


class Console:
    """``console``: what the widget logged, as (level, text)."""

    def __init__(self) -> None:
        self.messages = []

    def warn(self, *parts) -> None:
        self.messages.append(("warn", " ".join(str(p) for p in parts)))

    def error(self, *parts) -> None:
        self.messages.append(("error", " ".join(str(p) for p in parts)))


class _Navigator:
    """``navigator``: the browser's language (a test sets it)."""

    language = "en-US"


class Window:
    """``window``: a console, timers on a clock that moves only on ``advance``, and
    whatever a test puts on it (``window.softphone = ...``) for dotted paths."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        for name in [n for n in vars(self) if not n.startswith("_")]:
            delattr(self, name)
        self.console = Console()
        self.navigator = _Navigator()
        self.now = 0.0
        self._timers = {}  # id -> (due, fn, args)
        self._next_timer = 0
        self._tasks = []

    def setTimeout(self, fn, ms, *args) -> int:
        self._next_timer += 1
        self._timers[self._next_timer] = (self.now + max(0, ms) / 1000, fn, args)
        return self._next_timer

    def clearTimeout(self, timer_id) -> None:
        self._timers.pop(timer_id, None)

    def queue(self, fn, *args) -> None:
        """Run fn(*args) at the next flush, as a settled Promise's callback would run."""
        self._tasks.append((fn, args))

    def flush(self) -> None:
        """Run every queued task, and those they queue."""
        while self._tasks:
            fn, args = self._tasks.pop(0)
            fn(*args)

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass: queued tasks, then each timer that falls due, in order."""
        end = self.now + seconds
        self.flush()
        while True:
            due = [(t[0], key) for key, t in self._timers.items() if t[0] <= end]
            if not due:
                break
            when, key = min(due)
            self.now = max(self.now, when)
            _, fn, args = self._timers.pop(key)
            fn(*args)
            self.flush()
        self.now = end

    def timer_count(self) -> int:
        return len(self._timers)


document = Document()
window = Window()
_page = {"ids": 0, "shortcuts": {}, "settled": {}, "talk": []}


def reset() -> None:
    """A fresh page: no elements, listeners, timers, messages or SDK objects."""
    document.reset()
    window.reset()
    _page.update(ids=0, shortcuts={}, settled={}, talk=[])


def talk_listeners() -> list:
    """Every ``talkListen`` of this page, oldest first: ``{"source", "handler", "stopped"}``;
    ``handler(t, rms)`` is what the shim's interval calls."""
    return _page["talk"]


def create_proxy(fn):
    """Python callables are handed over as they are."""
    return fn


# -- the shim, as static/mute-bridge.js does it -------------------------------------


_FUNCTION_TYPES = ("function", "method", "builtin_function_or_method")


def _elapsed(seconds: float) -> str:
    """The painter's "0:42" (static/mute-bridge.js, elapsed)."""
    s = int(seconds)
    hours, minutes, rest = s // 3600, s % 3600 // 60, s % 60
    return (f"{hours}:{minutes:02d}:{rest:02d}") if hours else f"{minutes}:{rest:02d}"


def _get(obj, name):
    """``obj[name]`` for a double: a dict's key, a list's index or length, an attribute."""
    if isinstance(obj, dict):
        return obj.get(name)
    if isinstance(obj, (list, tuple)):
        if name == "length":
            return len(obj)
        return obj[name] if isinstance(name, int) and 0 <= name < len(obj) else None
    if not isinstance(name, str) or name.startswith("_"):
        return None
    return getattr(obj, name, None)


def _describe(error) -> str:
    if isinstance(error, BaseException):
        return str(error)[:500] or "unknown error"
    if isinstance(error, str) and error:
        return error[:500]
    message = _get(error, "message") if isinstance(error, dict) else None
    return message[:500] if isinstance(message, str) and message else "unknown error"


class Gate:
    """A function that forwards to fn until ``close()``; nothing fn throws goes back to the caller.

    With ``fields``, fn gets those fields of the first argument, or that argument alone
    where it is not an object, as the shim's gate does."""

    def __init__(self, fn, fields=()) -> None:
        self._fn = fn
        self._fields = fields
        self.open = True

    def __call__(self, *args):
        if not self.open:
            return None
        try:
            if self._fields:
                value = args[0] if args else None
                if shim.kind(value) not in ("object", "array", "function"):
                    return self._fn(value)
                return self._fn(*(shim.field(value, name) for name in self._fields))
            return self._fn(*args)
        except Exception as exc:
            shim.warn("an event could not be read: " + _describe(exc))
            return None

    def close(self) -> None:
        self.open = False


class shim:
    """``static/mute-bridge.js``'s functions, in Python."""

    @staticmethod
    def warn(*parts) -> None:
        window.console.warn("[mute-button]", *parts)

    @staticmethod
    def kind(value) -> str:
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, (int, float)):
            return "number"
        if isinstance(value, str):
            return "string"
        if isinstance(value, (list, tuple)):
            return "array"
        if isinstance(value, Gate) or type(value).__name__ in (
            "function",
            "method",
            "builtin_function_or_method",
        ):
            return "function"
        return "object"

    @staticmethod
    def hasMethod(target, name) -> bool:
        return target is not None and callable(_get(target, name))

    @staticmethod
    def field(obj, name):
        if shim.kind(obj) not in ("object", "array"):
            return None
        value = _get(obj, name)
        if isinstance(value, Deferred):
            shim.warn("the field " + str(name)[:40] + " gave a Promise where a value was due; it is ignored")
            return None
        return value

    @staticmethod
    def resolvePath(root, path: str):
        value = root
        for part in str(path).split("."):
            if value is None:
                return None
            value = _get(value, part)
        return value

    @staticmethod
    def object(*pairs) -> dict:
        return {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}

    @staticmethod
    def gate(fn, *fields) -> Gate:
        return Gate(fn, fields)

    @staticmethod
    def callSync(target, method: str, *args):
        try:
            value = _get(target, method)(*args)
        except Exception as exc:
            shim.warn(method + "() threw: " + _describe(exc))
            return None
        if isinstance(value, Deferred):
            shim.warn(method + "() gave a Promise where a value was due; it is ignored")
            return None
        return value

    @staticmethod
    def requestFor(settle, key, target, method: str, *args) -> None:
        try:
            outcome = _get(target, method)(*args)
        except Exception as exc:
            window.queue(settle, key, False, _describe(exc))
            return
        if isinstance(outcome, Deferred):
            outcome.then(lambda value: settle(key, True, value), lambda e: settle(key, False, _describe(e)))
        else:
            window.queue(settle, key, True, outcome)

    @staticmethod
    def subscribe(target, method: str, remove, handler, *args):
        try:
            result = _get(target, method)(*args, handler)
        except Exception as exc:
            shim.warn(method + "() threw: " + _describe(exc))
            return None

        def undo():
            handler.close()
            try:
                if remove:
                    _get(target, remove)(*args, handler)
                elif callable(result):
                    result()
                elif callable(_get(result, "unsubscribe")):
                    result.unsubscribe()
            except Exception as exc:
                shim.warn("undoing " + method + "() threw: " + _describe(exc))

        return undo

    @staticmethod
    def setAttributes(element: Element, *pairs) -> None:
        for i in range(0, len(pairs), 2):
            name, value = pairs[i], pairs[i + 1]
            if value is None or value is False:
                element.removeAttribute(name)
            else:
                element.setAttribute(name, "" if value is True else str(value))

    @staticmethod
    def emit(element: Element, type: str, *pairs) -> None:
        element.dispatchEvent(Event(type, detail=shim.object(*pairs)))

    @staticmethod
    def nextId() -> int:
        _page["ids"] += 1
        return _page["ids"]

    @staticmethod
    def shortcutHolder(name: str):
        return _page["shortcuts"].get(name)

    @staticmethod
    def holdShortcut(name: str, who: str, handler):
        _page["shortcuts"][name] = who

        def free():
            if _page["shortcuts"].get(name) == who:
                del _page["shortcuts"][name]

        return free

    @staticmethod
    def snapshotAttributes(element: Element):
        saved = dict(element.attributes)

        def restore():
            element.attributes.clear()
            element.attributes.update(saved)

        return restore

    @staticmethod
    def talkListen(source, interval_ms, handler):
        entry = {"source": source, "interval_ms": interval_ms, "handler": handler, "stopped": False}
        _page["talk"].append(entry)

        def stop():
            entry["stopped"] = True

        return stop

    @staticmethod
    def onRemoved(element: Element, handler):
        watch = (element, handler)
        element.ownerDocument.removal_watchers.append(watch)

        def stop():
            if watch in element.ownerDocument.removal_watchers:
                element.ownerDocument.removal_watchers.remove(watch)

        return stop

    @staticmethod
    def settle(promise: Deferred) -> Deferred:
        done = Deferred()

        def resolved(value):
            if shim.kind(value) in ("object", "function"):
                _page["settled"][id(promise)] = value
            done.resolve()

        promise.then(resolved, done.reject)
        return done

    @staticmethod
    def settledValue(promise):
        return _page["settled"].get(id(promise))

    @staticmethod
    def painter(
        button: Element, hint: Element, reason: Element, announcer: Element, lasted: Element, notice=None
    ):
        document = button.ownerDocument
        state = {"focus_lost": False, "since": None, "clock": None}

        def show_lasted():
            state["clock"] = None
            if lasted.isConnected and state["since"] is not None:
                lasted.textContent = _elapsed(window.now - state["since"])
                state["clock"] = window.setTimeout(show_lasted, 1000)

        def paint(text: str) -> None:
            frame = json.loads(text)
            changes = frame.get("set")
            if changes:
                if changes.get("disabled", 0) == "" and document.activeElement is button:
                    state["focus_lost"] = True
                for name, value in changes.items():
                    if value is None:
                        button.removeAttribute(name)
                    else:
                        button.setAttribute(name, value)
                if "disabled" in changes and changes["disabled"] is None and state["focus_lost"]:
                    state["focus_lost"] = False
                    if document.activeElement in (None, document.body):
                        button.focus()
            for name, element in (("hint", hint), ("reason", reason), ("announce", announcer)):
                if name in frame:
                    element.textContent = frame[name]
            seconds = None
            if frame.get("timing") is True and state["since"] is None:
                state["since"] = window.now
                lasted.textContent = _elapsed(0)
                state["clock"] = window.setTimeout(show_lasted, 1000)
            elif frame.get("timing") is False and state["since"] is not None:
                seconds = round(window.now - state["since"])
                state["since"] = None
                window.clearTimeout(state["clock"])
                lasted.textContent = ""
            if "notice" in frame and notice is not None:
                notice.textContent = frame["notice"]
            if frame.get("change"):
                muted, confirmed = frame["change"]
                extra = () if seconds is None else ("duration", seconds)
                shim.emit(button, "mute:change", "muted", muted, "confirmed", confirmed, *extra)
            for name, event, keys in (
                ("error", "mute:error", ("code", "message")),
                ("media", "mute:media", ("state", "detail")),
            ):
                if frame.get(name):
                    shim.emit(button, event, keys[0], frame[name][0], keys[1], frame[name][1])
            if "talking" in frame:
                shim.emit(button, "mute:talking", "talking", frame["talking"])

        return paint
