// node scripts/example-audio.mjs — writes the example study's recording,
// examples/city-partnerships/media/tessenfeld-official-01.wav: 30 s of synthesised sound (no
// voice, free of rights) shaped like the interview's start: room tone, then the interviewer's turn
// at 00:00:15 and the respondent's at 00:00:21, as two "voices" of different pitch whose loudness
// rises and falls like syllables. 8 kHz, 8-bit mono (240 KB). Deterministic: the same bytes each run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repo, 'examples', 'city-partnerships', 'media', 'tessenfeld-official-01.wav');
const RATE = 8000;
const SECONDS = 30;
/** [start s, end s, fundamental Hz, syllables per second] */
const TURNS = [
  [15, 20.5, 210, 4.5],
  [21, 30, 130, 3.8],
];

let seed = 12345;
const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;

const samples = new Float64Array(RATE * SECONDS);
for (let i = 0; i < samples.length; i++) {
  const t = i / RATE;
  let value = noise() * 0.01;
  for (const [start, end, pitch, syllables] of TURNS) {
    if (t < start || t >= end) continue;
    const fade = Math.min(1, (t - start) * 8, (end - t) * 8);
    const syllable = Math.max(0, Math.sin(2 * Math.PI * syllables * (t - start))) ** 0.6;
    const glide = pitch * (1 + 0.06 * Math.sin(2 * Math.PI * 0.7 * t));
    let voice = 0;
    for (let h = 1; h <= 5; h++) voice += Math.sin(2 * Math.PI * glide * h * t) / h;
    value += voice * syllable * fade * 0.25;
  }
  samples[i] = value;
}

const data = Buffer.alloc(samples.length);
for (let i = 0; i < samples.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(128 + samples[i] * 127)));
const header = Buffer.alloc(44);
header.write('RIFF', 0, 'ascii');
header.writeUInt32LE(36 + data.length, 4);
header.write('WAVEfmt ', 8, 'ascii');
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE, 28); // bytes per second (8-bit mono)
header.writeUInt16LE(1, 32); // block align
header.writeUInt16LE(8, 34); // bits per sample
header.write('data', 36, 'ascii');
header.writeUInt32LE(data.length, 40);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, Buffer.concat([header, data]));
console.log(`wrote ${path.relative(repo, target)} (${header.length + data.length} bytes)`);
