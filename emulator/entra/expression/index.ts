export type {
  AttributeExpression,
  CallExpression,
  CompareExpression,
  ComparisonOperator,
  Expression,
  NumberExpression,
  StringExpression,
} from "./expression-ast.ts";
export { COMPARISON_OPERATORS, printExpression } from "./expression-ast.ts";
export type { ExpressionErrorCode } from "./expression-error.ts";
export { EXPRESSION_ERROR_CODES, ExpressionError, isExpressionError } from "./expression-error.ts";
export { MAX_EXPRESSION_LENGTH, parseExpression } from "./parse-expression.ts";
export type { FunctionName, FunctionSignature } from "./functions.ts";
export { FUNCTIONS, findFunction } from "./functions.ts";
export type {
  AppRoleAssignment,
  EvaluationContext,
  EvaluationResult,
  ExpressionValue,
  SourceValue,
} from "./evaluation-context.ts";
export { evaluateExpression } from "./evaluate-expression.ts";
export type { AttributeMappingParameter, AttributeMappingSource } from "./graph-expression.ts";
export { fromMappingSource, toMappingSource } from "./graph-expression.ts";
export { stripPositions } from "./strip-positions.ts";
