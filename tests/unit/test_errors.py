"""Error codes and their human reasons (contract: "The button (DOM)", data-error)."""

import pytest

from widget import errors

CONTRACT_CODES = {
    "not-connected",
    "rejected",
    "timeout",
    "unauthorized",
    "forbidden",
    "not-found",
    "bad-request",
    "rate-limited",
    "unavailable",
    "media-not-muted",
    "no-sdk",
    "forced-mute",
}


def test_codes_are_the_contracts():
    assert set(errors.CODES) == CONTRACT_CODES
    assert len(errors.CODES) == len(CONTRACT_CODES)


@pytest.mark.parametrize("code", errors.CODES)
def test_every_code_has_a_reason(code):
    text = errors.reason(code)
    assert isinstance(text, str)
    assert text.strip()
    assert "<" not in text  # text only, never HTML


def test_reasons_differ():
    texts = [errors.reason(code) for code in errors.CODES]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("code", errors.CODES)
def test_reason_appends_the_detail(code):
    base = errors.reason(code)
    text = errors.reason(code, "SDK said: no")
    assert text.startswith(base)
    assert text.endswith("SDK said: no)")
    assert len(text) > len(base) + len("SDK said: no")


@pytest.mark.parametrize("detail", [None, ""])
def test_reason_without_detail_is_the_bare_reason(detail):
    assert errors.reason(errors.TIMEOUT, detail) == errors.reason(errors.TIMEOUT)


def test_reason_for_an_unknown_code_is_still_a_sentence():
    assert errors.reason("no-such-code").strip()


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "bad-request"),
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not-found"),
        (429, "rate-limited"),
        (500, "unavailable"),
        (502, "unavailable"),
        (503, "unavailable"),
        (0, "unavailable"),
        (418, "rejected"),
        (409, "rejected"),
    ],
)
def test_code_for_status(status, code):
    assert errors.code_for_status(status) == code
