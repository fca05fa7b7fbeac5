/**
 * Stable codes of every expression problem, at parse time and at evaluation time.
 * Tests assert on these, never on messages.
 */
export const EXPRESSION_ERROR_CODES = [
  "too-long",
  "unexpected-end",
  "unexpected-character",
  "unterminated-string",
  "unterminated-attribute",
  "empty-attribute-name",
  "unknown-identifier",
  "unknown-function",
  "wrong-argument-count",
  "misplaced-comparison",
  "not-top-level",
  "invalid-mapping-source",
  "evaluation-failed",
] as const;

/** One of {@link EXPRESSION_ERROR_CODES}. */
export type ExpressionErrorCode = (typeof EXPRESSION_ERROR_CODES)[number];

/**
 * The one error of the expression language. `position` is a 0-based index into the expression
 * text (for evaluation errors: the start of the failing call).
 */
export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  readonly position: number;
  readonly detail: string;

  constructor(code: ExpressionErrorCode, position: number, detail: string) {
    super(`${detail} (at position ${position})`);
    this.name = "ExpressionError";
    this.code = code;
    this.position = position;
    this.detail = detail;
  }

  /** The message, the line of `text` holding the position, and a caret under the character. */
  format(text: string): string {
    const lineStart = text.lastIndexOf("\n", this.position - 1) + 1;
    const lineEnd = text.indexOf("\n", this.position);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    const column = Math.max(0, this.position - lineStart);
    return `${this.message}\n${line}\n${" ".repeat(column)}^`;
  }
}

/** True when the value is an ExpressionError. */
export function isExpressionError(value: unknown): value is ExpressionError {
  return value instanceof ExpressionError;
}
