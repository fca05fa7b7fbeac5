import type { FunctionCall, FunctionImplementation } from "../function-call.ts";
import type { FunctionName } from "../functions.ts";
import { toInteger, toText } from "../value-coercion.ts";

/** "256 characters max" (Learn, RandomString). */
export const RANDOM_STRING_MAX_LENGTH = 256;

/**
 * The character classes of the Windows password-complexity reference the Learn RandomString
 * entry points to. Assumed: ASCII letters only (the reference also counts other Unicode letters).
 */
export const RANDOM_STRING_CLASSES = {
  numbers: "0123456789",
  special: "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/",
  capital: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  lower: "abcdefghijklmnopqrstuvwxyz",
} as const;

function pick(random: () => number, alphabet: string): string {
  return alphabet[Math.floor(random() * alphabet.length)] ?? alphabet[0] ?? "";
}

function randomString(call: FunctionCall): string {
  const length = toInteger(call.arg(0), call, "Length");
  const minimums = [1, 2, 3, 4].map((index) => toInteger(call.arg(index), call, "a minimum"));
  const avoid = call.has(5) ? (toText(call.arg(5), call) ?? "") : "";
  const classes = Object.values(RANDOM_STRING_CLASSES).map((alphabet) =>
    [...alphabet].filter((c) => !avoid.includes(c)).join(""),
  );
  const required = minimums.reduce((sum, n) => sum + n, 0);
  if (length < 1 || length > RANDOM_STRING_MAX_LENGTH) {
    return call.fail(`RandomString: Length must be 1 to ${RANDOM_STRING_MAX_LENGTH}, got ${length}`);
  }
  if (minimums.some((n) => n < 0) || required > length) {
    return call.fail(
      `RandomString: the minimums (${required}) must be non-negative and fit in Length ${length}`,
    );
  }
  const random = call.context.random;
  const chars: string[] = [];
  classes.forEach((alphabet, index) => {
    const minimum = minimums[index] ?? 0;
    if (minimum > 0 && alphabet === "")
      call.fail("RandomString: CharactersToAvoid excludes a required class");
    for (let n = 0; n < minimum; n += 1) chars.push(pick(random, alphabet));
  });
  const all = classes.join("");
  if (chars.length < length && all === "")
    return call.fail("RandomString: CharactersToAvoid excludes everything");
  while (chars.length < length) chars.push(pick(random, all));
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [chars[i], chars[j]] = [chars[j] ?? "", chars[i] ?? ""];
  }
  return chars.join("");
}

/** Functions that draw on the context's random source, so they're deterministic given it. */
export const RANDOM_FUNCTIONS = {
  // "generates a new random GUID" (Learn, Guid): a version 4 GUID, lower case.
  Guid: (call) => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(call.context.random() * 256) & 0xff);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
  RandomString: randomString,
} satisfies Partial<Record<FunctionName, FunctionImplementation>>;
