import type { FunctionCall, FunctionImplementation } from "../function-call.ts";
import { toText } from "../value-coercion.ts";

const SOURCE = 0;
const OLD_VALUE = 1;
const REGEX_PATTERN = 2;
const REGEX_GROUP_NAME = 3;
const REPLACEMENT_VALUE = 4;
const REPLACEMENT_ATTRIBUTE_NAME = 5;
const TEMPLATE = 6;

function compile(call: FunctionCall, pattern: string): RegExp {
  try {
    // .NET and JavaScript share the named-group syntax (?<name>…) the Learn examples use.
    return new RegExp(pattern, "gd");
  } catch {
    return call.fail(`Replace: invalid regular expression ${JSON.stringify(pattern)}`);
  }
}

/**
 * Expands a .NET replacement pattern for one match: ${name}, $1, ${1}, $$, $&, $`, $', $+, $_.
 * An unknown group stays literal, as in .NET.
 */
function expand(replacement: string, match: RegExpMatchArray, input: string): string {
  return replacement.replace(
    /\$(?:(\$)|(&)|(`)|(')|(\+)|(_)|\{([^}]*)\}|(\d+))/g,
    (whole, ...parts: unknown[]) => {
      const [dollar, all, before, after, last, entire, braced, numbered] = parts as (string | undefined)[];
      const index = match.index ?? 0;
      if (dollar !== undefined) return "$";
      if (all !== undefined) return match[0];
      if (before !== undefined) return input.slice(0, index);
      if (after !== undefined) return input.slice(index + match[0].length);
      if (last !== undefined) return match.at(-1) ?? "";
      if (entire !== undefined) return input;
      const group = braced ?? numbered ?? "";
      if (/^\d+$/.test(group)) {
        const number = Number(group);
        return number < match.length ? (match[number] ?? "") : whole;
      }
      const groups = match.groups ?? {};
      return Object.hasOwn(groups, group) ? (groups[group] ?? "") : whole;
    },
  );
}

/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue,
 * replacementAttributeName, template), case-sensitive, in the five modes of the Learn reference.
 * Modes are chosen by which argument slots are filled, most specific first. Assumed: a null
 * source gives null (except in the replacementAttributeName fallback), a regex group that never
 * matches in the fallback gives null, and any other combination of slots fails.
 */
export const replace: FunctionImplementation = (call) => {
  const has = (index: number): boolean => call.has(index);
  const source = toText(call.arg(SOURCE), call);

  if (has(REGEX_PATTERN) && has(REGEX_GROUP_NAME) && has(REPLACEMENT_ATTRIBUTE_NAME)) {
    // "If source has a value, source is returned. If source has no value, the function applies
    // the regexPattern to the replacementAttributeName and returns the value matching regexGroupName."
    if (source !== null && source !== "") return source;
    const fallback = toText(call.arg(REPLACEMENT_ATTRIBUTE_NAME), call);
    if (fallback === null) return null;
    const regex = compile(call, toText(call.arg(REGEX_PATTERN), call) ?? "");
    const group = toText(call.arg(REGEX_GROUP_NAME), call) ?? "";
    for (const match of fallback.matchAll(regex)) {
      const groups = match.groups ?? {};
      if (Object.hasOwn(groups, group) && groups[group] !== undefined) return groups[group];
    }
    return null;
  }

  if (has(REGEX_PATTERN) && has(REGEX_GROUP_NAME) && has(REPLACEMENT_VALUE)) {
    // "applies the regexPattern to the source string and replaces all values matching
    // regexGroupName with replacementValue".
    if (source === null) return null;
    const regex = compile(call, toText(call.arg(REGEX_PATTERN), call) ?? "");
    const group = toText(call.arg(REGEX_GROUP_NAME), call) ?? "";
    const replacement = toText(call.arg(REPLACEMENT_VALUE), call) ?? "";
    let out = "";
    let copied = 0;
    for (const match of source.matchAll(regex)) {
      const spans = match.indices?.groups ?? {};
      const span = Object.hasOwn(spans, group) ? spans[group] : undefined;
      if (span === undefined) continue;
      out += source.slice(copied, span[0]) + expand(replacement, match, source);
      copied = span[1];
    }
    return out + source.slice(copied);
  }

  if (has(REGEX_PATTERN) && has(REPLACEMENT_VALUE)) {
    // "applies the regexPattern to the source string and you can use the regex group names to
    // construct the string for replacementValue".
    if (source === null) return null;
    const regex = compile(call, toText(call.arg(REGEX_PATTERN), call) ?? "");
    const replacement = toText(call.arg(REPLACEMENT_VALUE), call) ?? "";
    let out = "";
    let copied = 0;
    for (const match of source.matchAll(regex)) {
      out += source.slice(copied, match.index) + expand(replacement, match, source);
      copied = match.index + match[0].length;
    }
    return out + source.slice(copied);
  }

  if (has(OLD_VALUE) && has(TEMPLATE)) {
    // "Replaces all occurrences of the oldValue in the template with the source value".
    if (source === null) return null;
    const oldValue = toText(call.arg(OLD_VALUE), call) ?? "";
    const template = toText(call.arg(TEMPLATE), call) ?? "";
    return oldValue === "" ? template : template.replaceAll(oldValue, source);
  }

  if (has(OLD_VALUE) && has(REPLACEMENT_VALUE)) {
    // "Replaces all occurrences of oldValue in the source with replacementValue".
    if (source === null) return null;
    const oldValue = toText(call.arg(OLD_VALUE), call) ?? "";
    const replacement = toText(call.arg(REPLACEMENT_VALUE), call) ?? "";
    return oldValue === "" ? source : source.replaceAll(oldValue, () => replacement);
  }

  return call.fail("Replace: no documented mode matches the arguments given");
};
