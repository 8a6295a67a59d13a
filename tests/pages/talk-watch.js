// What the talk tests (tests/browser/test_talk.py) read on a page, installed before the
// widget mounts: every clone of a MediaStreamTrack (window.clones), each AudioContext a
// clone is analysed in (window.cloneContexts), every text of the button's polite
// announcer (window.announced), and the room: the agent's microphone heard on a clone of
// the test's own (window.room), so a test knows the agent talked whatever the widget did.

/** getUserMedia's audio constraints wherever a test measures levels. */
export const RAW_AUDIO = Object.freeze({ echoCancellation: false, noiseSuppression: false, autoGainControl: false });

/** RMS level at or above which the room hears sound (the widget's own threshold). */
const SOUND = 0.02;

export function watchTalk() {
  window.clones = [];
  const clone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function (...args) {
    const copy = clone.apply(this, args);
    window.clones.push(copy);
    return copy;
  };
  window.cloneContexts = [];
  const createSource = AudioContext.prototype.createMediaStreamSource;
  AudioContext.prototype.createMediaStreamSource = function (stream) {
    if (stream.getAudioTracks().some((track) => window.clones.includes(track))) window.cloneContexts.push(this);
    return createSource.call(this, stream);
  };
  window.announced = [];
  new MutationObserver(() => {
    for (const el of document.querySelectorAll(".mute-button__announcer")) {
      if (el.textContent && el.textContent !== window.announced.at(-1)) window.announced.push(el.textContent);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });

  // The room: startRoom(track) hears the microphone behind `track` on a clone of its own
  // (not in window.clones: each getUserMedia of a file-fed fake microphone plays the file
  // from its start, so only the same capture is in step with what the widget hears).
  // room.longestSince(t) is the longest run of sound (ms) heard since performance.now() t.
  const runs = []; // [start, end] of each run of sound
  window.room = {
    longestSince: (t) => Math.max(0, ...runs.map(([start, end]) => end - Math.max(start, t))),
  };
  window.startRoom = (track) => {
    const copy = clone.call(track);
    copy.enabled = true;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    createSource.call(context, new MediaStream([copy])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const now = performance.now();
      if (Math.sqrt(sum / samples.length) < SOUND) return;
      const last = runs.at(-1);
      if (last && now - last[1] < 400) last[1] = now;
      else runs.push([now, now]);
    }, 50);
  };
}
