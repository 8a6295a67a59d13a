// A fake of what the Genesys Cloud Embeddable Framework offers inside its softphone
// iframe: window.PureCloud.subscribe([{type: "Interaction", callback}]) and
// window.PureCloud.Interaction.updateState({action, id}), with interactions that ring,
// connect, end and are wrapped up. The demo and the browser tests run the shipped
// static/genesys/framework.js against it (see genesys-softphone-page.js), so the file a
// customer hosts is the one that is tested.
//
// Interaction fields are the ones seen in real payloads (docs/sdk-notes.md):
// id, state ("ALERTING", "CONNECTED", "DISCONNECTED"), isConnected, isDisconnected,
// isDone, direction, ani, phone, name, queueName, connectedTime, endTime, securePause,
// recordingState. No recorded payload carries a mute state: isMuted is added only
// when the page asks for it (withIsMuted), to test the adapter's confirmed mode.
// Categories: add, change ({old, new}), connect, disconnect; acw and deallocate
// (unverified names) when an interaction is wrapped up.

const CALLERS = [
  ["Dana Whitfield", "tel:+15550142277"],
  ["Sam Okafor", "tel:+15550199310"],
  ["Lee Marchetti", "tel:+15550170045"],
];

export class FakePureCloud {
  constructor({ withIsMuted = false, muteDelayMs = 80 } = {}) {
    this.withIsMuted = withIsMuted;
    this.muteDelayMs = muteDelayMs;
    // What the next mute toggle does: "apply" (the microphone changes) or "ignore".
    this.nextMute = "apply";
    this.interactions = new Map(); // id -> interaction (the softphone's truth)
    this.muted = new Map(); // id -> the microphone's real state, seen or not
    this.updates = []; // every updateState({action, id}) received
    this.log = () => {};
    this.subscribers = [];
    this.count = 0;
    this.Interaction = { updateState: (data) => this.updateState(data) };
  }

  /** PureCloud.subscribe([{type, callback}]): only Interaction events are produced here. */
  subscribe(subscriptions) {
    for (const { type, callback } of subscriptions) {
      if (type === "Interaction") this.subscribers.push(callback);
    }
  }

  emit(category, payload) {
    this.log(category, payload);
    for (const callback of this.subscribers) callback(category, structuredClone(payload));
  }

  /** PureCloud.Interaction.updateState({action, id}): only "mute" (a toggle) does something here. */
  updateState(data) {
    this.updates.push(structuredClone(data));
    const interaction = this.interactions.get(data?.id);
    if (data?.action !== "mute" || !interaction?.isConnected) return;
    const mode = this.nextMute;
    this.nextMute = "apply";
    if (mode === "ignore") return;
    setTimeout(() => this.setMuted(data.id, !this.muted.get(data.id)), this.muteDelayMs);
  }

  // -- the softphone's own side: calls arrive, the agent uses its UI ---------------
  ring(id = `interaction-${++this.count}`) {
    const [name, phone] = CALLERS[(this.count - 1) % CALLERS.length];
    const interaction = {
      id,
      state: "ALERTING",
      isConnected: false,
      isDisconnected: false,
      isDone: false,
      direction: "Inbound",
      ani: phone,
      phone,
      name,
      queueName: "Billing",
      securePause: false,
      recordingState: "none",
    };
    this.muted.set(id, false);
    if (this.withIsMuted) interaction.isMuted = false;
    this.interactions.set(id, interaction);
    this.emit("add", interaction);
    return id;
  }

  answer(id = this.latest()) {
    this.change(id, { state: "CONNECTED", isConnected: true, connectedTime: new Date().toISOString() });
    this.emit("connect", this.interactions.get(id));
  }

  hangUp(id = this.latest()) {
    this.change(id, {
      state: "DISCONNECTED",
      isConnected: false,
      isDisconnected: true,
      endTime: new Date().toISOString(),
    });
    this.emit("disconnect", this.interactions.get(id));
  }

  wrapUp(id = this.latest()) {
    this.change(id, { isDone: true });
    this.emit("acw", this.interactions.get(id));
    this.emit("deallocate", this.interactions.get(id));
    this.interactions.delete(id);
    this.muted.delete(id);
  }

  /** The softphone's own mute control (or a headset button): the widget is not asked. */
  toggleOwnMute(id = this.latest()) {
    if (this.interactions.get(id)?.isConnected) this.setMuted(id, !this.muted.get(id));
  }

  setMuted(id, muted) {
    if (!this.interactions.has(id)) return;
    this.muted.set(id, muted);
    if (this.withIsMuted) this.change(id, { isMuted: muted });
    else this.log("microphone", { id, muted });
  }

  change(id, fields) {
    const old = this.interactions.get(id);
    if (!old) throw new Error(`no interaction ${id}`);
    const updated = { ...old, ...fields };
    this.interactions.set(id, updated);
    this.emit("change", { old, new: updated });
  }

  latest() {
    return [...this.interactions.keys()].at(-1);
  }
}
