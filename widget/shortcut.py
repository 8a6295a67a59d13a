"""Keyboard shortcuts such as ``"ctrl+shift+m"``: parsed once, matched per key press."""

_MODIFIERS = ("ctrl", "shift", "alt", "meta")
_ALIASES = {"control": "ctrl", "cmd": "meta", "command": "meta", "option": "alt"}


class Shortcut:
    """A key with the exact set of modifiers that must be held with it."""

    def __init__(self, key: str, modifiers: "tuple[str, ...]") -> None:
        self.key = key
        self.modifiers = modifiers

    def matches(self, key: str, code: str, held: "tuple[str, ...]") -> bool:
        """True for a key press of this key with exactly these modifiers held.

        ``code`` ("KeyM", "Digit1") is checked too, because Shift, Alt or Option
        change ``key`` ("!" for 1) while the physical key stays the same.
        """
        if tuple(m for m in _MODIFIERS if m in held) != self.modifiers:
            return False
        if (key or "").lower() == self.key:
            return True
        return code == _code(self.key)

    @property
    def name(self) -> str:
        """The combination written one way only ("ctrl+shift+m"), whatever the spelling given."""
        return "+".join(self.modifiers + (self.key,))

    def __repr__(self) -> str:
        return "Shortcut(" + self.name + ")"


def _code(key: str) -> "str | None":
    """The KeyboardEvent.code of a letter or digit key; None for function keys."""
    if len(key) != 1:
        return None
    return ("Digit" if key.isdigit() else "Key") + key.upper()


def _valid_key(key: str) -> bool:
    """A letter, a digit or F1-F24: keys whose physical code does not depend on the layout."""
    if len(key) == 1:
        return "a" <= key <= "z" or "0" <= key <= "9"
    return key[0] == "f" and key[1:].isdigit() and 1 <= int(key[1:]) <= 24


def parse_shortcut(text: str) -> Shortcut:
    """Parse ``"ctrl+shift+m"``; a ValueError says exactly what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"shortcut must be a key combination such as 'ctrl+shift+m', got {text!r}")
    parts = [p.strip().lower() for p in text.split("+")]
    if "" in parts:
        raise ValueError(f"shortcut {text!r} has an empty part; write it like 'ctrl+shift+m'")
    key = parts[-1]
    held = []
    for part in parts[:-1]:
        name = _ALIASES.get(part, part)
        if name not in _MODIFIERS:
            raise ValueError(f"shortcut {text!r}: {part!r} is not a modifier (use ctrl, shift, alt or meta)")
        if name in held:
            raise ValueError(f"shortcut {text!r} names {name!r} twice")
        held.append(name)
    if _ALIASES.get(key, key) in _MODIFIERS:
        raise ValueError(f"shortcut {text!r} has no key after its modifiers")
    if not _valid_key(key):
        raise ValueError(f"shortcut {text!r}: the key {key!r} must be a letter, a digit or F1-F24")
    if len(key) == 1 and not [m for m in held if m != "shift"]:
        raise ValueError(
            f"shortcut {text!r} needs a modifier (ctrl, alt or meta): a bare key would fire while typing"
        )
    return Shortcut(key, tuple(m for m in _MODIFIERS if m in held))
