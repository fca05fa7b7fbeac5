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
  // its top two bits replaced). Built from a byte table: ids are drawn for every log record.
  return (
    HEX[a >>> 24]! +
    HEX[(a >>> 16) & 255]! +
    HEX[(a >>> 8) & 255]! +
    HEX[a & 255]! +
    "-" +
    HEX[b >>> 24]! +
    HEX[(b >>> 16) & 255]! +
    "-" +
    HEX[0x40 | ((b >>> 8) & 15)]! +
    HEX[b & 255]! +
    "-" +
    HEX[0x80 | ((c >>> 24) & 0x3f)]! +
    HEX[(c >>> 16) & 255]! +
    "-" +
    HEX[(c >>> 8) & 255]! +
    HEX[c & 255]! +
    HEX[d >>> 24]! +
    HEX[(d >>> 16) & 255]! +
    HEX[(d >>> 8) & 255]! +
    HEX[d & 255]!
  );
}

function draw32(random: () => number): number {
  return Math.floor(random() * 0x100000000) >>> 0;
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

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
