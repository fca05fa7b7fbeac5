import type { FunctionCall, FunctionImplementation } from "../function-call.ts";
import type { FunctionName } from "../functions.ts";

/**
 * The values of the user's app roles: from the context when given, else from the argument
 * (normally [appRoleAssignments]) read as role values.
 */
function roleValues(call: FunctionCall): string[] {
  const assignments = call.context.appRoleAssignments;
  if (assignments !== undefined) return assignments.map((assignment) => assignment.value);
  const value = call.arg(0);
  if (value === null) return [];
  return Array.isArray(value) ? value : [String(value)];
}

/**
 * App-role and tenant functions. They return role values only; the SCIM layer builds the
 * `roles` objects and, from the function name, chooses PATCH "Add" (AppRoleAssignmentsComplex)
 * or "replace" (AssertiveAppRoleAssignmentsComplex) (Learn, customize attribute mappings).
 */
export const DIRECTORY_FUNCTIONS = {
  AppRoleAssignmentsComplex: (call) => roleValues(call),
  AssertiveAppRoleAssignmentsComplex: (call) => roleValues(call),
  // Graph-only (S19c); inferred to list the role values like AppRoleAssignmentsComplex.
  AppRoleAssignments: (call) => roleValues(call),
  // "Returns a single appRoleAssignment … We can't guarantee which role will be provisioned";
  // here the first one.
  SingleAppRoleAssignment: (call) => roleValues(call)[0] ?? null,
  // Graph-only (S19c, no parameters); inferred to be the tenant's default domain.
  DefaultDomain: (call) => call.context.defaultDomain ?? null,
} satisfies Partial<Record<FunctionName, FunctionImplementation>>;
