// Recordings made by the tests themselves: a WAV of a sine tone (a tiny RIFF writer) and an MP3 of
// silent MPEG-1 Layer III frames (a valid stream whose frames carry no audio data), so no
// recording needs to be checked in and no encoder installed.

/** 16-bit mono PCM WAV of a sine tone. */
export function sineWav(seconds: number, { sampleRate = 8000, frequency = 440, volume = 0.3 } = {}): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * volume * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono: each frame is a 4-byte header and 413 zero bytes
 * (side information and main data all zero: every granule decodes to silence). 1152 samples a frame.
 */
export function silentMp3(seconds: number): Buffer {
  const frames = Math.ceil((seconds * 44100) / 1152);
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0xc0]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}
