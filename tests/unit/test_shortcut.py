"""parse_shortcut and Shortcut.matches: what a host page may pass as ``shortcut=``."""

import pytest

from widget.shortcut import Shortcut, parse_shortcut


@pytest.mark.parametrize(
    ("text", "key", "modifiers"),
    [
        ("ctrl+shift+m", "m", ("ctrl", "shift")),
        ("shift+ctrl+m", "m", ("ctrl", "shift")),
        ("Ctrl+Alt+F9", "f9", ("ctrl", "alt")),
        ("meta+k", "k", ("meta",)),
        ("control+m", "m", ("ctrl",)),
        (" ctrl + shift + m ", "m", ("ctrl", "shift")),
        ("f9", "f9", ()),
        ("shift+f9", "f9", ("shift",)),
    ],
)
def test_parse_accepts(text, key, modifiers):
    shortcut = parse_shortcut(text)
    assert isinstance(shortcut, Shortcut)
    assert shortcut.key == key
    assert shortcut.modifiers == modifiers


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("", "key combination"),
        ("   ", "key combination"),
        ("m", "bare key"),
        ("shift+m", "bare key"),
        ("ctrl+", "empty part"),
        ("+m", "empty part"),
        ("ctrl++m", "empty part"),
        ("ctrl+ctrl+m", "twice"),
        ("ctrl+control+m", "twice"),
        ("hyper+m", "'hyper' is not a modifier"),
        ("ctrl+shift", "no key"),
        ("ctrl+control", "no key"),
        ("alt+meta", "no key"),
        (None, "key combination"),
        (42, "key combination"),
    ],
)
def test_parse_rejects_and_names_the_problem(text, names):
    with pytest.raises(ValueError) as caught:
        parse_shortcut(text)
    assert names in str(caught.value)
    assert repr(text) in str(caught.value)


def test_matches_exact_modifiers_only():
    shortcut = parse_shortcut("ctrl+shift+m")
    assert shortcut.matches("m", "KeyM", ("ctrl", "shift"))
    assert shortcut.matches("m", "KeyM", ("shift", "ctrl"))
    assert not shortcut.matches("m", "KeyM", ("ctrl",))
    assert not shortcut.matches("m", "KeyM", ("shift",))
    assert not shortcut.matches("m", "KeyM", ())
    assert not shortcut.matches("m", "KeyM", ("ctrl", "shift", "alt"))
    assert not shortcut.matches("m", "KeyM", ("ctrl", "shift", "meta"))


def test_matches_the_key_case_insensitively():
    shortcut = parse_shortcut("ctrl+shift+m")
    assert shortcut.matches("M", "KeyM", ("ctrl", "shift"))
    assert shortcut.matches("M", "", ("ctrl", "shift"))
    assert not shortcut.matches("n", "KeyN", ("ctrl", "shift"))
    assert not shortcut.matches("N", "KeyN", ("ctrl", "shift"))


def test_matches_the_physical_key_when_the_layout_changes_key():
    shortcut = parse_shortcut("ctrl+alt+m")
    # Option+M on a Mac layout gives "µ" while the physical key stays KeyM.
    assert shortcut.matches("µ", "KeyM", ("ctrl", "alt"))
    assert not shortcut.matches("µ", "KeyN", ("ctrl", "alt"))
    assert not shortcut.matches("µ", "KeyM", ("ctrl",))


def test_matches_a_function_key():
    shortcut = parse_shortcut("f9")
    assert shortcut.matches("F9", "F9", ())
    assert not shortcut.matches("F9", "F9", ("ctrl",))
    assert not shortcut.matches("F8", "F8", ())
    shortcut = parse_shortcut("Ctrl+Alt+F9")
    assert shortcut.matches("F9", "F9", ("alt", "ctrl"))
    assert not shortcut.matches("F9", "F9", ("alt",))


def test_matches_tolerates_a_missing_key():
    shortcut = parse_shortcut("ctrl+m")
    assert not shortcut.matches(None, "", ("ctrl",))
    assert shortcut.matches(None, "KeyM", ("ctrl",))


def test_matches_a_digit_by_its_physical_key_when_shift_changes_it():
    shortcut = parse_shortcut("ctrl+shift+1")
    assert shortcut.matches("!", "Digit1", ("ctrl", "shift"))
    assert not shortcut.matches("!", "Digit2", ("ctrl", "shift"))


@pytest.mark.parametrize("text", ["enter", "ctrl+space", "backspace", "escape", "arrowleft", "ctrl+/", "f25"])
def test_rejects_keys_that_are_not_letters_digits_or_function_keys(text):
    with pytest.raises(ValueError, match="must be a letter, a digit or F1-F24"):
        parse_shortcut(text)
