import type { FunctionImplementation } from "../function-call.ts";
import type { FunctionName } from "../functions.ts";
import { toInteger, toText } from "../value-coercion.ts";

// Assumed throughout (the docs don't say): a string function whose source is absent returns
// null, so the attribute doesn't flow; Left and Word document "" instead and do that.

/**
 * Default PCase word separators: the Unicode categories .NET's ToTitleCase treats as word
 * boundaries, as listed in the Learn PCase remarks.
 */
const TITLE_CASE_SEPARATOR =
  /[\s\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;

function properCase(source: string, isSeparator: (c: string) => boolean): string {
  let out = "";
  let atWordStart = true;
  for (const c of source) {
    if (isSeparator(c)) {
      out += c;
      atWordStart = true;
    } else {
      out += atWordStart ? c.toUpperCase() : c.toLowerCase();
      atWordStart = false;
    }
  }
  return out;
}

function changeCase(
  call: Parameters<FunctionImplementation>[0],
  upper: boolean,
): ReturnType<FunctionImplementation> {
  const source = toText(call.arg(0), call);
  if (source === null) return null;
  const culture = toText(call.arg(1), call);
  // "If there's no culture info specified, then it uses Invariant culture" (Learn, ToLower).
  if (culture === null || culture === "") return upper ? source.toUpperCase() : source.toLowerCase();
  try {
    return upper ? source.toLocaleUpperCase(culture) : source.toLocaleLowerCase(culture);
  } catch {
    return call.fail(`${call.node.name}: unknown culture ${JSON.stringify(culture)}`);
  }
}

/** String functions of the Learn reference, plus Graph's Prepend. */
export const STRING_FUNCTIONS = {
  // "Takes a source string value and appends the suffix to the end of it" (Learn, Append).
  Append: (call) => {
    const source = toText(call.arg(0), call);
    return source === null ? null : source + (toText(call.arg(1), call) ?? "");
  },
  // Graph-only (S19c: parameters prefix, source); inferred as the mirror of Append.
  Prepend: (call) => {
    const source = toText(call.arg(1), call);
    return source === null ? null : (toText(call.arg(0), call) ?? "") + source;
  },
  CStr: (call) => toText(call.arg(0), call),
  // Learn, InStr: 1-based position of the first occurrence; VBA returns 0 when not found (assumed).
  InStr: (call) => {
    const haystack = toText(call.arg(0), call);
    const needle = toText(call.arg(1), call);
    if (haystack === null || needle === null) return null;
    const start = call.has(2) ? toInteger(call.arg(2), call, "start") : 1;
    if (start < 1) return call.fail(`InStr: start must be 1 or more, got ${start}`);
    const compare = call.has(3) ? toText(call.arg(3), call) : "vbBinaryCompare";
    const textCompare = compare === "vbTextCompare" || compare === "1";
    if (!textCompare && compare !== "vbBinaryCompare" && compare !== "0") {
      return call.fail(
        `InStr: compareType must be vbBinaryCompare or vbTextCompare, got ${JSON.stringify(compare)}`,
      );
    }
    const index = textCompare
      ? haystack.toLowerCase().indexOf(needle.toLowerCase(), start - 1)
      : haystack.indexOf(needle, start - 1);
    return index + 1;
  },
  // Learn, Left: 0 → "", < 0 → the input, null → "", short strings whole.
  Left: (call) => {
    const source = toText(call.arg(0), call);
    if (source === null) return "";
    const count = toInteger(call.arg(1), call, "NumChars");
    return count < 0 ? source : source.slice(0, count);
  },
  // Learn, Mid: 1-based start; a length past the end stops at the end. Assumed: start < 1 or a
  // negative length fail, as .NET Substring would.
  Mid: (call) => {
    const source = toText(call.arg(0), call);
    if (source === null) return null;
    const start = toInteger(call.arg(1), call, "start");
    const length = toInteger(call.arg(2), call, "length");
    if (start < 1 || length < 0) return call.fail(`Mid: start must be 1 or more and length 0 or more`);
    return source.slice(start - 1, start - 1 + length);
  },
  // Learn, PCase: first character of each word upper case, the rest lower case; wordSeparators
  // replaces the default ToTitleCase separator categories.
  PCase: (call) => {
    const source = toText(call.arg(0), call);
    if (source === null) return null;
    const separators = call.has(1) ? toText(call.arg(1), call) : null;
    return properCase(
      source,
      separators === null ? (c) => TITLE_CASE_SEPARATOR.test(c) : (c) => separators.includes(c),
    );
  },
  // "Removes all space (" ") characters from the source string" (Learn, StripSpaces).
  StripSpaces: (call) => {
    const source = toText(call.arg(0), call);
    return source === null ? null : source.replaceAll(" ", "");
  },
  ToLower: (call) => changeCase(call, false),
  ToUpper: (call) => changeCase(call, true),
  // Learn, Word: words are runs between any of the delimiter characters; number < 1, a null
  // string or too few words give "". Assumed: adjacent delimiters don't make empty words.
  Word: (call) => {
    const source = toText(call.arg(0), call);
    const number = toInteger(call.arg(1), call, "WordNumber");
    const delimiters = toText(call.arg(2), call) ?? "";
    if (source === null || number < 1) return "";
    const words: string[] = [];
    let current = "";
    for (const c of source) {
      if (delimiters.includes(c)) {
        if (current !== "") words.push(current);
        current = "";
      } else {
        current += c;
      }
    }
    if (current !== "") words.push(current);
    return words[number - 1] ?? "";
  },
} satisfies Partial<Record<FunctionName, FunctionImplementation>>;
