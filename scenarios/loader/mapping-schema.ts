import { z } from "zod";
import { isExpressionError } from "../../emulator/entra/expression/expression-error.ts";
import { parseExpression } from "../../emulator/entra/expression/parse-expression.ts";

/** A mapping: exactly one of `source` (Direct), `constant`, `expression` or `none: true`. */
export const mappingSchema = z
  .strictObject({
    target: z.string().min(1),
    source: z.string().min(1).optional(),
    constant: z.string().optional(),
    /** Entra's expression language; it must parse (the error names the character it stopped at). */
    expression: z
      .string()
      .min(1)
      .superRefine((text, context) => {
        try {
          parseExpression(text);
        } catch (error) {
          if (!isExpressionError(error)) throw error;
          context.addIssue({ code: "custom", message: `invalid expression: ${error.format(text)}` });
        }
      })
      .optional(),
    none: z.literal(true).optional(),
    defaultValue: z.string().nullable().default(null),
    apply: z.enum(["always", "onCreate"]).default("always"),
    matchingPriority: z.number().int().min(0).default(0),
  })
  .refine(
    (m) => [m.source, m.constant, m.expression, m.none].filter((value) => value !== undefined).length === 1,
    { message: "a mapping needs exactly one of source (Direct), constant, expression, none" },
  );

/** A Graph user property value as a scenario writes it. */
export const propertyValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);

export type ScenarioMapping = z.output<typeof mappingSchema>;
