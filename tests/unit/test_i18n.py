"""The agent's language: complete catalogs, the locale picked, and the real button speaking it."""

import string

import pytest
from doubles import Softphone, blank_page

from widget import MuteButton, errors, i18n
from widget.adapters import EmbeddableClient
from widget.bridge import page

EN = i18n.load("en")


def placeholders(text: str) -> set:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("locale", sorted(i18n.LOCALES))
def test_every_catalog_has_every_key_with_the_same_placeholders(locale):
    catalog = i18n.load(locale)
    assert set(catalog) == set(EN), sorted(set(catalog) ^ set(EN))
    for key, text in EN.items():
        assert placeholders(catalog[key]) == placeholders(text), (locale, key)
        assert catalog[key].strip(), (locale, key)
    assert set(EN) >= {"reason_" + code for code in errors.CODES}, "a reason for every code"


def test_the_shipped_locales():
    assert set(i18n.LOCALES) >= {"en", "de", "fr", "es", "pt-BR", "ja", "ar"}


@pytest.mark.parametrize(
    ("tag", "locale"),
    [("de", "de"), ("de-AT", "de"), ("pt", "pt-BR"), ("pt-br", "pt-BR"), ("PT_BR", "pt-BR"), ("ar-EG", "ar"),
     ("ja-JP", "ja"), ("en-GB", "en"), ("xx", None), ("", None), (None, None)],
)  # fmt: skip
def test_a_tag_picks_the_catalog_of_its_language(tag, locale):
    assert i18n.resolve(tag) == locale


def mounted(locale=None, lang=None, state="ringing"):
    blank_page("mute")
    if lang is not None:
        page.document.documentElement.setAttribute("lang", lang)
    page.window.softphone = Softphone(state)
    widget = MuteButton("#mute", EmbeddableClient("softphone"), locale=locale)
    return widget, page.document.querySelector("button")


def name_of(el) -> str:
    return el.textContent  # the icon is empty: the label, the duration, the hint


def test_the_button_speaks_the_locale_given():
    widget, el = mounted("de")
    assert widget.locale == "de" and name_of(el) == "Stumm (während eines verbundenen Anrufs verfügbar)"
    assert "klingelt" in el.getAttribute("title")
    el.dispatchEvent(page.Event("click"))
    reason = page.document.querySelector(".mute-button__reason").textContent
    assert reason.startswith("Stummschalten geht nur") and "der Anruf klingelt noch" in reason


def test_by_default_the_pages_language_then_the_browsers():
    assert mounted(lang="fr-CA")[0].locale == "fr"
    blank_page("mute")
    page.window.navigator.language = "ja-JP"
    page.window.softphone = Softphone()
    assert MuteButton("#mute", EmbeddableClient("softphone")).locale == "ja"
    assert page.document.querySelector(".mute-button__label").textContent == "ミュート"
    page.window.navigator.language = "en-US"


def test_an_unknown_language_speaks_english_and_says_so():
    widget, el = mounted("tlh")
    assert widget.locale == "en" and el.textContent.startswith("Mute")
    said = [t for level, t in page.window.console.messages if level == "warn"]
    assert any("no translation for the language 'tlh'" in t for t in said)


def test_arabic_is_written_right_to_left():
    _, el = mounted("ar")
    assert el.getAttribute("dir") == "rtl"
    assert page.document.querySelector(".mute-button__reason").getAttribute("dir") == "rtl"
    assert el.textContent.startswith("كتم")


def test_an_adapters_reason_is_translated_and_the_sdks_words_kept():
    _, el = mounted("es", state="connected")
    page.window.softphone.muteMic = lambda muted: (_ for _ in ()).throw(RuntimeError("Operation Not Allowed"))
    el.click()
    page.window.flush()
    reason = page.document.querySelector(".mute-button__reason").textContent
    assert reason == sentence("es", "reason_rejected") + " (Operation Not Allowed)"


def sentence(locale: str, key: str) -> str:
    return i18n.load(locale)[key]
