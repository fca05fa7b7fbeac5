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
  const word = () => (Math.floor(random() * 0x100000000) >>> 0).toString(16).padStart(8, "0");
  const a = word();
  const b = word();
  const c = word();
  const d = word();
  // Version 4 in the 13th hex digit, variant 10xx in the 17th.
  const version = `4${b.slice(5, 8)}`;
  const variant = ((Number.parseInt(c[0] ?? "0", 16) & 0x3) | 0x8).toString(16) + c.slice(1, 4);
  return `${a}-${b.slice(0, 4)}-${version}-${variant}-${c.slice(4)}${d}`;
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
