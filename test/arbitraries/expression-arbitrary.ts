import fc from "fast-check";
import type { Arbitrary } from "fast-check";
import {
  COMPARISON_OPERATORS,
  FUNCTIONS,
  type CallExpression,
  type Expression,
  type FunctionSignature,
} from "../../emulator/entra/index.ts";

/** Options of {@link expressionArbitrary}. */
export type ExpressionArbitraryOptions = {
  /** Allow empty argument slots (default true). */
  emptySlots?: boolean;
  /** Nesting depth of calls (default 3). */
  maxDepth?: number;
};

const NESTABLE = FUNCTIONS.filter((signature) => !("topLevelOnly" in signature));
const TOP_LEVEL_ONLY = FUNCTIONS.filter((signature) => "topLevelOnly" in signature);

// Attribute names are anything but "]" and line breaks, not blank (the parser's rule).
const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/),
  fc
    .string({ minLength: 1, maxLength: 12, unit: "grapheme" })
    .filter((s) => !/[\]\n]/.test(s) && s.trim() !== ""),
);

// Numbers as the parser reads them: decimal (-?digits[.digits]) or VBA hex (&Hxx).
const number: Arbitrary<Expression> = fc
  .oneof(
    fc.stringMatching(/^-?\d{1,9}(\.\d{1,4})?$/).map((raw) => ({ raw, value: Number(raw) })),
    fc
      .stringMatching(/^&[Hh][0-9A-Fa-f]{1,8}$/)
      .map((raw) => ({ raw, value: Number.parseInt(raw.slice(2), 16) })),
  )
  .map(({ raw, value }) => ({ kind: "number", value, raw, start: 0, end: 0 }));

const leaf: Arbitrary<Expression> = fc.oneof(
  attributeName.map((name): Expression => ({ kind: "attribute", name, start: 0, end: 0 })),
  fc
    .string({ maxLength: 16, unit: "grapheme" })
    .map((value): Expression => ({ kind: "string", value, start: 0, end: 0 })),
  number,
);

/** Argument counts a signature accepts, capped a few past its minimum. */
function argumentCount(signature: FunctionSignature): Arbitrary<number> {
  const max = Math.min(signature.maxArgs, signature.minArgs + 3);
  return fc
    .integer({ min: signature.minArgs, max })
    .map((count) => (signature.evenArgs && count % 2 !== 0 ? count - 1 : count))
    .filter((count) => count >= signature.minArgs);
}

function call(
  signatures: readonly FunctionSignature[],
  argument: Arbitrary<Expression>,
  operand: Arbitrary<Expression>,
  emptySlots: boolean,
): Arbitrary<Expression> {
  return fc.constantFrom(...signatures).chain((signature) =>
    argumentCount(signature).chain((count) => {
      const slots = Array.from({ length: count }, (_, index) => {
        const value =
          index === 0 && signature.conditionFirst
            ? fc.oneof(
                operand,
                fc
                  .record({ op: fc.constantFrom(...COMPARISON_OPERATORS), left: operand, right: operand })
                  .map(({ op, left, right }): Expression => ({
                    kind: "compare",
                    op,
                    left,
                    right,
                    start: 0,
                    end: 0,
                  })),
              )
            : argument;
        // A lone empty slot has no text of its own (`F()` is zero arguments), so never generate one.
        return emptySlots && count > 1 ? fc.option(value, { freq: 4 }) : value;
      });
      return fc
        .tuple(...slots)
        .map((args): CallExpression => ({ kind: "call", name: signature.name, args, start: 0, end: 0 }));
    }),
  );
}

/**
 * Arbitrary well-formed expressions (positions all 0): attributes, strings with any characters,
 * decimal and hex numbers, calls of every known function with valid argument counts, empty
 * slots, and comparisons as the first argument of IIF and CBool. SelectUniqueValue appears only
 * at the top, as the Learn reference requires.
 */
export function expressionArbitrary(options: ExpressionArbitraryOptions = {}): Arbitrary<Expression> {
  const emptySlots = options.emptySlots ?? true;
  const maxDepth = options.maxDepth ?? 3;
  let nested: Arbitrary<Expression> = leaf;
  for (let depth = 0; depth < maxDepth; depth += 1) {
    nested = fc.oneof(
      { weight: 2, arbitrary: leaf },
      { weight: 3, arbitrary: call(NESTABLE, nested, nested, emptySlots) },
    );
  }
  return fc.oneof(
    { weight: 9, arbitrary: nested },
    { weight: 1, arbitrary: call(TOP_LEVEL_ONLY, nested, nested, emptySlots) },
  );
}
