// A fake of Amazon Connect Streams (npm amazon-connect-streams 2.x) for tests and demo
// pages. `Agent`, `Contact` and `VoiceConnection` have only names of the real typings
// (src/index.d.ts; tests/unit/test_typings_connect_twilio_jssip.py checks them), and
// the `connect` namespace offers agent(cb), contact(cb) and the state enums. It
// behaves as the real one does where it matters to a mute button:
//   - agent.mute() / agent.unmute() return nothing; the softphone answers later with
//     onMuteToggle {muted}, and not at all when there is no local media stream;
//   - onMuteToggle also comes unasked: {muted: false} when a call's media ends, and
//     the current state when another tab asks for it (`syncTabs()`);
//   - hold is a connection state ("hold" on the customer's connection);
//   - a destroyed contact's getters throw, as the real ones do once its data is gone;
//   - before connect.core.initCCP() there is no event bus: connect.core.getEventBus()
//     gives undefined and connect.agent() / connect.contact() throw a TypeError
//     (release/connect-streams.js: initCCP creates connect.core.eventBus; the root
//     subscription APIs call connect.core.getEventBus().subscribe(...));
//   - every change of the agent's data is a new snapshot: agent.onRefresh callbacks run
//     (AgentDataProvider.updateAgentData triggers AgentEvents.REFRESH on each).
// Subscriptions return {unsubscribe}. `ConnectSim` plays the CCP, the network and
// the caller; `new ConnectSim({ccp: false})` starts before initCCP (`sim.initCCP()`).

const ContactStateType = Object.freeze({
  INIT: "init",
  INCOMING: "incoming",
  PENDING: "pending",
  CONNECTING: "connecting",
  CONNECTED: "connected",
  MISSED: "missed",
  REJECTED: "rejected",
  ERROR: "error",
  ENDED: "ended",
  PAUSED: "paused",
});
const ConnectionStateType = Object.freeze({
  INIT: "init",
  CONNECTING: "connecting",
  CONNECTED: "connected",
  HOLD: "hold",
  DISCONNECTED: "disconnected",
});
const ContactType = Object.freeze({ VOICE: "voice", QUEUE_CALLBACK: "queue_callback", CHAT: "chat", TASK: "task" });
const ConnectionType = Object.freeze({ AGENT: "agent", INBOUND: "inbound", OUTBOUND: "outbound" });

// Event names on the bus, as Streams builds them (connect.AgentEvents / ContactEvents,
// namespaced; a contact's own events end with ::<contactId>).
const MUTE_TOGGLE = "agent::mute_toggle";
const AGENT_INIT = "agent::init";
const AGENT_REFRESH = "agent::refresh";
const CONTACT_INIT = "contact::init";
const contactEvent = (name, contactId) => `contact::${name}::${contactId}`;

class EventBus {
  constructor() {
    this._subs = new Map();
  }

  subscribe(name, fn) {
    if (!this._subs.has(name)) this._subs.set(name, new Set());
    const entry = { fn };
    this._subs.get(name).add(entry);
    return { unsubscribe: () => this._subs.get(name)?.delete(entry) };
  }

  trigger(name, data) {
    for (const entry of [...(this._subs.get(name) ?? [])]) entry.fn(data);
  }

  count() {
    let n = 0;
    for (const set of this._subs.values()) n += set.size;
    return n;
  }
}

export class VoiceConnection {
  constructor(sim, contactId, connectionId) {
    this._sim = sim;
    this.contactId = contactId;
    this.connectionId = connectionId;
  }

  _data() {
    return this._sim._contact(this.contactId).connections.find((c) => c.id === this.connectionId);
  }

  getContactId() {
    return this.contactId;
  }

  getConnectionId() {
    return this.connectionId;
  }

  getType() {
    return this._data().type;
  }

  getState() {
    const data = this._data();
    return { type: data.state, timestamp: data.since };
  }

  getStatus() {
    return this.getState();
  }

  isInitialConnection() {
    return this._data().initial;
  }

  isActive() {
    return ["connecting", "connected", "hold"].includes(this._data().state);
  }

  isConnected() {
    return this._data().state === "connected";
  }

  isOnHold() {
    return this._data().state === "hold";
  }

  hold(callbacks) {
    this._sim._record("hold");
    this._sim._setConnection(this.contactId, this.connectionId, "hold");
    callbacks?.success?.();
  }

  resume(callbacks) {
    this._sim._record("resume");
    this._sim._setConnection(this.contactId, this.connectionId, "connected");
    callbacks?.success?.();
  }
}

export class Contact {
  constructor(sim, contactId) {
    this._sim = sim;
    this.contactId = contactId;
  }

  _on(name, fn) {
    return this._sim._bus.subscribe(contactEvent(name, this.contactId), fn);
  }

  _connections() {
    return this._sim._contact(this.contactId).connections.map((c) => new VoiceConnection(this._sim, this.contactId, c.id));
  }

