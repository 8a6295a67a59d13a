// A fake of Twilio Voice JS (npm @twilio/voice-sdk 2.x) for tests and demo pages.
// `Call` and `Device` have only names of the real typings (esm/twilio/call.d.ts,
// device.d.ts; tests/unit/test_typings_connect_twilio_jssip.py checks them) and
// behave as the real ones do where it matters to a mute button:
//   - call.mute(bool) is synchronous and emits `mute` (isMuted, call) only on a change;
//   - when a call closes its media is unmuted without a `mute` event;
//   - device.calls lists the calls still ringing, not the one in progress;
//   - when the signalling transport closes (TwilioSim.dropSignalling), each call emits
//     `transportClose` first, then moves to `reconnecting` (and emits it) when it has a
//     reconnect token, or to `closed` with no event at all when it has none (call.js
//     `_onTransportClose`); the Device drops a call that was still pending (device.js
//     `_makeCall`, its `transportClose` listener), and accept() on it does nothing;
//   - `reconnected` is emitted before the status becomes `open` (call.js
//     `_onMediaReconnected`, `_onSignalingReconnected`), and only for a call whose
//     media is open: a call that rang when the transport closed never gets it.
// `TwilioSim` plays the network and the caller: it rings the device, hangs up, drops
// the media or the signalling. Its `nextMute` modes "throw" and "lost" are
// defensive: not produced by the SDK (call.js `mute()` is synchronous, never throws,
// and emits `mute` on every change); only the reliability fuzz (tests/pages/fuzz.js)
// uses them, to check that the widget survives an SDK that misbehaves.
import { EventEmitter, totalListeners } from "./emitter.js";

let nextSid = 1;
const sid = () => `CA${String(nextSid++).padStart(32, "0")}`;

export class Call extends EventEmitter {
  constructor(sim, direction, params = {}) {
    super();
    this._sim = sim;
    sim._made.add(this);
    this._direction = direction;
    this._status = direction === "INCOMING" ? "pending" : "connecting";
    this._muted = false;
    // The signalling reconnect token: an incoming call has the one of its invite (device.js
    // `_onSignalingInvite`, `reconnectToken: payload.reconnect`), an outgoing one gets it
    // when answered (call.js `_onAnswer`).
    this._reconnectToken = direction === "INCOMING" ? (params.reconnect === undefined ? "token" : params.reconnect) : null;
    this._mediaOpen = false;
    this._signalling = "open";
    this.parameters = { CallSid: sid(), From: params.From ?? "+15550142277", To: params.To ?? "client:agent" };
    const custom = { ...params };
    delete custom.reconnect;
    this.customParameters = new Map(Object.entries(custom));
  }

  get direction() {
    return this._direction;
  }

  status() {
    return this._status;
  }

  isMuted() {
    return this._muted;
  }

  getLocalStream() {
    return undefined; // a simulated call sends no media
  }

  mute(shouldMute = true) {
    this._sim._record("mute", shouldMute);
    const mode = this._sim._takeMode();
    // defensive: not produced by the SDK (for the reliability fuzz only)
    if (mode === "throw") throw new Error("Cannot mute: the call has no local media");
    if (mode === "lost") return; // defensive: not produced by the SDK
    const wasMuted = this._muted;
    this._muted = Boolean(shouldMute);
    if (wasMuted !== this._muted) this.emit("mute", this._muted, this);
  }

  accept() {
    this._sim._record("accept");
    if (this._status !== "pending") return;
    this._status = "connecting";
    this._sim._accepted(this);
    this._open();
  }

  reject() {
    this._sim._record("reject");
    if (this._status !== "pending") return;
    this._close();
    this.emit("reject");
  }

  ignore() {
    this._sim._record("ignore");
    if (this._status !== "pending") return;
    this._close(); // like the real one: closed, and no event at all
  }

  disconnect() {
    this._sim._record("disconnect");
    if (this._status === "closed") return;
    this._close();
    this.emit("disconnect", this);
  }

  // -- what the network does --------------------------------------------------------
  _open() {
    this._status = "open";
    this._mediaOpen = true;
    this.emit("accept", this);
  }

