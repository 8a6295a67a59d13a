// @ts-check
// A fake GenesysCloudWebrtcSdk (npm genesys-cloud-webrtc-sdk) for the demo and the
// browser tests: on/removeListener, setAudioMute({conversationId, mute}) and the
// conversationUpdate, sessionEnded, pendingSession, handledPendingSession and
// cancelPendingSession events, shaped by the real package's typings.
// tests/unit/test_typings_genesys.py compiles this file against them (checkJs), so a
// field, method or event name the real SDK lacks fails the tests.
//
// What it mirrors, each from the real package's dist/es/ (v9.2.4):
// - sessions/softphone-session-handler.js handleSoftphoneConversationUpdate: a call
//   state is stored for every conversation, but no conversationUpdate is emitted for a
//   pending state (isPendingState: alerting, contacting), nor when nothing changed
//   (diffConversationCallStates: state, confined, held, muted); the first update comes
//   when the call connects (isConnectedState: dialing, connected), with the conversation
//   in `added`; one that ends while pending is dropped with no update at all, one that
//   ends after connecting is `removed` (after a sessionEnded, for the persistent session).
// - emitConversationEvent: `current` is every stored conversation, pending ones too.
// - determineActiveConversationId: the active id is computed, never chosen: the only
//   conversation; else the only connected one; else the first connected one not held;
//   else the session's conversation (which can be one just removed).
// - setAudioMute (client.js -> session-manager.js -> softphone-session-handler.js): an
//   async function, so it never throws synchronously; it PATCHes the participant
//   {muted} and resolves when the PATCH answers. The mute happens on Genesys's media
//   server: the local track keeps sending (with `media`, the session's pc does).
//   The confirmation is the next conversationUpdate whose mostRecentCallState.muted changed.
// - session-manager.js onCancelPendingSession / onHandledPendingSession: a proposed call
//   cancelled by its caller, or answered (here or on another device).
// - base-session-handler.js onSessionTerminated: a Jingle termination emits sessionEnded,
//   which can come before the conversation notifications say the call is over.

/** @typedef {import("genesys-cloud-webrtc-sdk").SdkEvents} SdkEvents */
/** @typedef {import("genesys-cloud-webrtc-sdk").ISessionMuteRequest} ISessionMuteRequest */
/** @typedef {import("genesys-cloud-webrtc-sdk").ISdkConversationUpdateEvent} ISdkConversationUpdateEvent */
/** @typedef {import("genesys-cloud-webrtc-sdk").IStoredConversationState} IStoredConversationState */
/** @typedef {import("genesys-cloud-webrtc-sdk").ICallStateFromParticipant} ICallStateFromParticipant */
/** @typedef {import("genesys-cloud-webrtc-sdk").IExtendedMediaSession} IExtendedMediaSession */
/** @typedef {import("genesys-cloud-webrtc-sdk").IPendingSession} IPendingSession */
/** @typedef {import("genesys-cloud-webrtc-sdk").CommunicationStates} CommunicationStates */
/** @typedef {import("genesys-cloud-webrtc-sdk").SessionTypes} SessionTypes */
/** @typedef {keyof SdkEvents} SdkEventName */
/** @typedef {Parameters<SdkEvents["sessionEnded"]>[1]} JingleReason */

/**
 * A CommunicationStates value from its string, checked against the enum's values.
 * @param {`${CommunicationStates}`} value
 * @returns {CommunicationStates}
 */
const communicationState = (value) => /** @type {CommunicationStates} */ (/** @type {unknown} */ (value));

/** @param {ICallStateFromParticipant | undefined} call softphone-session-handler.js isPendingState */
const isPending = (call) => call?.state === "alerting" || call?.state === "contacting";
/** @param {ICallStateFromParticipant | undefined} call softphone-session-handler.js isConnectedState */
const isConnected = (call) => call?.state === "dialing" || call?.state === "connected";
/** @param {ICallStateFromParticipant | undefined} call softphone-session-handler.js isEndedState */
const isEnded = (call) => call?.state === "disconnected" || call?.state === "terminated";