  getContactId() {
    return this.contactId;
  }

  getType() {
    return this._sim._contact(this.contactId).type;
  }

  getState() {
    const data = this._sim._contact(this.contactId);
    return { type: data.state, timestamp: data.since };
  }

  getStatus() {
    return this.getState();
  }

  getConnections() {
    return this._connections();
  }

  getInitialConnection() {
    return this._connections().find((c) => c.isInitialConnection());
  }

  getActiveInitialConnection() {
    const initial = this.getInitialConnection();
    return initial && initial.isActive() ? initial : null;
  }

  getThirdPartyConnections() {
    return this._connections().filter((c) => !c.isInitialConnection() && c.getType() !== "agent");
  }

  getSingleActiveThirdPartyConnection() {
    return this.getThirdPartyConnections().filter((c) => c.isActive())[0] || null;
  }

  getAgentConnection() {
    return this._connections().find((c) => c.getType() === "agent");
  }

  accept(callbacks) {
    this._sim._record("accept");
    this._sim.answer(this.contactId);
    callbacks?.success?.();
  }

  onRefresh(fn) {
    return this._on("refresh", fn);
  }

  onIncoming(fn) {
    return this._on("incoming", fn);
  }

  onPending(fn) {
    return this._on("pending", fn);
  }

  onConnecting(fn) {
    return this._on("connecting", fn);
  }

  onAccepted(fn) {
    return this._on("accepted", fn);
  }

  onConnected(fn) {
    return this._on("connected", fn);
  }

  onMissed(fn) {
    return this._on("missed", fn);
  }

  onEnded(fn) {
    return this._on("ended", fn);
  }

  onACW(fn) {
    return this._on("acw", fn);
  }

  onDestroy(fn) {
    return this._on("destroyed", fn);
  }

  onError(fn) {
    return this._on("error", fn);
  }
}

export class Agent {
  constructor(sim) {
    this._sim = sim;
  }

  getName() {
    return "Alex Morgan";
  }

  getContacts(contactTypeFilter) {
    return [...this._sim._contacts.values()]
      .filter((c) => !contactTypeFilter || c.type === contactTypeFilter)
      .map((c) => new Contact(this._sim, c.id));
  }

  mute() {
    this._sim._record("mute");
    this._sim._requestMute(true);
  }

  unmute() {
    this._sim._record("unmute");
    this._sim._requestMute(false);
  }

  onMuteToggle(fn) {
    return this._sim._bus.subscribe(MUTE_TOGGLE, fn);
  }

  onRefresh(fn) {
    return this._sim._bus.subscribe(AGENT_REFRESH, fn);
  }
}

export class ConnectSim {
  constructor({ confirmDelayMs = 50, ccp = true } = {}) {
    this.calls = []; // every SDK method called from outside: [name, ...args]
    // What the next agent.mute()/unmute() does: "confirm" (after confirmDelayMs),
    // "later" (when deliver() is called), "never" (the softphone never answers) or
    // "throw" (Streams is not initialised: upstream is missing).
    this.nextMute = "confirm";
    this.confirmDelayMs = confirmDelayMs;
    this.muted = false; // the local media's state, in the softphone
    this.log = () => {};
    this._bus = new EventBus();
    this._contacts = new Map(); // contactId -> {id, type, state, since, connections}
    this._media = null; // the contactId whose softphone media is live
    this._agentReady = false;
    this._nextId = 1;
    this._later = null;
    this._ccp = ccp; // whether connect.core.initCCP() has run: the event bus exists
    const sim = this;
    // The real root APIs read the bus each time and throw while it does not exist.
    const bus = () => {
      if (!sim._ccp) throw new TypeError("Cannot read properties of undefined (reading 'subscribe')");
      return sim._bus;
    };
    // The `connect` global, as far as the widget uses it.
    this.connect = {
      agent(fn) {
        const sub = bus().subscribe(AGENT_INIT, fn);
        if (sim._agentReady) fn(new Agent(sim));
        return sub;
      },
      contact(fn) {
        return bus().subscribe(CONTACT_INIT, fn);
      },
      core: {
        getEventBus: () => (sim._ccp ? sim._bus : undefined),
      },
      ContactStateType,
      ConnectionStateType,
      ContactType,
      ConnectionType,
    };
  }

  // -- the CCP starting ----------------------------------------------------------------
  /** The page calls connect.core.initCCP(): the event bus exists from now on. */
  initCCP() {
    this._ccp = true;
  }

  /** The agent's data arrives: connect.agent() callbacks run (now and from now on). */
  initAgent() {
    this._agentReady = true;
    this._emit(AGENT_INIT, new Agent(this));
  }