  _close() {
    this._status = "closed";
    this._muted = false; // the media handler is closed: unmuted, and no `mute` event
    this._sim._gone(this);
  }
}

export class Device extends EventEmitter {
  constructor(sim) {
    super();
    this._sim = sim;
    this._calls = [];
    this._activeCall = null;
    this._state = "unregistered";
  }

  get calls() {
    return this._calls;
  }

  get isBusy() {
    return Boolean(this._activeCall);
  }

  get state() {
    return this._state;
  }

  register() {
    this._state = "registered";
    this.emit("registered");
    return Promise.resolve();
  }

  connect(options = {}) {
    this._sim._record("connect");
    const call = new Call(this._sim, "OUTGOING", options.params ?? {});
    this._activeCall = call;
    return Promise.resolve(call);
  }

  disconnectAll() {
    for (const call of [...this._calls, this._activeCall]) call?.disconnect();
  }
}

export class TwilioSim {
  constructor() {
    this.device = new Device(this);
    this.calls = []; // every SDK method called from outside: [name, ...args]
    // What the next call.mute() does: "confirm" (what the SDK does); "lost" (no change,
    // no event) and "throw" are defensive: not produced by the SDK.
    this.nextMute = "confirm";
    this.log = () => {};
    this._made = new Set(); // every Call, for listenerCount()
  }

  /** A call rings the device: `incoming` with a new pending Call; returns it. */
  incoming(params = {}) {
    const call = new Call(this, "INCOMING", params);
    this.device._calls.push(call);
    this.device.emit("incoming", call);
    return call;
  }

  /** The callee of an outgoing call rings, then answers. */
  ringOut(call) {
    call._status = "ringing";
    call.emit("ringing", false);
  }

  remoteAnswer(call) {
    call._reconnectToken = "token"; // call.js _onAnswer: payload.reconnect
    call._open();
  }

  /** The other party hangs up. */
  remoteHangUp(call) {
    if (call._status === "closed") return;
    call._close();
    call.emit("disconnect", call);
  }

  /** The caller gives up before the call is answered. */
  cancel(call) {
    if (call._status !== "pending") return;
    call._close();
    call.emit("cancel");
  }

  /** The media drops and comes back (ICE restart). */
  dropMedia(call) {
    call._status = "reconnecting";
    call.emit("reconnecting", { code: 53405, message: "Media connection failed." });
  }

  restoreMedia(call) {
    if (call._signalling === "open") call.emit("reconnected"); // before the status, as call.js does
    call._status = "open";
  }

  /** The signalling WebSocket closes (PStream `transportClose`), for every call at once. */
  dropSignalling() {
    for (const call of this._made) {
      if (call._status === "closed") continue;
      const wasPending = call._status === "pending";
      call.emit("transportClose");
      if (wasPending) this.device._calls = this.device._calls.filter((c) => c !== call);
      if (call._reconnectToken) {
        call._status = "reconnecting";
        call._signalling = "reconnecting";
        call.emit("reconnecting", { code: 53001, message: "Raised whenever the signaling connection is unexpectedly disconnected." });
      } else {
        call._status = "closed"; // and no event at all
        call._signalling = "closed";
      }
    }
  }

  /** The signalling reconnects: only a call whose media is open is reconnected. */
  restoreSignalling() {
    for (const call of this._made) {
      if (call._signalling !== "reconnecting") continue;
      call._signalling = "open";
      if (call._mediaOpen) {
        call.emit("reconnected");
        call._status = "open";
      }
    }
  }

  /** The listeners on the device and on every call the sim made. */
  listenerCount() {
    return totalListeners(this.device) + [...this._made].reduce((n, call) => n + totalListeners(call), 0);
  }

  // -- internals ---------------------------------------------------------------------
  _record(name, ...args) {
    this.calls.push([name, ...args]);
    this.log(name, args);
  }

  _takeMode() {
    const mode = this.nextMute;
    this.nextMute = "confirm";
    return mode;
  }

  _accepted(call) {
    this.device._calls = this.device._calls.filter((c) => c !== call);
    this.device._activeCall = call;
  }

  _gone(call) {
    this.device._calls = this.device._calls.filter((c) => c !== call);
    if (this.device._activeCall === call) this.device._activeCall = null;
  }
}
