// A fake of JsSIP (npm jssip 3.x) for tests and demo pages. `UA` and `RTCSession`
// have only names of the real typings (lib/UA.d.ts, lib/RTCSession.d.ts;
// tests/unit/test_typings_connect_twilio_jssip.py checks them) and behave as the real
// ones do where it matters to a mute button:
//   - mute(options) / unmute(options) read options.audio and options.video (a Python
//     dict that is not a real JS object mutes nothing), change the state and emit
//     `muted` / `unmuted` synchronously, with the tracks that changed ({audio, video}),
//     and nothing when nothing changed;
//   - hold() / unhold() emit `hold` / `unhold` {originator}; a remote hold likewise;
//   - terminate() ends an established session (`ended`) or fails one in progress
//     (`failed`, cause Canceled or Rejected).
// `JsSipSim` plays the network and the other party.
import { EventEmitter, totalListeners } from "./emitter.js";

// RTCSession.C, as in lib/RTCSession.d.ts (enum SessionStatus).
const C = Object.freeze({
  STATUS_NULL: 0,
  STATUS_INVITE_SENT: 1,
  STATUS_1XX_RECEIVED: 2,
  STATUS_INVITE_RECEIVED: 3,
  STATUS_WAITING_FOR_ANSWER: 4,
  STATUS_ANSWERED: 5,
  STATUS_WAITING_FOR_ACK: 6,
  STATUS_CANCELED: 7,
  STATUS_TERMINATED: 8,
  STATUS_CONFIRMED: 9,
});

let nextId = 1;

export class RTCSession extends EventEmitter {
  constructor(sim, direction) {
    super();
    this._sim = sim;
    sim._made.add(this);
    this._id = `fake-session-${nextId++}`;
    this._direction = direction;
    this._status = direction === "incoming" ? C.STATUS_INVITE_RECEIVED : C.STATUS_INVITE_SENT;
    this._audioMuted = false;
    this._videoMuted = false;
    this._localHold = false;
    this._remoteHold = false;
    this._isConfirmed = false; // RTCSession._is_confirmed: `confirmed` was emitted
  }

  static get C() {
    return C;
  }

  get C() {
    return C;
  }

  get id() {
    return this._id;
  }

  get direction() {
    return this._direction;
  }

  get status() {
    return this._status;
  }

  isInProgress() {
    return this._status <= C.STATUS_WAITING_FOR_ANSWER;
  }

  isEstablished() {
    return [C.STATUS_ANSWERED, C.STATUS_WAITING_FOR_ACK, C.STATUS_CONFIRMED].includes(this._status);
  }

  isEnded() {
    return this._status === C.STATUS_CANCELED || this._status === C.STATUS_TERMINATED;
  }

  isOnHold() {
    return { local: this._localHold, remote: this._remoteHold };
  }

  isMuted() {
    return { audio: this._audioMuted, video: this._videoMuted };
  }

  mute(options = { audio: true, video: false }) {
    this._sim._record("mute", options);
    if (this._sim._takeMode() === "throw") {
      throw new TypeError("Cannot read properties of null (reading 'getSenders')");
    }
    let audio = false;
    let video = false;
    if (this._audioMuted === false && options.audio) audio = this._audioMuted = true;
    if (this._videoMuted === false && options.video) video = this._videoMuted = true;
    if (audio || video) this.emit("muted", { audio, video });
  }

  unmute(options = { audio: true, video: true }) {
    this._sim._record("unmute", options);
    if (this._sim._takeMode() === "throw") {
      throw new TypeError("Cannot read properties of null (reading 'getSenders')");
    }
    let audio = false;
    let video = false;
    if (this._audioMuted === true && options.audio) {
      this._audioMuted = false;
      audio = true;
    }
    if (this._videoMuted === true && options.video) {
      this._videoMuted = false;
      video = true;
    }
    if (audio || video) this.emit("unmuted", { audio, video });
  }

  answer() {
    this._sim._record("answer");
    if (this._status !== C.STATUS_WAITING_FOR_ANSWER && this._status !== C.STATUS_INVITE_RECEIVED) return;
    this._status = C.STATUS_WAITING_FOR_ACK;
    this.emit("accepted", { originator: "local" });
    setTimeout(() => this._sim.confirm(this), this._sim.ackDelayMs);
  }

  hold() {
    this._sim._record("hold");
    if (!(this._status === C.STATUS_WAITING_FOR_ACK || this._status === C.STATUS_CONFIRMED)) return false;
    if (this._localHold) return false;
    this._localHold = true;
    this.emit("hold", { originator: "local" });
    return true;
  }

