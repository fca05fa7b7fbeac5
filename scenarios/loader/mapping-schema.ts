import { z } from "zod";
import { isExpressionError } from "../../emulator/entra/index.ts";
import { parseExpression } from "../../emulator/entra/index.ts";

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
          context.addIssue({
            code: "custom",
            params: { problem: "invalid-expression" },
            message: `invalid expression: ${error.format(text)}`,
          });
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
    {
      message: "a mapping needs exactly one of source (Direct), constant, expression, none",
      params: { problem: "invalid-mapping" },
    },
  );

export type ScenarioMapping = z.output<typeof mappingSchema>;
