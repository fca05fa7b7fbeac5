import { FUNCTIONS, type FunctionName, type FunctionSignature } from "./function-signatures.ts";

export { FUNCTIONS, type FunctionName, type FunctionSignature } from "./function-signatures.ts";

const BY_NAME: ReadonlyMap<string, FunctionSignature & { name: FunctionName }> = new Map(
  FUNCTIONS.map((signature) => [signature.name, signature]),
);
const BY_LOWER_NAME: ReadonlyMap<string, FunctionName> = new Map(
  FUNCTIONS.map((signature) => [signature.name.toLowerCase(), signature.name]),
);

/** The signature of a function by its exact, case-sensitive name. */
export function findFunction(name: string): (FunctionSignature & { name: FunctionName }) | undefined {
  return BY_NAME.get(name);
}

/** The known function spelled like `name` ignoring case, for "did you mean" hints. */
export function suggestFunction(name: string): FunctionName | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/** The Graph parameter key of each argument slot of a call with `argCount` slots. */
export function parameterKeysFor(signature: FunctionSignature, argCount: number): string[] {
  const keys =
    signature.shortForm && signature.shortForm.argCount === argCount
      ? signature.shortForm.parameterKeys
      : signature.parameterKeys;
  return Array.from({ length: argCount }, (_, index) => keys[Math.min(index, keys.length - 1)] ?? "value");
}

/** Why `argCount` slots don't fit the signature, or undefined when they do. */
export function checkArgumentCount(signature: FunctionSignature, argCount: number): string | undefined {
  const { name, minArgs, maxArgs } = signature;
  if (argCount < minArgs || argCount > maxArgs) {
    const expected =
      minArgs === maxArgs
        ? `${minArgs}`
        : maxArgs === Infinity
          ? `at least ${minArgs}`
          : `${minArgs} to ${maxArgs}`;
    return `${name} takes ${expected} argument${maxArgs === 1 && minArgs === 1 ? "" : "s"}, got ${argCount}`;
  }
  if (signature.evenArgs && argCount % 2 !== 0) {
    return `${name} expects an even number of arguments (key/value pairs), got ${argCount}`;
  }
  return undefined;
}