/**
 * softphone-session-handler.js diffConversationCallStates: whether anything changed.
 * @param {ICallStateFromParticipant | undefined} a
 * @param {ICallStateFromParticipant | undefined} b
 */
const differ = (a, b) =>
  !a || !b || a.state !== b.state || a.confined !== b.confined || a.held !== b.held || a.muted !== b.muted;

/**
 * The few fields of a media session this fake has; the SDK's sessions have many more.
 * `pc` and `peerConnection` (stanza's ICESession.pc, streaming-client's
 * IExtendedMediaSession.peerConnection) are the call's RTCPeerConnection once it has media.
 * @param {string} conversationId
 * @returns {IExtendedMediaSession}
 */
function fakeSession(conversationId) {
  /** @type {Pick<IExtendedMediaSession, "id" | "conversationId" | "active">} */
  const session = { id: `session-${conversationId}`, conversationId, active: true };
  return /** @type {IExtendedMediaSession} */ (/** @type {unknown} */ (session));
}

/** Loaded only with the `media` option (a variable, so checkJs leaves that module alone). */
const MEDIA_CALL = "./media-call.js";

export class FakeGenesysCloudWebrtcSdk {
  /**
   * media: each connected call carries real audio (demo/fakes/media-call.js, loaded only
   * then) on its session's pc, which a server-side mute leaves sending, as the real one.
   * @param {{muteDelayMs?: number, media?: {microphone?: boolean, pulse?: boolean} | null}} [options]
   */
  constructor({ muteDelayMs = 120, media = null } = {}) {
    this.muteDelayMs = muteDelayMs;
    this.mediaOptions = media;
    /** @type {Map<string, {pc: RTCPeerConnection, close(): void}>} conversation id -> its call's MediaCall */
    this.media = new Map();
    /** @type {Promise<unknown>} settles when the latest call's media is up */
    this.mediaReady = Promise.resolve(null);
    /**
     * What the next setAudioMute does: "confirm", "reject" (the PATCH fails: the SDK's
     * SdkError "Failed to set audioMute"), "never" (resolves, no update follows) or
     * "throw" (defensive: not produced by the SDK, whose setAudioMute is async; kept for
     * the reliability fuzz, tests/pages/fuzz.js).
     */
    this.nextMute = "confirm";
    /** @type {Map<string, Set<(...args: any[]) => void>>} */
    this.listeners = new Map();
    /** @type {Map<string, IStoredConversationState>} softphone-session-handler.js `conversations` */
    this.conversations = new Map();
    this.activeConversationId = "";
    /** @type {Set<string>} conversations whose session already ended (Jingle termination) */
    this.terminated = new Set();
    /** @type {Array<[string, unknown]>} every SDK method called from outside */
    this.calls = [];
    this.count = 0;
    /** @type {(name: string, value: unknown) => void} */
    this.log = () => {};
  }

  /**
   * @param {SdkEventName} event
   * @param {(...args: any[]) => void} listener
   */
  on(event, listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(listener);
    return this;
  }

