// The real Twilio Voice SDK (npm @twilio/voice-sdk 2.18.5, bundled by scripts/vendor.sh into
// demo/vendor/twilio-voice.js) in a test page, with nothing leaving the page: the real
// Device and Call, whose signalling channel is GatewayStream below (Device takes it as its
// `PStream` option: device.js `_setupStream`), and whose media is a real RTCPeerConnection
// talking to a second one in the page, the far end (FarEnd).
//
// GatewayStream plays Twilio's gateway for the SDK. It mirrors, function by function, what
// node_modules/@twilio/voice-sdk/esm/twilio/pstream.js does with the transport and what
// device.js, call.js and rtc/peerconnection.js use of it; it records every message the SDK
// publishes in `sent` ([type, payload], as pstream.js `_publish` would send them) and answers
// as the gateway does: `connected` to `listen`, `ready` to `register`, an `answer` to a
// reconnection `invite`; the far end takes the SDK's `answer` SDP.
import { Device, EventEmitter } from "./demo/vendor/twilio-voice.js";

/**
 * An access token shaped as Twilio's (a JWT with the Voice grant), unsigned. device.js does
 * not decode it: `updateToken` only checks that it is a string and hands it to the stream
 * (pstream.js `setToken`, the `listen` message) and to the Insights publisher; it is the
 * gateway that reads it, and answers `connected` with the identity and ttl
 * (device.js `_onSignalingConnected` reads `payload.token.identity` and `.ttl`).
 */
export function accessToken(identity, ttl = 3600) {
  const part = (value) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "none", typ: "JWT", cty: "twilio-fpa;v=1" };
  const grants = { identity, voice: { incoming: { allow: true } } };
  const claims = { jti: `SK0-${now}`, iss: "SK0", sub: "AC0", iat: now, exp: now + ttl, grants };
  return `${part(header)}.${part(claims)}.`;
}

/** Every listener on an EventEmitter (a Device, a Call), by event name. */
export function listeners(emitter) {
  return Object.fromEntries(emitter.eventNames().map((name) => [String(name), emitter.listenerCount(name)]));
}

let sids = 0;
const sid = (prefix) => `${prefix}${String(++sids).padStart(32, "0")}`;
const later = (fn) => setTimeout(fn, 0); // a WebSocket delivers its events in a later task

export class GatewayStream extends EventEmitter {
  /** The stream the Device made last (device.js makes a new one per `_setupStream`). */
  static current = null;

  // pstream.js `constructor(token, uris, options)`: device.js passes the token, the
  // signalling URIs (from `chunderw`) and {backoffMaxMs, maxPreferredDurationMs}.
  constructor(token, uris, options) {
    super();
    this.options = options || {};
    this.token = token || "";
    this.uris = uris;
    this.status = "disconnected";
    this.gateway = null;
    this.region = null;
    /** What the SDK published, in order: [type, payload]. */
    this.sent = [];
    /** The far end of each call, by CallSid. */
    this.farEnds = new Map();
    /** Outgoing calls the gateway received: {temp (the SDK's TJ… id), callsid, far}. */
    this.outgoing = [];
    this.preferredUri = null;
    // pstream.js constructor: "EventEmitter requires that we catch all errors", and the
    // status follows `ready` and `offline`.
    this.on("error", () => {});
    this.addListener("ready", () => {
      this.status = "ready";
    });
    this.addListener("offline", () => {
      this.status = "offline";
    });
    GatewayStream.current = this;
    later(() => this.transportOpen()); // pstream.js: `this.transport.open()`
  }

  // -- the transport, as pstream.js handles its events ------------------------------------
  /** pstream.js `_handleTransportOpen`: connected, `listen` (setToken), `transportOpen`. */
  transportOpen() {
    this.status = "connected";
    this.setToken(this.token);
    this.emit("transportOpen");
  }

  /** pstream.js `_handleTransportClose`: `transportClose`, then `offline` once. */
  transportClose() {
    this.emit("transportClose");
    if (this.status !== "disconnected") {
      if (this.status !== "offline") this.emit("offline", this);
      this.status = "disconnected";
    }
  }

  /** pstream.js `_handleTransportMessage`: a message from the gateway becomes its event. */
  receive(type, payload = {}) {
    this.gateway = payload.gateway || this.gateway;
    this.region = payload.region || this.region;
    this.emit(type, payload);
  }

