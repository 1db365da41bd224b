// The keyed pseudo-random function behind anonymity numbers (anonymity.ts): AES-256 CBC-MAC over a fixed-length
// 64-byte message. CBC-MAC is a secure PRF for messages of one fixed length (Bellare, Kilian, Rogaway 1994), which
// these are: byte 0 is the payload's length, then the payload (« épreuve ∖0 numéro ∖0 attempt », UTF-8, at most 63
// bytes: numéros are at most 30 characters, candidate-fields.ts parseNumero), then zeros.
// Why not one HMAC per candidate: creating 250,000 HMAC objects is the cost. Best of 6 runs on this machine (2 cores
// shared, load ≈ 10, so only ratios mean something): 250,000 createHmac 3.1 s, this batch 0.22 s, a naive split of
// the same 250,000 lines 1.0 s. The batch runs the four CBC rounds for every candidate at once: one AES-ECB call per
// round over the whole batch (AES-NI through node:crypto). prfValuePlain is the same function one message at a time
// (a single AES-CBC call with a zero IV): the tests compare the two.
import { createCipheriv, createHash } from 'node:crypto';

const BLOCK = 16;
const ROUNDS = 4;
const SIZE = BLOCK * ROUNDS;
const ZERO_IV = Buffer.alloc(BLOCK);

/** AES-256 key from a secret of any length (≥ 16 bytes checked by the caller), bound to this use. */
export function prfKey(secret: Uint8Array): Buffer {
  return createHash('sha256').update('ccst anonymat v1\u0000').update(secret).digest();
}

function encode(message: string, into: Buffer, at: number): void {
  const len = message.length;
  if (len < SIZE - 1) {
    // ASCII (numéros are): the bytes are the char codes — 4× faster than Buffer.write on 250,000 short strings.
    let k = 0;
    for (; k < len; k++) {
      const c = message.charCodeAt(k);
      if (c > 127) break;
      into[at + 1 + k] = c;
    }
    if (k === len) {
      into[at] = len;
      return;
    }
  }
  if (Buffer.byteLength(message, 'utf8') > SIZE - 1) throw new Error(`message d’anonymat trop long : ${message.length} caractères`);
  into[at] = into.write(message, at + 1, SIZE - 1, 'utf8');
}

/** 48 bits of the MAC reduced mod 10^8 (2^48 < 2^53: exact; bias 2^48 mod 10^8 / 2^48 < 10^-6). */
function valueOf(mac: Buffer, at: number): number {
  return mac.readUIntBE(at, 6) % 100_000_000;
}

/** The PRF's value in [0, 10^8) for one message. */
export function prfValuePlain(key: Buffer, message: string): number {
  const msg = Buffer.alloc(SIZE);
  encode(message, msg, 0);
  const c = createCipheriv('aes-256-cbc', key, ZERO_IV).setAutoPadding(false);
  const out = Buffer.concat([c.update(msg), c.final()]);
  return valueOf(out, SIZE - BLOCK);
}

/** prfValuePlain of each message, computed together. */
export function prfValuesBatch(key: Buffer, messages: readonly string[]): Uint32Array {
  const n = messages.length;
  // Own ArrayBuffers (offset 0): the XOR runs on 32-bit words, four bytes at a time.
  const msgs = Buffer.from(new ArrayBuffer(n * SIZE));
  messages.forEach((m, i) => encode(m, msgs, i * SIZE));
  const state = Buffer.from(new ArrayBuffer(n * BLOCK));
  const input = Buffer.from(new ArrayBuffer(n * BLOCK));
  const [m32, s32, in32] = [new Uint32Array(msgs.buffer), new Uint32Array(state.buffer), new Uint32Array(input.buffer)];
  const W = BLOCK / 4;
  for (let r = 0; r < ROUNDS; r++) {
    // CBC: each candidate's state XOR its r-th block, all encrypted in one ECB call (independent blocks).
    for (let i = 0; i < n; i++) {
      const s = i * W;
      const m = i * (SIZE / 4) + r * W;
      for (let k = 0; k < W; k++) in32[s + k] = s32[s + k]! ^ m32[m + k]!;
    }
    const c = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    state.set(c.update(input));
    c.final();
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = valueOf(state, i * BLOCK);
  return out;
}
