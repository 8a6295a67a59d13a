"""The Genesys Cloud REST client: requests, the token, and what a refusal means.

- ``Request``: one API request, described by keyword: method, path, body, what it is
  for (the words a reason uses), the OAuth scopes that allow it, the ids in its path,
  and which retries it may make;
- ``Client.send(request, on_success, on_failure)``: exactly one ``on_success(body)`` or
  ``on_failure(code, reason)``, after at most one token refresh (401) and one wait for
  ``Retry-After`` (429); a 403 is explained by reading ``GET /api/v2/tokens/me``;
- ``Client.refresh(then, on_fail)``: one question to the token_provider for any number
  of waiters.

The token is sent in the Authorization header and nowhere else: it is never logged,
stored elsewhere, shown, put in a URL or in an error message.
"""

from ... import bridge, errors
from ...bridge import network
from .bodies import _get, _text
from .reasons import error_reason, forbidden_reason, no_token_reason

API_PREFIX = "/api/v2"
#: OAuth scopes that allow each kind of request (a scope "x" includes "x:readonly").
MUTE_SCOPES = ("conversations",)
READ_SCOPES = ("conversations", "conversations:readonly")
NOTIFY_SCOPES = ("notifications",)


class Request:
    """One API request. ``what`` completes "could not ..." in a reason ("mute", "read
    the call"); ``scopes`` are the OAuth scopes that allow it (for a 403); ``ids`` maps
    a kind ("conversation", "participant", "user") to the id in the path (for a 404).
    ``auth_retry``: a 401 may ask for a new token and send it again; ``rate_retry``: a
    429 may wait for Retry-After and send it again; ``explain``: a 403 is explained by
    reading the token's scopes."""

    def __init__(
        self,
        method: str,
        path: str,
        what: str,
        *,
        body=None,
        scopes: "tuple[str, ...]" = (),
        ids: "dict | None" = None,
        auth_retry: bool = True,
        rate_retry: bool = True,
        explain: bool = True,
    ) -> None:
        self.method = method
        self.path = path
        self.what = what
        self.body = body
        self.scopes = scopes
        self.ids = ids if ids is not None else {}
        self.auth_retry = auth_retry
        self.rate_retry = rate_retry
        self.explain = explain

    def again(self, **switches) -> "Request":
        """The same request, to send again with some retry switches turned off."""
        options = {
            "body": self.body,
            "scopes": self.scopes,
            "ids": self.ids,
            "auth_retry": self.auth_retry,
            "rate_retry": self.rate_retry,
            "explain": self.explain,
        }
        options.update(switches)
        return Request(self.method, self.path, self.what, **options)


class Client:
    """Sends ``Request``s to ``api_base`` with the token; ``name`` is the adapter's, for
    the errors that a wrong ``token_provider`` raises at ``attach``."""

    RATE_WAIT_MAX = 30.0  # seconds: the longest Retry-After honoured
    REQUEST_TIMEOUT = 15.0

    def __init__(self, name: str, api_base: str, token: "str | None", provider) -> None:
        self.name = name
        self.api_base = api_base
        self.provider = provider
        self.resources = None
        self._token = token
        self._waiters = None  # while the token_provider is being asked: [(then, on_fail)]

    def __repr__(self) -> str:  # never the token
        return "Client(" + repr(self.api_base) + ")"

    @property
    def has_token(self) -> bool:
        return self._token is not None

    def attach(self, resources: "bridge.Resources") -> None:
        """Take the widget's resources; a token_provider named by a dotted path is found now."""
        self.resources = resources
        if isinstance(self.provider, str):
            provider = bridge.resolve(self.provider)
            if provider is None or bridge.kind(provider) != "function":
                raise ValueError(self.name + ": window." + self.provider + " is not a function")
            self.provider = provider
        elif self.provider is not None and not (bridge.is_js(self.provider) or callable(self.provider)):
            raise TypeError(self.name + ": token_provider must be a function")

    def send(self, request: Request, on_success, on_failure) -> None:
        """One API request; on_success(body) or on_failure(code, reason)."""

        def again(**switches):
            self.send(request.again(**switches), on_success, on_failure)

        def done(status, answer, retry_after):
            if 200 <= status < 300:
                on_success(answer)
            elif status == 401 and request.auth_retry and self.provider is not None:
                self.refresh(
                    lambda: again(auth_retry=False),
                    lambda why: on_failure(errors.UNAUTHORIZED, why),
                )
            elif status == 429 and request.rate_retry:
                wait = retry_after if isinstance(retry_after, (int, float)) else 1.0
                self.resources.set_timeout(
                    lambda: again(rate_retry=False), max(0.0, min(float(wait), self.RATE_WAIT_MAX))
                )
            elif status == 403 and request.explain:
                self._explain_forbidden(answer, request, on_failure)
            else:
                reason = error_reason(
                    status, answer, request.what, request.ids, retry_after, self.provider is not None
                )
                on_failure(errors.code_for_status(status), reason)

        headers = {"Authorization": "Bearer " + (self._token or ""), "Accept": "application/json"}
        if request.body is not None:
            headers["Content-Type"] = "application/json"
        network.fetch_json(
            self.resources,
            self.api_base + request.path,
            request.method,
            headers,
            request.body,
            done,
            self.REQUEST_TIMEOUT,
        )

    def _explain_forbidden(self, answer, request: Request, on_failure) -> None:
        """A 403: read the token's scopes to tell a missing scope from a missing permission."""

        def told(authorized):
            on_failure(errors.FORBIDDEN, forbidden_reason(answer, request.what, request.scopes, authorized))

        path = API_PREFIX + "/tokens/me"
        scopes = Request("GET", path, "read the token's scopes", rate_retry=False, explain=False)
        self.send(scopes, lambda info: told(_get(info, "authorizedScope")), lambda code, reason: told(None))

    def refresh(self, then, on_fail) -> None:
        """Ask token_provider for a new token (one question for any number of waiters):
        ``then()`` once it is here, or ``on_fail(reason)``."""
        if self.provider is None:
            on_fail(error_reason(401, None, "sign in", {}))
            return
        if self._waiters is not None:
            self._waiters.append((then, on_fail))
            return
        self._waiters = [(then, on_fail)]

        def finish(token, why=""):
            waiters, self._waiters = self._waiters or [], None
            if isinstance(token, str) and token.strip():
                self._token = token.strip()
                for go, _fail in waiters:
                    go()
                return
            reason = no_token_reason(why)
            for _go, fail in waiters:
                fail(reason)

        provider = self.provider
        if bridge.is_js(provider):
            network.call_js(
                self.resources,
                provider,
                lambda value=None: finish(value),
                lambda message="": finish(None, _text(message, 120)),
            )
            return
        try:
            value = provider()
        except Exception as exc:
            finish(None, type(exc).__name__)
            return
        finish(value)
