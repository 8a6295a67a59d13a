"""The README's "another package name" case: the package unpacked as ./mutebutton/."""

from mutebutton import MuteButton
from mutebutton.adapters import EmbeddableClient
from pyscript import document

try:
    import widget  # noqa: F401  (must not exist: the package knows no name of its own)

    document.documentElement.dataset.widgetName = "importable"
except ImportError:
    document.documentElement.dataset.widgetName = "absent"

button = MuteButton("#mute", EmbeddableClient("mySoftphone"))
