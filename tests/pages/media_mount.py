"""Mounts the widget with verify_media as the query string says, for tests/browser/test_media.py."""

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton
from widget.adapters import EmbeddableClient


class MediaClient(EmbeddableClient):
    """An embeddable client whose SDK exposes its call's media: the adapter hook."""

    def media_source(self):
        return window.softphone.peerConnection()


params = window.URLSearchParams.new(window.location.search)
source = params.get("source") if params.has("source") else "pc"
talk_warning = params.get("talk") != "off"  # ?talk=off: MuteButton(talk_warning=False)
SOURCES = {
    "pc": lambda: window.agentPc,  # a JS function returning the RTCPeerConnection
    "track": lambda: window.agentTrack,  # a JS function returning the outgoing track
    "py": lambda: lambda: window.softphone.peerConnection(),  # a Python callable
    "bad-object": lambda: window.softphone,
    "bad-number": lambda: 42,
}

button = None
try:
    if source == "hook":
        button = MuteButton("#mount", MediaClient("softphone"), talk_warning=talk_warning)
    else:
        button = MuteButton(
            "#mount", EmbeddableClient("softphone"), verify_media=SOURCES[source](), talk_warning=talk_warning
        )
except Exception as exc:  # the test reads the error the host page would see
    document.documentElement.dataset.mountError = type(exc).__name__ + ": " + str(exc)


def destroy(*args):
    if button is not None:
        button.destroy()
    document.documentElement.dataset.destroyed = "1"


def try_mount(kind, *args):
    """Mount a second button on #spare with the source ``kind``: the error, or "mounted"."""
    try:
        MuteButton("#spare", EmbeddableClient("softphone"), verify_media=SOURCES[kind]())
    except Exception as exc:
        return type(exc).__name__ + ": " + str(exc)
    return "mounted"


window.destroyWidget = create_proxy(destroy)
window.tryMount = create_proxy(try_mount)
window.mediaState = create_proxy(lambda *args: button.media_state if button is not None else "none")
document.documentElement.dataset.widgetReady = "1"
