import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseYaml } from "./parse-yaml.ts";
import { readPlainYaml } from "./read-plain-yaml.ts";

/** The loader's contract: the quick reader answers the positioned reader's data, or nothing. */
function expectSameReading(text: string): void {
  const plain = readPlainYaml(text);
  if (plain === undefined) return;
  const positioned = parseYaml(text);
  expect(positioned.ok, `the positioned reader refuses what the quick one read:\n${text}`).toBe(true);
  // toEqual, not toStrictEqual: the strict form compares objects' `constructor`, which a YAML key
  // named constructor makes an own property of each side, two different values by identity.
  if (positioned.ok) expect(plain.data).toEqual(positioned.data);
}

const SCENARIO_DIR = join(import.meta.dirname, "..");

describe("readPlainYaml", () => {
  it("reads every scenario file of the repository as the positioned reader does", () => {
    const files = [
      join(SCENARIO_DIR, "default.yaml"),
      ...readdirSync(join(SCENARIO_DIR, "examples"))
        .filter((name) => name.endsWith(".yaml"))
        .map((name) => join(SCENARIO_DIR, "examples", name)),
    ];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(readPlainYaml(text), file).toBeDefined();
      expectSameReading(text);
    }
  });

  it.each([
    ["core numbers", "a: [0o17, 0x1F, +12, -0, 1.50, .5, 1e3, -.inf, .NaN, 0b101, 1_000, 012]"],
    ["core nulls and booleans", "a: [~, null, Null, NULL, '', true, True, TRUE, yes, no, on, off, y]"],
    ["a large integer", "a: 123456789012345678901234567890"],
    ["quoted and escaped text", "a: \"tab\\there \\u00e9 \\x41\"\nb: 'it''s'\nc: \"12\""],
    ["block scalars", "a: |\n  one\n  two\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  kept\n\n"],
    ["plain scalars over lines", "a: one\n  two\n\n  three\nb: x #comment\nc: x#not"],
    ["flow collections", "a: {b: [1, {c: d}], 'e': \"f\"}\ng: [ ]\nh: {}"],
    ["a leading document marker", "---\na: 1\n...\n"],
    ["a timestamp stays text", "a: 2026-12-02\nb: 2026-12-02T03:04:05Z"],
    ["keys that look like other types", "1: a\ntrue: b\n~: c\n1.5: d\n"],
    ["a key named __proto__", "__proto__: {polluted: true}\n"],
    ["an anchor and alias", "a: &x {b: 1}\nc: *x\n"],
    ["an explicit number tag", "a: !!int 12\nb: !!float 1\nc: !!str 12\n"],
    ["a custom tag", "a: !custom x\n"],
    ["a YAML 1.1 directive", "%YAML 1.1\n---\na: yes\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["an unclosed quote", 'a: "open\nb: c\n'],
    ["an unclosed flow sequence", "a: [1, 2\nb: c\n"],
    ["a tab as indentation", "a:\n\tb: c\n"],
    ["a comment without a space", 'a: "x"#c\n'],
    ["a reserved indicator", "a: @x\nb: `y\n"],
    ["a key over several lines", "a\nb: c\n"],
    ["a compact nested mapping", "a: b: c\n"],
    ["an empty file", ""],
    ["only a comment", "# nothing\n"],
    ["a scalar document", "just text\n"],
  ])("answers the positioned reader's data or nothing: %s", (_name, text) => {
    expectSameReading(text);
  });

  it.each([
    ["an alias", "a: &x 1\nb: *x\n"],
    ["a number key", "1: a\n"],
    ["a null key", "~: a\n"],
    ["__proto__", "__proto__: 1\n"],
    ["an explicit !!int", "a: !!int 1\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a syntax error", "a: [1\n"],
  ])("leaves %s to the positioned reader", (_name, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  const key = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text !== "__proto__");
  const scalar = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom("12", "0o17", "0x1f", "1.50", ".inf", "null", "True", "yes", "2026-01-01", "- a", "a: b"),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: "small" }, scalar, tie("list"), tie("map")),
    list: fc.array(tie("tree"), { maxLength: 4 }),
    map: fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
  }));
  const style = fc.record({
    collectionStyle: fc.constantFrom("any", "block", "flow"),
    defaultStringType: fc.constantFrom(
      "PLAIN",
      "QUOTE_DOUBLE",
      "QUOTE_SINGLE",
      "BLOCK_LITERAL",
      "BLOCK_FOLDED",
    ),
    defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE"),
    lineWidth: fc.constantFrom(0, 20, 80),
  } as const);

  it("reads generated documents in every style as the positioned reader does", () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), style, (value, options) => {
        expectSameReading(stringify(value, options));
      }),
    );
  });
});
