// A real WebRTC call inside one page, for the demo and the tests: the agent's
// RTCPeerConnection sends the microphone (or, when there is none or it is refused, a
// generated tone) to a second RTCPeerConnection, the remote party, which measures
// what it receives. So a person sees on a meter, and a test reads, what the customer
// hears. The simulated softphone (softphone.js) starts one per connected call when it
// is created with the `media` option; nothing else loads this module.

/** Peak amplitude (0..1) above which the remote party hears sound: -40 dBFS. */
export const SOUND = 0.01;
const POLL_MS = 40;

export class MediaCall {
  /**
   * Start a call and resolve once the remote party receives audio.
   * microphone: try getUserMedia({audio: true}) first (false: always the tone);
   * pulse: the tone swells and fades (false: a steady tone, never silent, for timing);
   * audio: getUserMedia's audio constraints (the talk tests turn the processing off).
   */
  static async start({ microphone = true, pulse = true, audio = true } = {}) {
    const call = new MediaCall();
    try {
      await call.#start(microphone, pulse, audio);
    } catch (error) {
      call.close();
      throw error;
    }
    return call;
  }

  constructor() {
    /** The agent's RTCPeerConnection: what a softphone SDK holds (verify_media takes it). */
    this.pc = new RTCPeerConnection();
    /** The remote party's RTCPeerConnection. */
    this.remotePc = new RTCPeerConnection();
    /** The outgoing audio track, and the sender carrying it. */
    this.track = null;
    this.sender = null;
    /** "microphone" or "tone": what the agent sends. */
    this.input = null;
    /**
     * What the remote party hears, updated every 40 ms: level (RMS of the latest
     * samples, 0..1), lastSoundAt (performance.now() of the last sample above SOUND,
     * or null), energy (sum of squares / sample rate since the start) and seconds
     * (of audio measured).
     */
    this.hearing = { level: 0, lastSoundAt: null, energy: 0, seconds: 0 };
    this.closed = false;
    this.audio = new AudioContext();
    this.#stops = [];
  }

  #stops;

  async #start(microphone, pulse, audio) {
    const { pc, remotePc } = this;
    let stream = null;
    if (microphone && navigator.mediaDevices?.getUserMedia) {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
        this.input = "microphone";
      } catch {
        stream = null; // refused or no device: the tone below
      }
    }
    if (!stream) {
      stream = this.#tone(pulse);
      this.input = "tone";
    }
    this.track = stream.getAudioTracks()[0];
    this.#stops.push(() => stream.getTracks().forEach((track) => track.stop()));
    if (this.closed) throw new Error("the call was closed while it started");

    pc.onicecandidate = (event) => event.candidate && remotePc.addIceCandidate(event.candidate).catch(() => {});
    remotePc.onicecandidate = (event) => event.candidate && pc.addIceCandidate(event.candidate).catch(() => {});
    const received = new Promise((resolve) => {
      remotePc.ontrack = (event) => resolve(event.track);
    });
    this.sender = pc.addTrack(this.track, stream);
    await pc.setLocalDescription();
    await remotePc.setRemoteDescription(pc.localDescription);
    await remotePc.setLocalDescription();
    await pc.setRemoteDescription(remotePc.localDescription);
    this.#listen(await received);
    // Without a user gesture (or a live microphone) Chromium keeps an AudioContext
    // suspended until there is one: the tone and the meter start then.
    this.audio.resume().catch(() => {});
  }

  /** A 440 Hz tone as a MediaStream: what is sent when there is no microphone. */
  #tone(pulsing) {
    const { audio } = this;
    const tone = new OscillatorNode(audio, { frequency: 440 });
    const gain = new GainNode(audio, { gain: 0.15 });
    const pulse = new OscillatorNode(audio, { frequency: 0.7 });
    const depth = new GainNode(audio, { gain: pulsing ? 0.15 : 0 });
    pulse.connect(depth).connect(gain.gain);
    const out = new MediaStreamAudioDestinationNode(audio);
    tone.connect(gain).connect(out);
    tone.start();
    pulse.start();
    this.#stops.push(() => {
      tone.stop();
      pulse.stop();
    });
    return out.stream;
  }

  /** Measure the received track: every sample since the last look, never played aloud. */
  #listen(track) {
    const { audio, hearing } = this;
    const stream = new MediaStream([track]);
    // Chromium feeds a received WebRTC track to WebAudio only while a media element
    // plays it too: a muted one, so nothing is heard on this computer's speakers.
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    element.play().catch(() => {});
    const source = audio.createMediaStreamSource(stream);
    const analyser = new AnalyserNode(audio, { fftSize: 32768 });
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    let seen = audio.currentTime;
    const look = () => {
      const now = performance.now();
      const time = audio.currentTime;
      const fresh = Math.min(buffer.length, Math.round((time - seen) * audio.sampleRate));
      seen = time;
      if (fresh <= 0) return;
      analyser.getFloatTimeDomainData(buffer);
      let sum = 0;
      let last = -1;
      for (let i = buffer.length - fresh; i < buffer.length; i += 1) {
        const value = buffer[i];
        sum += value * value;
        if (value > SOUND || value < -SOUND) last = i;
      }
      hearing.energy += sum / audio.sampleRate;
      hearing.seconds += fresh / audio.sampleRate;
      hearing.level = Math.sqrt(sum / fresh);
      if (last >= 0) hearing.lastSoundAt = now - ((buffer.length - 1 - last) / audio.sampleRate) * 1000;
    };
    const timer = setInterval(look, POLL_MS);
    this.#stops.push(() => {
      clearInterval(timer);
      source.disconnect();
      element.srcObject = null;
    });
  }

  /** True while the remote party has heard sound at or after `since` (performance.now() ms). */
  heardSince(since) {
    return this.hearing.lastSoundAt !== null && this.hearing.lastSoundAt >= since;
  }

  /** What the softphone does to mute for real: the outgoing track stops carrying audio. */
  setSending(on) {
    if (this.track) this.track.enabled = Boolean(on);
  }

  get sending() {
    return Boolean(this.track?.enabled);
  }

  /** Hang up: stop the microphone or tone, the meter and both connections. */
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.#stops.splice(0)) {
      try {
        stop();
      } catch {
        /* already stopped */
      }
    }
    this.pc.close();
    this.remotePc.close();
    this.audio.close().catch(() => {});
  }
}
