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
