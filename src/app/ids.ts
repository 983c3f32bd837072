import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let seq = 0;

// Random bytes are drawn in blocks: one randomFillSync per 256 ids instead of one per id.
const POOL_SIZE = 16 * 256;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function random16(): Buffer {
  if (poolOffset + 16 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return b;
}

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit sequence that keeps ids made
 * in the same millisecond ordered, then random bits. Time-ordered ids keep the store's id index
 * appending at its right edge instead of touching a random page per event.
 */
export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    seq = random16().readUInt16BE(0) & 0x3ff; // start low so the sequence rarely overflows
  } else {
    seq += 1;
    if (seq > 0xfff) {
      lastMs += 1; // borrow the next millisecond rather than break the order
      seq = 0;
    }
  }
  const b = random16();
  const ms = lastMs;
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((seq >>> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = 0x80 | ((b[8] as number) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
