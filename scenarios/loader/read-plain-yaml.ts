import {
  boolCoreTag,
  defineMappingTag,
  defineScalarTag,
  FAILSAFE_SCHEMA,
  load,
  NOT_RESOLVED,
  nullCoreTag,
  seqTag,
  strTag,
} from "js-yaml";

/**
 * The YAML 1.2 core schema's numbers as the positioned reader (the `yaml` library) resolves them:
 * the same patterns, tried in the same order, and the same conversions, so a plain scalar means the
 * same number, or stays the same string, in both readers.
 * https://yaml.org/spec/1.2.2/#1032-tag-resolution
 */
const NUMBER_FORMS = [
  { test: /^0o[0-7]+$/, read: (text: string) => parseInt(text.slice(2), 8) },
  { test: /^[-+]?[0-9]+$/, read: (text: string) => parseInt(text, 10) },
  { test: /^0x[0-9a-fA-F]+$/, read: (text: string) => parseInt(text.slice(2), 16) },
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    read: (text: string) =>
      text.slice(-3).toLowerCase() === "nan"
        ? NaN
        : text.startsWith("-")
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY,
  },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, read: parseFloat },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, read: parseFloat },
] as const;

/** One tag for every number form: an explicit `!!int` or `!!float` is left to the positioned reader. */
const numberTag = defineScalarTag("tag:yaml.org,2002:float", {
  implicit: true,
  implicitFirstChars: ["-", "+", ".", ..."0123456789"],
  resolve: (source, isExplicit) => {
    if (isExplicit) throw new PlainYamlRefused();
    const form = NUMBER_FORMS.find(({ test }) => test.test(source));
    return form ? form.read(source) : NOT_RESOLVED;
  },
  identify: (value) => typeof value === "number",
});

/**
 * Mappings with string keys only: the positioned reader turns a number, boolean, null or
 * collection key into text its own way, so such a file is left to it; so is `__proto__`.
 */
const stringKeyMapTag = defineMappingTag<Record<string, unknown>>("tag:yaml.org,2002:map", {
  create: () => ({}),
  addPair: (map, key, value) => {
    if (typeof key !== "string" || key === "__proto__") return "left to the positioned reader";
    map[key] = value;
    return "";
  },
  has: (map, key) => typeof key === "string" && Object.hasOwn(map, key),
  keys: (map) => Object.keys(map),
  get: (map, key) => map[key as string],
  identify: (value) => typeof value === "object" && value !== null && !Array.isArray(value),
});

const PLAIN_SCHEMA = FAILSAFE_SCHEMA.withTags(
  strTag,
  seqTag,
  stringKeyMapTag,
  nullCoreTag,
  boolCoreTag,
  numberTag,
);

class PlainYamlRefused extends Error {}

/** A directive (`%YAML 1.1` changes the schema) at the start of a line. */
const DIRECTIVE = /^%/m;

/**
 * Reads YAML that is plain data (string keys, the core schema's scalars, no alias, no explicit
 * number tag, no directive, one document) without source positions, several times faster than the
 * positioned reader; `undefined` for anything else, and for every file with a YAML problem, so that
 * the positioned reader reads it again and reports the problem where it is.
 */
export function readPlainYaml(text: string): { data: unknown } | undefined {
  if (DIRECTIVE.test(text)) return undefined;
  try {
    return { data: load(text, { schema: PLAIN_SCHEMA, maxAliases: 0 }) };
  } catch {
    // Any refusal, syntax error or duplicate key: the positioned reader has the last word.
    return undefined;
  }
}
