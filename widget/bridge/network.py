"""HTTP, WebSocket and postMessage for adapters that talk to a service or a framed softphone.

Each goes through the shim (``static/mute-bridge.js``) and is held by the widget's
``Resources``, so ``destroy()`` drops late answers, closes sockets and stops listening.
Nothing here logs a header, a body or a URL query: requests carry a bearer token.
"""

import json

from .. import errors
from . import runtime
from .resources import Resources, Subscription
from .runtime import shim
from .values import guarded


def fetch_json(resources: Resources, url: str, method: str, headers: dict, body, on_done, timeout=15.0):
    """An HTTP request with a JSON body (a dict, or None for none).

    Exactly one ``on_done(status, body, retry_after)`` follows unless the widget is
    released first: ``body`` is the decoded JSON answer (or its text, or None),
    ``retry_after`` the Retry-After header in seconds or None, and a network failure
    is status 0.
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


def open_socket(resources: Resources, url: str, on_event):
    """Open a WebSocket to url; ``on_event(kind, data)`` gets ("open", ""),
    ("message", text) and once ("close", code).

    Returns a function that closes the socket and frees its proxy; release() does the
    same, so ``destroy()`` closes every socket the widget opened.
    """
    proxy = runtime.create_proxy(guarded("socket", on_event))
    handler = shim.gate(proxy)
    closer = shim.openSocket(url, handler)

    def undo():
        handler.close()
        closer()

    handle = resources.hold(undo, proxy)
    return lambda: resources.unsubscribe(handle)


def call_js(resources: Resources, fn, on_ok, on_error) -> None:
    """Call a page's JavaScript function ``fn()``; its value (or Promise) to on_ok, a throw to on_error."""
    resources.request(shim, "callFunction", (fn,), on_ok, on_error)


def listen_frame(resources: Resources, frame, origin: str, on_text) -> "Subscription | None":
    """``on_text(text)`` for each string message from ``frame``'s window on exactly
    ``origin`` (nothing else reaches Python); None when it cannot listen."""
    return resources.subscribe(shim.frameChannel, "listen", on_text, frame, origin)


def post_frame(resources: Resources, frame, origin: str, text: str, on_sent, on_failed) -> None:
    """Post ``text`` to ``frame`` on ``origin`` only (never "*"); ``on_sent()`` once it is
    posted, or ``on_failed(code, reason)``."""
    resources.request(
        shim.frameChannel,
        "post",
        (frame, origin, text),
        lambda value=None: on_sent(),
        lambda message="": on_failed(errors.REJECTED, errors.reason(errors.REJECTED, message)),
    )
