import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonTextDepth, parseBoundedJson } from "./parse-bounded-json.ts";

/** The depth rule read one character at a time: a backslash inside a string skips the next one. */
function referenceDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      for (index += 1; index < text.length; index += 1) {
        if (text[index] === "\\") index += 1;
        else if (text[index] === '"') break;
      }
    } else if (char === "[" || char === "{") deepest = Math.max(deepest, ++depth);
    else if (char === "]" || char === "}") depth -= 1;
  }
  return deepest;
}

describe("jsonTextDepth", () => {
  it.each([
    ["1", 0],
    ["[]", 1],
    ['{"a":[{"b":1}]}', 3],
    ['"[[[["', 0],
    ['["\\\\"]', 1],
    ['["\\"[["]', 1],
    ['["\\\\\\"[["]', 1],
    ['"unterminated [[', 0],
    ['[["a\\', 2],
  ])("measures %s as %i", (text, depth) => {
    expect(jsonTextDepth(text)).toBe(depth);
  });

  it("agrees with the one-character-at-a-time rule on any text of JSON's punctuation", () => {
    const text = fc
      .array(fc.constantFrom('"', "\\", "[", "]", "{", "}", "a", ":", ","), { maxLength: 60 })
      .map((chars) => chars.join(""));
    fc.assert(fc.property(text, (input) => jsonTextDepth(input) === referenceDepth(input)));
  });

  it("agrees with the structure of any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        expect(jsonTextDepth(text)).toBe(referenceDepth(text));
      }),
    );
  });
});

describe("parseBoundedJson", () => {
  it("refuses text nested deeper than the limit with JsonTooDeep", () => {
    expect(() => parseBoundedJson("[[[1]]]", 2)).toThrow(expect.objectContaining({ code: "JsonTooDeep" }));
  });

  it("parses text within the limit", () => {
    expect(parseBoundedJson('{"a":["[["]}', 2)).toEqual({ a: ["[["] });
  });
});
