// @ts-check
// A fake GenesysCloudWebrtcSdk (npm genesys-cloud-webrtc-sdk) for the demo and the
// browser tests: on/removeListener, setAudioMute({conversationId, mute}) and the
// conversationUpdate and sessionEnded events, shaped by the real package's typings.
// tests/unit/test_typings_genesys.py compiles this file against them (checkJs), so a
// field, method or event name the real SDK lacks fails the tests.
//
// Like the real SDK, setAudioMute resolves once the request is sent and the mute is
// confirmed later, by a conversationUpdate whose mostRecentCallState.muted changed.

/** @typedef {import("genesys-cloud-webrtc-sdk").SdkEvents} SdkEvents */
/** @typedef {import("genesys-cloud-webrtc-sdk").ISessionMuteRequest} ISessionMuteRequest */
/** @typedef {import("genesys-cloud-webrtc-sdk").ISdkConversationUpdateEvent} ISdkConversationUpdateEvent */
/** @typedef {import("genesys-cloud-webrtc-sdk").IStoredConversationState} IStoredConversationState */
/** @typedef {import("genesys-cloud-webrtc-sdk").ICallStateFromParticipant} ICallStateFromParticipant */
/** @typedef {import("genesys-cloud-webrtc-sdk").IExtendedMediaSession} IExtendedMediaSession */
/** @typedef {import("genesys-cloud-webrtc-sdk").CommunicationStates} CommunicationStates */
/** @typedef {keyof SdkEvents} SdkEventName */
/** @typedef {Parameters<SdkEvents["sessionEnded"]>[1]} JingleReason */

/**
 * A CommunicationStates value from its string, checked against the enum's values.
 * @param {`${CommunicationStates}`} value
 * @returns {CommunicationStates}
 */
const communicationState = (value) => /** @type {CommunicationStates} */ (/** @type {unknown} */ (value));

/**
 * The few fields of a media session this fake has; the SDK's sessions have many more.
 * @param {string} conversationId
 * @returns {IExtendedMediaSession}
 */
function fakeSession(conversationId) {
  /** @type {Pick<IExtendedMediaSession, "id" | "conversationId" | "active">} */
  const session = { id: `session-${conversationId}`, conversationId, active: true };
  return /** @type {IExtendedMediaSession} */ (/** @type {unknown} */ (session));
}

export class FakeGenesysCloudWebrtcSdk {
  /** @param {{muteDelayMs?: number}} [options] */
  constructor({ muteDelayMs = 120 } = {}) {
    this.muteDelayMs = muteDelayMs;
    /** What the next setAudioMute does: "confirm", "reject", "throw" or "never" (resolves, no update). */
    this.nextMute = "confirm";
    /** @type {Map<string, Set<(...args: any[]) => void>>} */
    this.listeners = new Map();
    /** @type {Map<string, IStoredConversationState>} */
    this.conversations = new Map();
    this.activeConversationId = "";
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
   * Mutes or unmutes the microphone of a conversation (the real one PATCHes the participant).
   * @param {ISessionMuteRequest} muteOptions
   * @returns {Promise<void>}
   */
  setAudioMute(muteOptions) {
    this.calls.push(["setAudioMute", { ...muteOptions }]);
    const { conversationId, mute } = muteOptions;
    const conversation = this.conversations.get(conversationId);
    const mode = this.nextMute;
    this.nextMute = "confirm";
    if (mode === "throw") throw new Error("Failed to set audioMute");
    if (!conversation) return Promise.reject(new Error(`Unable to find session for conversationId: ${conversationId}`));
    if (mode === "reject") return Promise.reject(new Error("Failed to set audioMute (403: missing.permissions)"));
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
  /** An incoming call (alerting); it becomes the active conversation when none is. */
  incoming(conversationId = `conversation-${++this.count}`) {
    /** @type {IStoredConversationState} */
    const conversation = {
      conversationId,
      conversationUpdate: { id: conversationId, participants: [] },
      session: fakeSession(conversationId),
      mostRecentCallState: {
        id: `participant-${conversationId}`,
        state: communicationState("alerting"),
        muted: false,
        confined: false,
        held: false,
        direction: "inbound",
        provider: "Edge",
      },
    };
    this.conversations.set(conversationId, conversation);
    if (!this.activeConversationId) this.activeConversationId = conversationId;
    this.update({ added: [conversation] });
    return conversationId;
  }

  answer(conversationId = this.activeConversationId) {
    this.activeConversationId = conversationId;
    this.callState(conversationId, { state: communicationState("connected") });
  }

  hold(conversationId = this.activeConversationId, held = true) {
    this.callState(conversationId, { held });
  }

  /** A mute made elsewhere: Genesys's own UI, a headset, another tab. */
  setMuted(conversationId = this.activeConversationId, muted = true) {
    this.callState(conversationId, { muted });
  }

  /**
   * Make another conversation the active one (the agent switched calls).
   * @param {string} conversationId
   */
  activate(conversationId) {
    this.activeConversationId = conversationId;
    this.update({});
  }

  hangUp(conversationId = this.activeConversationId) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    const ended = this.withCallState(conversation, { state: communicationState("disconnected") });
    this.conversations.delete(conversationId);
    if (this.activeConversationId === conversationId) {
      this.activeConversationId = [...this.conversations.keys()].at(-1) ?? conversationId;
    }
    /** @type {JingleReason} */
    const reason = { condition: "success" };
    this.emit("sessionEnded", ended.session, reason);
    this.update({ removed: [ended] });
  }

  /**
   * @param {string} conversationId
   * @param {Partial<ICallStateFromParticipant>} fields
   */
  callState(conversationId, fields) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    this.conversations.set(conversationId, this.withCallState(conversation, fields));
    this.update({});
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

  /** @param {{added?: IStoredConversationState[], removed?: IStoredConversationState[]}} changes */
  update({ added = [], removed = [] }) {
    /** @type {ISdkConversationUpdateEvent} */
    const event = {
      activeConversationId: this.activeConversationId,
      current: [...this.conversations.values()],
      added,
      removed,
    };
    this.emit("conversationUpdate", event);
  }
}