  // -- the caller and the network ------------------------------------------------------
  /** A voice call arrives (state connecting) or another kind of contact (incoming). */
  incoming(type = "voice") {
    const id = `contact-${this._nextId++}`;
    const state = type === "voice" ? "connecting" : "incoming";
    const now = new Date();
    this._contacts.set(id, {
      id,
      type,
      state,
      since: now,
      connections: [
        { id: `${id}-agent`, type: "agent", state: "connecting", initial: false, since: now },
        { id: `${id}-customer`, type: "inbound", state: "connecting", initial: true, since: now },
      ],
    });
    this._emit(CONTACT_INIT, new Contact(this, id));
    this._contactEvent(id, state === "connecting" ? "connecting" : "incoming");
    return id;
  }

  /** The agent accepts: connected, with live softphone media (unmuted). */
  answer(id = this._latest()) {
    const data = this._contacts.get(id);
    if (!data || !["connecting", "incoming"].includes(data.state)) return;
    this._contactEvent(id, "accepted", false);
    this._setContact(id, "connected");
    for (const conn of data.connections) conn.state = "connected";
    this._media = id;
    this.muted = false;
    this._contactEvent(id, "connected");
  }

  /** Hold or resume the customer, as the CCP's Hold button does. */
  hold(id = this._latest(), held = true) {
    const data = this._contacts.get(id);
    const customer = data?.connections.find((c) => c.initial);
    if (!customer || !["connected", "hold"].includes(customer.state)) return;
    this._setConnection(id, customer.id, held ? "hold" : "connected");
  }

  resume(id = this._latest()) {
    this.hold(id, false);
  }

  /** The call ends (either side): after-call work; the media goes and unmutes. */
  hangUp(id = this._latest()) {
    const data = this._contacts.get(id);
    if (!data || ["ended", "missed"].includes(data.state)) return;
    for (const conn of data.connections) conn.state = "disconnected";
    this._setContact(id, "ended");
    this._contactEvent(id, "ended", false);
    this._contactEvent(id, "acw");
    if (this._media === id) {
      this._media = null;
      this.muted = false;
      this._emit(MUTE_TOGGLE, { muted: false }); // unasked, as Streams does when media ends
    }
  }

  /** The agent closes the contact after ACW: destroyed; its getters throw from now on. */
  clear(id = this._latest()) {
    const data = this._contacts.get(id);
    if (!data) return;
    this._contacts.delete(id);
    this._emit(contactEvent("destroyed", id), { contactId: id });
    this._refreshAgent();
  }

  // -- the CCP's own controls ----------------------------------------------------------
  /** The CCP's (or a headset's) mute button: the softphone changes and tells everyone. */
  muteFromCcp(muted) {
    if (this._media === null) return;
    this.muted = muted;
    this._emit(MUTE_TOGGLE, { muted });
  }

  /** Another CCP tab asks for the mute state: the current one is broadcast if media is live. */
  syncTabs() {
    if (this._media !== null) this._emit(MUTE_TOGGLE, { muted: this.muted });
  }

  /** The softphone answers the request that nextMute = "later" kept back. */
  deliver() {
    const answer = this._later;
    this._later = null;
    answer?.();
  }

  /** Every subscription still held on the bus. */
  listenerCount() {
    return this._bus.count();
  }

  // -- internals -------------------------------------------------------------------------
  _record(name, ...args) {
    this.calls.push([name, ...args]);
    this.log(name, args);
  }

  _emit(name, data) {
    this.log(name, data);
    this._bus.trigger(name, data);
  }

  /** A new snapshot of the agent data: agent.onRefresh, once the agent is initialised. */
  _refreshAgent() {
    if (this._agentReady) this._emit(AGENT_REFRESH, new Agent(this));
  }

  _latest() {
    return [...this._contacts.keys()].at(-1);
  }

  _contact(id) {
    return this._contacts.get(id); // undefined once destroyed: callers then throw, like Streams
  }

  _setContact(id, state) {
    const data = this._contacts.get(id);
    data.state = state;
    data.since = new Date();
  }

  _setConnection(contactId, connectionId, state) {
    const conn = this._contacts.get(contactId).connections.find((c) => c.id === connectionId);
    conn.state = state;
    conn.since = new Date();
    this._contactEvent(contactId, "refresh", false);
  }

  /** A contact event with its Contact, then (by default) the refresh that follows any change. */
  _contactEvent(id, name, refresh = true) {
    this._emit(contactEvent(name, id), new Contact(this, id));
    if (refresh && name !== "refresh") this._emit(contactEvent("refresh", id), new Contact(this, id));
    if (refresh || name === "refresh") this._refreshAgent();
  }

  _requestMute(wanted) {
    const mode = this.nextMute;
    this.nextMute = "confirm";
    if (mode === "throw") throw new TypeError("Cannot read properties of null (reading 'sendUpstream')");
    if (mode === "never") return;
    const answer = () => {
      if (this._media === null) return; // no local media stream: Streams answers nothing
      this.muted = wanted;
      this._emit(MUTE_TOGGLE, { muted: wanted });
    };
    if (mode === "later") this._later = answer;
    else setTimeout(answer, this.confirmDelayMs);
  }
}
