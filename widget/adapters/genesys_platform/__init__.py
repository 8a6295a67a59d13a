"""Genesys Cloud Platform API (REST): mute the signed-in user's own leg of a call.

    GenesysPlatform(conversation_id, token=..., token_provider=..., region="mypurecloud.com")

What it does, in the names of the real API (npm ``purecloud-platform-client-v2``):

- finds the user's own participant: ``GET /api/v2/users/me`` (``UsersApi.getUsersMe``)
  and ``GET /api/v2/conversations/calls/{conversationId}``
  (``ConversationsApi.getConversationsCall``), unless ``participant_id`` is given; a
  user who is not on the call (a supervisor) is refused with the reason, because the
  API mutes only a participant's own leg;
- mutes with ``PATCH /api/v2/conversations/calls/{conversationId}/participants/{participantId}``
  and ``{"muted": true|false}`` (``patchConversationsCallParticipant``, body
  ``MediaParticipantRequest``), answered ``202 Accepted`` with no body: that only
  says the request was taken, so the button waits for the confirmation;
- confirms through the notification channel: ``POST /api/v2/notifications/channels``
  (``Channel.id``, ``Channel.connectUri``), a WebSocket to ``connectUri``, and
  ``PUT .../channels/{id}/subscriptions`` with ``v2.users.{userId}.conversations``;
  heartbeats (``channel.metadata``) keep a watchdog quiet; a dropped socket is
  reopened with backoff while the conversation is polled with backoff, and every
  (re)subscription re-reads the conversation, so nothing is lost;
- explains every failure: 401 asks ``token_provider`` once for a new token and
  retries; 403 reads ``GET /api/v2/tokens/me`` (``TokenInfo.authorizedScope``) to
  tell a missing OAuth scope from a missing role permission; 404 names the id that
  was wrong; 429 waits ``Retry-After`` once; 5xx and network failures say so.

The token is sent in the Authorization header and nowhere else: it is never logged,
stored, shown, put in a URL or in an error message.

``token_provider`` is a JavaScript function (or a dotted path to one on ``window``)
returning the token or a Promise of it, or a Python callable returning the token
string (synchronously). It is asked when a request is answered 401, and at start when
no ``token`` is given.

One concern a module; the first two are pure (CPython unit tests cover them), the
others do their I/O through ``widget.bridge``:

- ``bodies``: readers of Genesys bodies (participants, call states, notifications);
- ``reasons``: the sentence for every failure, saying what to fix;
- ``client``: the REST client: requests, the token and its refresh, 401/429/403;
- ``channel``: the notification channel as a state machine, with its watchdog,
  reconnection and polling;
- ``adapter``: ``GenesysPlatform``, wiring them for the button.
"""

from .adapter import GenesysPlatform

__all__ = ["GenesysPlatform"]
