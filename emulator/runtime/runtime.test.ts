import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDeterministicRuntime, seededRandom, uuidFrom } from "./runtime.ts";

describe("deterministic runtime", () => {
  it("draws version-4, variant-10 UUIDs", () => {
    const random = seededRandom(42);
    for (let index = 0; index < 1000; index++) {
      expect(uuidFrom(random)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it("gives the same ids and values for the same seed, and others for another", () => {
    const ids = (seed: number) => {
      const runtime = createDeterministicRuntime(seed);
      return [runtime.newId(), runtime.newId(), runtime.random()];
    };
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
  });

  it("moves the clock one millisecond per reading, and by advance()", () => {
    const runtime = createDeterministicRuntime(1, new Date("2026-01-01T00:00:00Z"));
    expect(runtime.clock().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    runtime.advance(60_000);
    expect(runtime.clock().toISOString()).toBe("2026-01-01T00:01:00.001Z");
  });
});

/** The UUID layout written out digit by digit: what uuidFrom's byte table must give. */
function referenceUuid(random: () => number): string {
  const word = () => (Math.floor(random() * 0x100000000) >>> 0).toString(16).padStart(8, "0");
  const a = word();
  const b = word();
  const c = word();
  const d = word();
  const version = `4${b.slice(5, 8)}`;
  const variant = ((Number.parseInt(c[0] ?? "0", 16) & 0x3) | 0x8).toString(16) + c.slice(1, 4);
  return `${a}-${b.slice(0, 4)}-${version}-${variant}-${c.slice(4)}${d}`;
}

describe("uuidFrom", () => {
  it("gives the digit-by-digit layout for any draws, the extremes included", () => {
    const draw = fc.oneof(
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.constantFrom(0, 1 - 2 ** -53, 0.5, 2 ** -32, 1 - 2 ** -32),
    );
    fc.assert(
      fc.property(fc.array(draw, { minLength: 4, maxLength: 4 }), (draws) => {
        const source = () => [...draws];
        const next = (list: number[]) => () => list.shift() ?? 0;
        expect(uuidFrom(next(source()))).toBe(referenceUuid(next(source())));
      }),
    );
  });

  it("gives the same ids as the digit-by-digit layout for a seeded source", () => {
    const fast = seededRandom(99);
    const reference = seededRandom(99);
    for (let index = 0; index < 1000; index++) expect(uuidFrom(fast)).toBe(referenceUuid(reference));
  });
});