  unhold() {
    this._sim._record("unhold");
    if (!(this._status === C.STATUS_WAITING_FOR_ACK || this._status === C.STATUS_CONFIRMED)) return false;
    if (!this._localHold) return false;
    this._localHold = false;
    this.emit("unhold", { originator: "local" });
    return true;
  }

  terminate() {
    this._sim._record("terminate");
    if (this.isEnded()) return;
    if (this.isEstablished()) {
      this._status = C.STATUS_TERMINATED;
      this.emit("ended", { originator: "local", message: null, cause: "Terminated" });
      return;
    }
    const cause = this._direction === "incoming" ? "Rejected" : "Canceled";
    this._status = C.STATUS_TERMINATED;
    this.emit("failed", { originator: "local", message: null, cause });
  }
}

export class UA extends EventEmitter {
  constructor(sim) {
    super();
    this._sim = sim;
    this._connected = false;
  }

  start() {
    this._connected = true;
    this.emit("connected", { socket: null });
  }

  stop() {
    this._connected = false;
  }

  isConnected() {
    return this._connected;
  }

  isRegistered() {
    return this._connected;
  }

  call(target) {
    this._sim._record("call", target);
    const session = new RTCSession(this._sim, "outgoing");
    this.emit("newRTCSession", { originator: "local", session, request: { method: "INVITE" } });
    return session;
  }
}

export class JsSipSim {
  constructor({ ackDelayMs = 30 } = {}) {
    this.calls = []; // every SDK method called from outside: [name, ...args]
    // What the next mute()/unmute() does: "confirm" or "throw" (no peer connection yet).
    this.nextMute = "confirm";
    this.ackDelayMs = ackDelayMs;
    this.log = () => {};
    this._made = new Set(); // every session, for listenerCount()
    this.ua = new UA(this);
  }

  /** An INVITE arrives: `newRTCSession` (originator remote), then 180 Ringing (`progress`). */
  incoming() {
    const session = new RTCSession(this, "incoming");
    this.ua.emit("newRTCSession", { originator: "remote", session, request: { method: "INVITE" } });
    session._status = C.STATUS_WAITING_FOR_ANSWER;
    session.emit("progress", { originator: "local" });
    return session;
  }

  /** The callee of an outgoing session rings (180), then answers (200 + our ACK). */
  ringOut(session) {
    session._status = C.STATUS_1XX_RECEIVED;
    session.emit("progress", { originator: "remote", response: { status_code: 180 } });
  }

  remoteAnswer(session) {
    session._status = C.STATUS_CONFIRMED;
    session._isConfirmed = true;
    session.emit("accepted", { originator: "remote", response: { status_code: 200 } });
    session.emit("confirmed", { originator: "local" });
  }

  /** The ACK for our 200 OK arrives (RTCSession.js receiveRequest, case ACK): back to
   *  CONFIRMED, and `confirmed` only the first time (`_is_confirmed`). */
  confirm(session) {
    if (session._status !== C.STATUS_WAITING_FOR_ACK) return;
    session._status = C.STATUS_CONFIRMED;
    if (session._isConfirmed) return;
    session._isConfirmed = true;
    session.emit("confirmed", { originator: "remote", ack: { method: "ACK" } });
  }

  /** A re-INVITE from the far end (RTCSession.js _receiveReinvite): `reinvite`, then our
   *  200 OK (sendAnswer) leaves the session in WAITING_FOR_ACK, with no event, until the
   *  ACK (confirm) brings it back to CONFIRMED, with no event either. */
  reinvite(session) {
    if (session._status !== C.STATUS_CONFIRMED) return;
    session.emit("reinvite", { request: { method: "INVITE" } });
    session._status = C.STATUS_WAITING_FOR_ACK;
  }

  remoteHold(session, held = true) {
    session._remoteHold = held;
    session.emit(held ? "hold" : "unhold", { originator: "remote" });
  }

  /** The other party hangs up (BYE). */
  bye(session) {
    if (!session.isEstablished()) return;
    session._status = C.STATUS_TERMINATED;
    session.emit("ended", { originator: "remote", message: { method: "BYE" }, cause: "Terminated" });
  }

  /** The session fails before it is established (busy, cancelled by the caller...). */
  fail(session, cause = "Canceled") {
    if (session.isEnded()) return;
    session._status = C.STATUS_CANCELED;
    session.emit("failed", { originator: "remote", message: null, cause });
  }

  /** The listeners on the UA and on every session the sim made. */
  listenerCount() {
    return totalListeners(this.ua) + [...this._made].reduce((n, s) => n + totalListeners(s), 0);
  }

  _record(name, ...args) {
    this.calls.push([name, ...args.map((a) => (a && typeof a === "object" ? { ...a } : a))]);
    this.log(name, args);
  }

  _takeMode() {
    const mode = this.nextMute;
    this.nextMute = "confirm";
    return mode;
  }
}
