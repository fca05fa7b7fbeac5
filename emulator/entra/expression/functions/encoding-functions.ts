import { Buffer } from "node:buffer";
import type { FunctionImplementation } from "../function-call.ts";
import type { FunctionName } from "../functions.ts";
import { toText } from "../value-coercion.ts";
import { normalizeDiacritics } from "./normalize-diacritics.ts";

/** Encoding and character-normalisation functions of the Learn reference. */
export const ENCODING_FUNCTIONS = {
  // "converts a string to a Unicode base64 string": .NET "Unicode" is UTF-16LE; the Learn example
  // "Hello world!" → "SABlAGwAbABvACAAdwBvAHIAbABkACEA" confirms it.
  ConvertToBase64: (call) => {
    const source = toText(call.arg(0), call);
    return source === null ? null : Buffer.from(source, "utf16le").toString("base64");
  },
  // Learn example: "Hello world!" → 48656C6C6F20776F726C6421 (upper-case hex of the UTF-8 bytes).
  ConvertToUTF8Hex: (call) => {
    const source = toText(call.arg(0), call);
    return source === null ? null : Buffer.from(source, "utf8").toString("hex").toUpperCase();
  },
  NormalizeDiacritics: (call) => {
    const source = toText(call.arg(0), call);
    return source === null ? null : normalizeDiacritics(source);
  },
} satisfies Partial<Record<FunctionName, FunctionImplementation>>;