  // -- what the SDK calls (pstream.js prototype methods) ------------------------------------
  _publish(type, payload) {
    this.sent.push([type, payload]);
    if (this.status === "disconnected") return; // pstream.js `_publish`: no transport, nothing sent
    later(() => this.#gatewayGot(type, payload));
  }

  setToken(token) {
    this.token = token;
    this._publish("listen", { token, reconnectTimeout: 0, browserinfo: { p: "browser", plugin: "rtc" } });
  }

  register(mediaCapabilities) {
    this._publish("register", { media: mediaCapabilities });
  }

  invite(sdp, callsid, params) {
    this._publish("invite", { callsid, sdp, twilio: params ? { params } : {} });
  }

  reconnect(sdp, callsid, reconnect) {
    this._publish("invite", { callsid, reconnect, sdp, twilio: {} });
  }

  answer(sdp, callsid) {
    this._publish("answer", { sdp, callsid });
  }

  dtmf(callsid, digits) {
    this._publish("dtmf", { callsid, dtmf: digits });
  }

  hangup(callsid, message) {
    this._publish("hangup", message ? { callsid, message } : { callsid });
  }

  reject(callsid) {
    this._publish("reject", { callsid });
  }

  reinvite(sdp, callsid) {
    this._publish("reinvite", { sdp, callsid });
  }

  sendMessage(callsid, content, contenttype = "application/json", messagetype, voiceeventsid) {
    this._publish("message", { callsid, content, contenttype, messagetype, voiceeventsid });
  }

  publish(type, payload) {
    this._publish(type, payload);
  }

  /** pstream.js `destroy` / `_destroy`: the transport is closed, then `offline`. */
  destroy() {
    this.status = "disconnected";
    this.emit("offline", this);
    return this;
  }

  updatePreferredURI(uri) {
    this.preferredUri = uri;
  }

  updateURIs(uris) {
    this.uris = uris;
  }

  // -- the gateway ------------------------------------------------------------------------
  #gatewayGot(type, payload) {
    if (type === "listen") {
      // What device.js `_onSignalingConnected` reads: region, home, token.identity, token.ttl.
      const claims = JSON.parse(atob(payload.token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      const ttl = claims.exp - Math.floor(Date.now() / 1000);
      this.receive("connected", { region: "gll", home: "us1", token: { identity: claims.grants.identity, ttl } });
    } else if (type === "register") {
      this.receive(payload.media && payload.media.audio ? "ready" : "offline");
    } else if (type === "answer") {
      this.farEnds.get(payload.callsid)?.answered(payload.sdp);
    } else if (type === "invite" && payload.reconnect) {
      // A call resumed after the signalling came back: call.js `_onConnected` sent it;
      // `_onAnswer` takes the answer, with a new reconnect token.
      this.receive("answer", { callsid: payload.callsid, reconnect: sid("RT"), sdp: payload.sdp });
    } else if (type === "invite") {
      // An outgoing call (peerconnection.js `makeOutgoingCall`): the far end answers the
      // offer; the gateway sends `ringing` (with the CallSid: call.js `_onRinging`) and,
      // when the test says the customer answers (answerOutgoing), the `answer`.
      FarEnd.answer(payload.sdp).then((far) => {
        const callsid = sid("CA");
        this.farEnds.set(callsid, far);
        this.outgoing.push({ temp: payload.callsid, callsid, far });
        this.receive("ringing", { callsid });
      });
    } else if (type === "hangup" || type === "reject") {
      this.farEnds.get(payload.callsid)?.close();
    }
  }

  /**
   * A customer calls: the far end makes its offer (every ICE candidate in it, as Twilio's
   * gateway does), and the gateway sends the `invite` device.js `_onSignalingInvite` takes.
   */
  async ring({ from = "client:customer", reconnect = true } = {}) {
    const callsid = sid("CA");
    const far = await FarEnd.offer();
    this.farEnds.set(callsid, far);
    const parameters = { CallSid: callsid, From: from, To: "client:agent", AccountSid: "AC0" };
    this.receive("invite", { callsid, sdp: far.pc.localDescription.sdp, parameters, reconnect: reconnect ? sid("RT") : undefined });
    return callsid;
  }

  /** The customer answers the latest outgoing call: its SDP and a reconnect token (call.js
   * `_onAnswer`, peerconnection.js `_onAnswerOrRinging`). */
  answerOutgoing() {
    const { callsid, far } = this.outgoing.at(-1);
    this.receive("answer", { callsid, sdp: far.pc.localDescription.sdp, reconnect: sid("RT") });
    return callsid;
  }

  /** The customer hangs up: call.js `_onHangup`. */
  hangUp(callsid) {
    this.farEnds.get(callsid)?.close();
    this.receive("hangup", { callsid });
  }

  /** The customer hangs up before the agent answers: call.js `_onCancel`. */
  cancel(callsid) {
    this.farEnds.get(callsid)?.close();
    this.receive("cancel", { callsid });
  }

  /** The signalling WebSocket closes, and (restore) opens again and the gateway says `connected`. */
  restore() {
    this.transportOpen();
  }

  /** The message types the SDK published for `callsid`. */
  sentFor(callsid) {
    return this.sent.filter(([, payload]) => payload && payload.callsid === callsid).map(([type]) => type);
  }
}

/** The customer's side of the media: a real RTCPeerConnection with Chromium's fake microphone. */
class FarEnd {
  static async offer() {
    const far = new FarEnd();
    await far.#send();
    await far.pc.setLocalDescription(await far.pc.createOffer());
    await far.#gathered;
    return far;
  }

  /** The customer's answer to the agent's offer, every ICE candidate in it. */
  static async answer(offerSdp) {
    const far = new FarEnd();
    await far.pc.setRemoteDescription({ type: "offer", sdp: offerSdp });
    await far.#send();
    await far.pc.setLocalDescription(await far.pc.createAnswer());
    await far.#gathered;
    return far;
  }

  async #send() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    this.stream = stream;
    stream.getAudioTracks().forEach((track) => this.pc.addTrack(track, stream));
  }

  #gathered;

  constructor() {
    this.pc = new RTCPeerConnection({ iceServers: [] });
    this.#gathered = new Promise((resolve) => {
      this.pc.onicegatheringstatechange = () => this.pc.iceGatheringState === "complete" && resolve();
    });
    this.stream = null;
  }

  /** The SDK's answer (peerconnection.js `answerIncomingCall`, via pstream `answer`). */
  answered(sdp) {
    this.pc.setRemoteDescription({ type: "answer", sdp }).catch((error) => {
      console.error("far end: the answer was refused:", error.message);
    });
  }

  /** What has arrived from the agent's call: RTP bytes and packets (inbound-rtp). */
  async received() {
    let bytes = 0;
    let packets = 0;
    (await this.pc.getStats()).forEach((report) => {
      if (report.type === "inbound-rtp" && report.kind === "audio") {
        bytes += report.bytesReceived;
        packets += report.packetsReceived;
      }
    });
    return { bytes, packets, connection: this.pc.connectionState };
  }

  close() {
    this.stream?.getTracks().forEach((track) => track.stop());
    if (this.pc.signalingState !== "closed") this.pc.close();
  }
}

