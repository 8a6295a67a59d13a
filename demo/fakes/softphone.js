// A simulated softphone that implements the embeddable-client contract: the demo's
// default SDK and the browser tests' double. It behaves like the real thing where
// the seeds got hurt: muteMic() throws "Operation Not Allowed" unless the call is
// connected, and the mute is reported later by a micStateChange event.
//
// With the `media` option each connected call also carries real audio: a WebRTC call
// inside the page (media-call.js, loaded only then) from the agent's microphone to a
// remote party that measures what it hears. A mute then really disables the outgoing
// track, except after nextMute = "lie", which confirms the mute and keeps sending.

const STATES = ["idle", "ringing", "connected", "held", "disconnected"];

export class DemoSoftphone {
  constructor({ confirmDelayMs = 150, media = null } = {}) {
    this.state = "idle";
    this.muted = false;
    this.confirmDelayMs = confirmDelayMs;
    // What the next muteMic() does: "confirm", "reject", "never", "slow" (2 s),
    // "throw" (a synchronous throw), "lie" (confirms but keeps sending audio), "held"
    // (carried out when release() is called).
    this.nextMute = "confirm";
    this.listeners = new Map();
    this.calls = []; // every SDK method called from outside, for tests and the log
    this.log = () => {};
    // Real audio per connected call: null (none, the default), or the options of
    // MediaCall.start ({microphone: false} always sends the generated tone).
    this.mediaOptions = media;
    this.media = null; // the MediaCall of the call in progress, once it is up
    this.mediaReady = Promise.resolve(null); // settles when the call's media is up (or failed)
    this.lying = false; // the confirmed mute is a lie: the audio is still sent
  }

  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
  }

  off(name, fn) {
    this.listeners.get(name)?.delete(fn);
  }

  listenerCount() {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  emit(name, value) {
    this.log(name, value);
    for (const fn of [...(this.listeners.get(name) ?? [])]) fn(value);
  }

  getState() {
    this.calls.push(["getState"]);
    return this.state;
  }

  isMicMuted() {
    this.calls.push(["isMicMuted"]);
    return this.muted;
  }

  muteMic(muted) {
    this.calls.push(["muteMic", muted]);
    if (this.state !== "connected") throw new Error("Operation Not Allowed");
    const mode = this.nextMute;
    this.nextMute = "confirm";
    if (mode === "throw") throw new Error("Operation Not Allowed");
    if (mode === "reject") return Promise.reject(new Error("Operation Not Allowed"));
    if (mode === "never") return Promise.resolve();
    if (mode === "held") {
      // Answered and carried out only when release() is called: a test reads the pending
      // state for as long as it needs, whatever the machine's load.
      return new Promise((resolve) => {
        this.release = () => {
          this.release = null;
          resolve();
          if (this.state === "connected") this.setMuted(Boolean(muted));
        };
      });
    }
    const delay = mode === "slow" ? 2000 : this.confirmDelayMs;
    return new Promise((resolve) => {
      setTimeout(() => {
        resolve();
        if (this.state === "connected") this.setMuted(Boolean(muted), mode === "lie");
      }, delay);
    });
  }

  /** The agent's RTCPeerConnection of the call in progress, or null (what verify_media reads). */
  peerConnection() {
    return this.media?.pc ?? null;
  }

  // -- the softphone's own controls (its UI, a headset, the network) ------------
  setState(state) {
    if (!STATES.includes(state)) throw new Error(`unknown state ${state}`);
    this.state = state;
    if (state === "disconnected" || state === "idle") {
      this.muted = false;
      this.lying = false;
      this.forced = false;
    }
    if (this.mediaOptions) this.#followMedia();
    this.emit("stateChange", state);
  }

  /** The microphone as the softphone reports it; `lie`: report it muted but keep sending. */
  setMuted(muted, lie = false) {
    this.muted = muted;
    this.lying = Boolean(lie && muted);
    this.media?.setSending(!muted || this.lying);
    this.emit("micStateChange", { muted });
  }

  // A call's media starts when it connects and stops when it is over.
  #followMedia() {
    const live = this.state === "connected" || this.state === "held";
    if (!live) {
      this.#mediaToken = null;
      this.media?.close();
      this.media = null;
      return;
    }
    if (this.#mediaToken) return;
    const token = {};
    this.#mediaToken = token;
    this.mediaReady = import("./media-call.js")
      .then(({ MediaCall }) => MediaCall.start(this.mediaOptions))
      .then((call) => {
        if (this.#mediaToken !== token) {
          call.close();
          return null;
        }
        this.media = call;
        call.setSending(!this.muted || this.lying);
        this.emit("mediaChange", { input: call.input });
        return call;
      })
      .catch((error) => {
        console.warn("[softphone] the call's media did not start:", error?.message ?? error);
        return null;
      });
  }

  #mediaToken = null;

  ring() { this.setState("ringing"); }
  answer() { this.setState("connected"); }
  hold() { this.setState("held"); }
  resume() { this.setState("connected"); }
  hangUp() { this.setState("disconnected"); }
  toggleOwnMute() {
    if (this.state === "connected") this.setMuted(!this.muted);
  }

  /** A supervisor forces the agent's mute, or lifts it: micStateChange {muted, forced}. */
  setForced(forced) {
    if (this.state !== "connected") return;
    this.forced = forced;
    this.muted = forced;
    this.media?.setSending(!forced);
    this.emit("micStateChange", { muted: forced, forced });
  }
}