  /**
   * @param {SdkEventName} event
   * @param {(...args: any[]) => void} listener
   */
  removeListener(event, listener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  listenerCount() {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /**
   * @param {SdkEventName} event
   * @param {...unknown} args
   */
  emit(event, ...args) {
    this.log(event, args[0]);
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
    return true;
  }

  /**
   * Mutes or unmutes the microphone of a conversation: the real one PATCHes the
   * participant {muted} (softphone-session-handler.js setAudioMute); nothing local changes.
   * @param {ISessionMuteRequest} muteOptions
   * @returns {Promise<void>}
   */
  setAudioMute(muteOptions) {
    this.calls.push(["setAudioMute", { ...muteOptions }]);
    const { conversationId, mute } = muteOptions;
    const conversation = this.conversations.get(conversationId);
    const mode = this.nextMute;
    this.nextMute = "confirm";
    if (mode === "throw") throw new Error("Failed to set audioMute"); // defensive: not produced by the SDK
    // session-manager.js getSession: an SdkError, inside the async function: a rejection.
    if (!conversation) return Promise.reject(new Error("Unable to find session"));
    if (mode === "reject") return Promise.reject(new Error("Failed to set audioMute"));
    if (mode === "never") return Promise.resolve();
    return new Promise((resolve) => {
      setTimeout(() => {
        resolve();
        // The update follows unless the call ended meanwhile (no conversation to update).
        setTimeout(() => this.conversations.has(conversationId) && this.setMuted(conversationId, Boolean(mute)), 10);
      }, this.muteDelayMs);
    });
  }

  // -- the telephony side: calls arrive, are answered, held, muted elsewhere, end ---
  /**
   * A call rings (alerting; an outbound one: contacting): stored, and a pendingSession
   * (session-manager.js onPropose), but no conversationUpdate.
   */
  incoming(conversationId = `conversation-${++this.count}`, { outbound = false } = {}) {
    const session = fakeSession(conversationId);
    /** @type {IStoredConversationState} */
    const conversation = {
      conversationId,
      conversationUpdate: { id: conversationId, participants: [] },
      session,
      mostRecentCallState: {
        id: `participant-${conversationId}`,
        state: communicationState(outbound ? "contacting" : "alerting"),
        muted: false,
        confined: false,
        held: false,
        direction: outbound ? "outbound" : "inbound",
        provider: "Edge",
      },
    };
    this.conversations.set(conversationId, conversation);
    /** @type {Pick<IPendingSession, "id" | "sessionId" | "autoAnswer" | "conversationId" | "fromJid" | "toJid">} */
    const pending = {
      id: session.id,
      sessionId: session.id,
      autoAnswer: outbound,
      conversationId,
      fromJid: "acd-sip@gjoll.example.invalid",
      toJid: "agent@conference.example.invalid",
    };
    this.emit("pendingSession", { ...pending, sessionType: /** @type {SessionTypes} */ ("softphone") });
    return conversationId;
  }

  /** The conversation a phone's buttons act on: the active one, else the latest stored. */
  latest() {
    if (this.conversations.has(this.activeConversationId)) return this.activeConversationId;
    return [...this.conversations.keys()].at(-1) ?? "";
  }

  /** The latest pending conversation (the call ringing), else the latest one. */
  ringing() {
    const pending = [...this.conversations.values()].filter((c) => isPending(c.mostRecentCallState));
    return pending.at(-1)?.conversationId ?? this.latest();
  }

  /** The agent answers here: handledPendingSession, then the update with it in `added`. */
  answer(conversationId = this.ringing()) {
    const conversation = this.conversations.get(conversationId);
    if (conversation && isPending(conversation.mostRecentCallState)) {
      this.emit("handledPendingSession", { sessionId: conversation.session?.id, conversationId });
    }
    this.callState(conversationId, { state: communicationState("connected") });
  }

  /** Answered on another device: handledPendingSession; the SDK drops it, no update. */
  /** @param {string} conversationId */
  answeredElsewhere(conversationId) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    this.emit("handledPendingSession", { sessionId: conversation.session?.id, conversationId });
    this.conversations.delete(conversationId);
  }

  hold(conversationId = this.latest(), held = true) {
    this.callState(conversationId, { held });
  }

  /** A mute made elsewhere: Genesys's own UI, a headset, another tab. */
  setMuted(conversationId = this.latest(), muted = true) {
    this.callState(conversationId, { muted });
  }

  /**
   * The call's Jingle session terminates (base-session-handler.js onSessionTerminated):
   * sessionEnded now; the conversation notifications (hangUp) come later.
   */
  terminate(conversationId = this.latest()) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation?.session) throw new Error(`no session for ${conversationId}`);
    this.terminated.add(conversationId);
    this.stopMedia(conversationId);
    /** @type {JingleReason} */
    const reason = { condition: "success" };
    this.emit("sessionEnded", conversation.session, reason);
  }

  /**
   * The call ends (disconnected). Pending: dropped with no update, and a
   * cancelPendingSession; connected: sessionEnded (unless its session already ended),
   * then the update with it in `removed`.
   */
  hangUp(conversationId = this.latest()) {
    this.callState(conversationId, { state: communicationState("disconnected") });
  }

  /**
   * softphone-session-handler.js handleSoftphoneConversationUpdate, for one new call state.
   * @param {string} conversationId
   * @param {Partial<ICallStateFromParticipant>} fields
   */
  callState(conversationId, fields) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    const previous = conversation.mostRecentCallState;
    const next = this.withCallState(conversation, fields);
    const call = next.mostRecentCallState;
    this.conversations.set(conversationId, next);
    if (!differ(previous, call)) return; // "state is unchanged. ignoring"
    if (previous?.state === call?.state) {
      this.update("updated", next);
      return;
    }
    if (isPending(call)) return; // "we don't want to emit events for these"
    if (isConnected(call)) {
      this.startMedia(conversationId);
      this.update(isConnected(previous) ? "updated" : "added", next);
      return;
    }
    if (isEnded(call)) {
      this.stopMedia(conversationId);
      if (isPending(previous)) {
        // session-manager.js onCancelPendingSession (via the streaming client, or the
        // persistent session): the pending call is gone, and no conversationUpdate says so.
        this.emit("cancelPendingSession", { sessionId: next.session?.id, conversationId });
        this.conversations.delete(conversationId);
        return;
      }
      if (!this.terminated.delete(conversationId)) {
        /** @type {JingleReason} */
        const reason = { condition: "success" };
        this.emit("sessionEnded", next.session, reason);
      }
      this.update("removed", next);
      return;
    }
    this.update("updated", next);
  }

  /**
   * @param {IStoredConversationState} conversation
   * @param {Partial<ICallStateFromParticipant>} fields
   * @returns {IStoredConversationState}
   */
  withCallState(conversation, fields) {
    const previous = /** @type {ICallStateFromParticipant} */ (conversation.mostRecentCallState);
    return { ...conversation, mostRecentCallState: { ...previous, ...fields } };
  }

  /**
   * softphone-session-handler.js emitConversationEvent.
   * @param {"added" | "updated" | "removed"} kind
   * @param {IStoredConversationState} conversation
   */
  update(kind, conversation) {
    if (kind === "removed") this.conversations.delete(conversation.conversationId);
    this.activeConversationId = this.determineActiveConversationId(conversation.session);
    /** @type {ISdkConversationUpdateEvent} */
    const event = {
      activeConversationId: this.activeConversationId,
      current: [...this.conversations.values()],
      added: kind === "added" ? [conversation] : [],
      removed: kind === "removed" ? [conversation] : [],
    };
    this.emit("conversationUpdate", event);
  }

  /**
   * softphone-session-handler.js determineActiveConversationId.
   * @param {IExtendedMediaSession | undefined} session
   */
  determineActiveConversationId(session) {
    const conversations = [...this.conversations.values()];
    if (conversations.length === 0) return session?.conversationId || "";
    if (conversations.length === 1) return conversations[0].conversationId;
    const connected = conversations.filter((c) => isConnected(c.mostRecentCallState));
    if (connected.length === 1) return connected[0].conversationId;
    const notHeld = connected.find((c) => c.mostRecentCallState?.held === false);
    if (notHeld) return notHeld.conversationId;
    return session?.conversationId || "";
  }

  // -- media: the session's RTCPeerConnection, as the real session has it -------------
  /** @param {string} conversationId */
  startMedia(conversationId) {
    if (!this.mediaOptions || this.media.has(conversationId)) return;
    const options = this.mediaOptions;
    this.mediaReady = import(MEDIA_CALL)
      .then(({ MediaCall }) => MediaCall.start(options))
      .then((/** @type {{pc: RTCPeerConnection, close(): void}} */ call) => {
        const conversation = this.conversations.get(conversationId);
        if (!conversation?.session || this.terminated.has(conversationId)) {
          call.close();
          return null;
        }
        this.media.set(conversationId, call);
        const session = /** @type {IExtendedMediaSession & {pc: RTCPeerConnection}} */ (conversation.session);
        session.pc = call.pc;
        session.peerConnection = call.pc;
        return call;
      });
  }

  /** @param {string} conversationId */
  stopMedia(conversationId) {
    this.media.get(conversationId)?.close();
    this.media.delete(conversationId);
  }
}
