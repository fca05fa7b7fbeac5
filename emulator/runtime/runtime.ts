/** Injected time, randomness and ids: every source of non-determinism the fakes have. */
export type Runtime = {
  clock: () => Date;
  /** Uniform in [0, 1). */
  random: () => number;
  /** A version-4-shaped UUID drawn from `random`. */
  newId: () => string;
};

/** mulberry32: a small, fast, seedable PRNG (public domain) for reproducible runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID v4 string (RFC 9562 §5.4 layout) from a random source: four 32-bit draws. */
export function uuidFrom(random: () => number): string {
  const a = draw32(random);
  const b = draw32(random);
  const c = draw32(random);
  const d = draw32(random);
  // Version 4 in the 13th hex digit (in place of b's 5th), variant 10xx in the 17th (c's first,
  // its top two bits replaced).
  putHex(0, a >>> 24);
  putHex(2, (a >>> 16) & 255);
  putHex(4, (a >>> 8) & 255);
  putHex(6, a & 255);
  putHex(9, b >>> 24);
  putHex(11, (b >>> 16) & 255);
  putHex(14, 0x40 | ((b >>> 8) & 15));
  putHex(16, b & 255);
  putHex(19, 0x80 | ((c >>> 24) & 0x3f));
  putHex(21, (c >>> 16) & 255);
  putHex(24, (c >>> 8) & 255);
  putHex(26, c & 255);
  putHex(28, d >>> 24);
  putHex(30, (d >>> 16) & 255);
  putHex(32, (d >>> 8) & 255);
  putHex(34, d & 255);
  // Written as bytes and read as one string: a string built by `+` from its 2-digit pieces is, in V8,
  // a tree of about 15 links (490 bytes against 66 once flat), and every user, link and log record
  // keeps ids for as long as it lives.
  return UUID_TEXT.toString("latin1", 0, 36);
}

function draw32(random: () => number): number {
  return Math.floor(random() * 0x100000000) >>> 0;
}

/** Two lower-case hex digits of each byte, as character codes. */
const HEX_CODES: readonly number[] = Array.from({ length: 512 }, (_, index) =>
  (index >> 1)
    .toString(16)
    .padStart(2, "0")
    .charCodeAt(index & 1),
);

/** The id being written: 36 characters, the hyphens in place. */
const UUID_TEXT = Buffer.from("00000000-0000-0000-0000-000000000000", "latin1");

function putHex(at: number, byte: number): void {
  UUID_TEXT[at] = HEX_CODES[byte * 2]!;
  UUID_TEXT[at + 1] = HEX_CODES[byte * 2 + 1]!;
}

/** A clock that starts at `start` and moves only when told, plus one millisecond per reading so events stay ordered. */
export type ManualClock = { now: () => Date; advance: (milliseconds: number) => void };

export function createManualClock(start: Date): ManualClock {
  let time = start.getTime();
  return {
    now: () => new Date(time++),
    advance: (milliseconds) => {
      time += milliseconds;
    },
  };
}

/** A deterministic runtime for scenarios and tests; the same seed gives the same ids and values. */
export function createDeterministicRuntime(
  seed: number,
  start = new Date("2026-01-01T00:00:00Z"),
): Runtime & { advance: (ms: number) => void } {
  const random = seededRandom(seed);
  const clock = createManualClock(start);
  return { clock: clock.now, random, newId: () => uuidFrom(random), advance: clock.advance };
}
