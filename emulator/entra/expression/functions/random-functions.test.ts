import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EvaluationContext } from "../evaluation-context.ts";
import { evaluateExpression } from "../evaluate-expression.ts";
import { parseExpression } from "../parse-expression.ts";
import { RANDOM_STRING_CLASSES } from "./random-functions.ts";

/** A random source replaying fast-check's numbers in a loop (so it never runs dry). */
function replaying(numbers: readonly number[]): () => number {
  let index = 0;
  return () => numbers[index++ % numbers.length] ?? 0;
}

function run(text: string, random: () => number): unknown {
  const context: EvaluationContext = { source: () => undefined, now: () => new Date(0), random };
  const result = evaluateExpression(parseExpression(text), context);
  return result.kind === "value" ? result.value : undefined;
}

const randomNumbers = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
  minLength: 1,
  maxLength: 64,
});

const count = (text: string, alphabet: string): number =>
  [...text].filter((c) => alphabet.includes(c)).length;

describe("Guid", () => {
  it("is a version 4 GUID determined by the random source", () => {
    fc.assert(
      fc.property(randomNumbers, (numbers) => {
        const first = run("Guid()", replaying(numbers));
        expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(run("Guid()", replaying(numbers))).toBe(first);
      }),
    );
  });
});

describe("RandomString", () => {
  const constraints = fc
    .record({
      numbers: fc.integer({ min: 0, max: 8 }),
      special: fc.integer({ min: 0, max: 8 }),
      capital: fc.integer({ min: 0, max: 8 }),
      lower: fc.integer({ min: 0, max: 8 }),
      extra: fc.integer({ min: 0, max: 20 }),
      avoid: fc.subarray([..."?,!0aA"]).map((chars) => chars.join("")),
    })
    .filter((c) => c.numbers + c.special + c.capital + c.lower + c.extra >= 1);

  it("honours length, minimums and characters to avoid, deterministically", () => {
    fc.assert(
      fc.property(constraints, randomNumbers, (c, numbers) => {
        const length = c.numbers + c.special + c.capital + c.lower + c.extra;
        const avoid = JSON.stringify(c.avoid);
        const text = `RandomString(${length}, ${c.numbers}, ${c.special}, ${c.capital}, ${c.lower}, ${avoid})`;
        const value = run(text, replaying(numbers));
        expect(typeof value).toBe("string");
        const generated = value as string;
        expect([...generated]).toHaveLength(length);
        expect(count(generated, RANDOM_STRING_CLASSES.numbers)).toBeGreaterThanOrEqual(c.numbers);
        expect(count(generated, RANDOM_STRING_CLASSES.special)).toBeGreaterThanOrEqual(c.special);
        expect(count(generated, RANDOM_STRING_CLASSES.capital)).toBeGreaterThanOrEqual(c.capital);
        expect(count(generated, RANDOM_STRING_CLASSES.lower)).toBeGreaterThanOrEqual(c.lower);
        expect([...generated].filter((ch) => c.avoid.includes(ch))).toEqual([]);
        expect(run(text, replaying(numbers))).toBe(generated);
      }),
    );
  });

  it.each([
    { text: "RandomString(6,3,0,0,3)", numbers: 3, lower: 3, special: 0, capital: 0 },
    { text: 'RandomString(10,2,2,2,1,"?,")', numbers: 2, lower: 1, special: 2, capital: 2 },
  ])("meets the documented example $text", ({ text, numbers, lower, special, capital }) => {
    const value = run(text, replaying([0.1, 0.7, 0.3, 0.9, 0.5])) as string;
    expect(count(value, RANDOM_STRING_CLASSES.numbers)).toBeGreaterThanOrEqual(numbers);
    expect(count(value, RANDOM_STRING_CLASSES.lower)).toBeGreaterThanOrEqual(lower);
    expect(count(value, RANDOM_STRING_CLASSES.special)).toBeGreaterThanOrEqual(special);
    expect(count(value, RANDOM_STRING_CLASSES.capital)).toBeGreaterThanOrEqual(capital);
    expect(value).not.toMatch(/[?,]/);
  });
});
