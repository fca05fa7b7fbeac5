import { Directory } from "../../emulator/entra/index.ts";
import { EntraError } from "../../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import type { ArgumentPath, ReferenceScope } from "../steps/step-handler.ts";
import type { StepKind } from "../steps/step-schemas.ts";
import { STEP_TABLE, stepArgument, stepKind } from "../steps/step-table.ts";
import { graphUser } from "../world/scenario-mapping.ts";
import type { Unlocated } from "./explain-issue.ts";
import type { ProblemCode } from "./scenario-error.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { Scenario } from "./scenario-schema.ts";

export type { Unlocated } from "./explain-issue.ts";

/**
 * What the reference check reads: the parts of a scenario that passed validation. An entry that did
 * not is `undefined`, so the names of the valid ones are still checked in the same pass.
 */
export type ReferenceInput = {
  seed: number;
  entra: {
    users: readonly (Scenario["entra"]["users"][number] | undefined)[];
    groups: readonly (Scenario["entra"]["groups"][number] | undefined)[];
  };
  immuta: { iams: readonly (Scenario["immuta"]["iams"][number] | undefined)[] };
  steps: readonly (Scenario["steps"][number] | undefined)[];
};

type Path = (string | number)[];

/** The names known so far (lower case) and the problems found. */
type Names = { users: Set<string>; groups: Set<string>; problems: Unlocated[] };

/**
 * Every user and group a scenario names must exist by then: in `entra.users` / `entra.groups`
 * (by userPrincipalName, case-insensitive, or id) or made by an earlier `createGroup` step. Each
 * step's names are checked by its kind's entry in the step table.
 */
export function checkReferences(scenario: ReferenceInput): Unlocated[] {
  const names = declaredNames(scenario);
  checkGraphUsers(scenario, names.problems);
  const iams = new Set<string>();
  scenario.immuta.iams.forEach((iam, index) => {
    if (iam) unique(names, iams, { name: iam.id, what: "IAM id", path: ["immuta", "iams", index, "id"] });
  });
  const scope = scopeOf(names);
  scenario.entra.users.forEach((entry, index) => {
    if (entry?.manager !== undefined) scope.user(entry.manager, ["entra", "users", index, "manager"]);
  });
  scenario.entra.groups.forEach((entry, index) =>
    entry?.members.forEach((member, at) => scope.user(member, ["entra", "groups", index, "members", at])),
  );
  scenario.steps.forEach((step, index) => {
    if (!step) return;
    const kind = stepKind(step);
    checkStep(kind, stepArgument(step, kind), relativeTo(scope, ["steps", index, kind]));
  });
  return names.problems;
}

function checkStep<K extends StepKind>(
  kind: K,
  argument: Parameters<(typeof STEP_TABLE)[K]["check"]>[0],
  scope: ReferenceScope,
): void {
  STEP_TABLE[kind].check(argument, scope);
}

/** Graph refuses a second userPrincipalName (case-insensitive) and a second object id. */
function declaredNames(scenario: ReferenceInput): Names {
  const names: Names = { users: new Set(), groups: new Set(), problems: [] };
  const ids = new Set<string>();
  scenario.entra.users.forEach((user, index) => {
    if (!user) return;
    const path = ["entra", "users", index];
    unique(names, names.users, {
      name: user.userPrincipalName,
      what: "userPrincipalName",
      path: [...path, "userPrincipalName"],
    });
    if (user.id) unique(names, ids, { name: user.id, what: "object id", path: [...path, "id"] });
  });
  for (const id of ids) names.users.add(id);
  scenario.entra.groups.forEach((group, index) => {
    if (!group) return;
    const path = ["entra", "groups", index];
    unique(names, names.groups, {
      name: group.displayName,
      what: "group displayName",
      path: [...path, "displayName"],
    });
    if (group.id) unique(names, ids, { name: group.id, what: "object id", path: [...path, "id"] });
  });
  for (const group of scenario.entra.groups) if (group?.id) names.groups.add(group.id.toLowerCase());
  return names;
}

/** Each user as Graph would take it (known properties, types, directory extension names). */
function checkGraphUsers(scenario: ReferenceInput, problems: Unlocated[]): void {
  const directory = new Directory(createDeterministicRuntime(scenario.seed));
  const seen = new Set<string>();
  scenario.entra.users.forEach((entry, index) => {
    // A second userPrincipalName is reported once, at the name, by declaredNames.
    if (!entry || seen.has(entry.userPrincipalName.toLowerCase())) return;
    seen.add(entry.userPrincipalName.toLowerCase());
    try {
      directory.createUser(...graphUser(entry));
    } catch (error) {
      if (!(error instanceof EntraError)) throw error;
      problems.push({
        code: "graph-refuses",
        path: ["entra", "users", index],
        message: `Graph refuses this user: ${error.message}`,
      });
    }
  });
}

function unique(names: Names, seen: Set<string>, entry: { name: string; what: string; path: Path }): void {
  if (seen.has(entry.name.toLowerCase()))
    names.problems.push({
      code: "duplicate-name",
      path: entry.path,
      message: `${entry.what} '${entry.name}' is used twice`,
    });
  seen.add(entry.name.toLowerCase());
}

function scopeOf(names: Names): ReferenceScope {
  const problem = (code: ProblemCode, path: Path, message: string) =>
    names.problems.push({ code, path, message });
  return {
    user: (name, path) => {
      if (!names.users.has(name.toLowerCase()))
        problem(
          "unknown-user",
          path,
          `no user '${name}' in entra.users (by userPrincipalName or id)${didYouMean(name, names.users)}`,
        );
    },
    group: (name, path) => {
      if (!names.groups.has(name.toLowerCase()))
        problem(
          "unknown-group",
          path,
          `no group '${name}' in entra.groups or an earlier createGroup step${didYouMean(name, names.groups)}`,
        );
    },
    principal: (name, path) => {
      if (!names.users.has(name.toLowerCase()) && !names.groups.has(name.toLowerCase()))
        problem(
          "unknown-principal",
          path,
          `no user or group '${name}' in the scenario${didYouMean(name, [...names.users, ...names.groups])}`,
        );
    },
    createsGroup: (name, path) => unique(names, names.groups, { name, what: "group displayName", path }),
    namesGroup: (name) => names.groups.add(name.toLowerCase()),
  };
}

/** The scope with paths relative to a step's argument. */
function relativeTo(scope: ReferenceScope, prefix: Path): ReferenceScope {
  const at = (path: ArgumentPath) => [...prefix, ...path];
  return {
    user: (name, path) => scope.user(name, at(path)),
    group: (name, path) => scope.group(name, at(path)),
    principal: (name, path) => scope.principal(name, at(path)),
    createsGroup: (name, path) => scope.createsGroup(name, at(path)),
    namesGroup: scope.namesGroup,
  };
}