/** A short silent WAV, as a blob: URL: every sound the Device loads, so none is fetched. */
function silence() {
  const samples = 800;
  const view = new DataView(new ArrayBuffer(44 + samples * 2));
  const text = (at, s) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  text(8, "WAVEfmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, samples * 2, true);
  return URL.createObjectURL(new Blob([view], { type: "audio/wav" }));
}

/**
 * The real Device, registered through GatewayStream. Its options turn off all that would
 * reach Twilio: the signalling (`PStream`; `chunderw` keeps even the URIs it is given on
 * loopback), the Insights publisher (`publishEvents: false`: eventpublisher.js `_post`
 * then sends nothing) and the sounds (`sounds`: device.js `updateOptions` would load each
 * from sdk.twilio.com otherwise).
 */
export async function startTwilio() {
  const sound = silence();
  const device = new Device(accessToken("agent"), {
    PStream: GatewayStream,
    chunderw: "127.0.0.1:9",
    publishEvents: false,
    sounds: Object.fromEntries(Object.values(Device.SoundName).map((name) => [name, sound])),
    allowIncomingWhileBusy: true,
  });
  device.audio.incoming(false);
  device.audio.outgoing(false);
  device.audio.disconnect(false);
  const gateway = {
    device,
    /** The Calls the device announced, newest last, each with `sdkListeners`: its
     * listeners when announced, before the widget's (this listener runs first). */
    calls: [],
    get stream() {
      return GatewayStream.current;
    },
    listeners,
  };
  device.on("incoming", (call) => {
    call.sdkListeners = listeners(call);
    gateway.calls.push(call);
  });
  await device.register();
  return gateway;
}
