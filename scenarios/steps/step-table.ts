import { assignStep, setIamStep, setMappingStep, setQuirkStep, unassignStep } from "./app-steps.ts";
import {
  deleteUserStep,
  purgeUserStep,
  restoreUserStep,
  setAccountEnabledStep,
  updateUserStep,
} from "./directory-steps.ts";
import { expectStep } from "./expect-step.ts";
import { addMemberStep, createGroupStep, removeMemberStep, updateGroupStep } from "./group-steps.ts";
import {
  cycleStep,
  provisionGroupStep,
  provisionStep,
  restartStep,
  testConnectionStep,
} from "./provisioning-steps.ts";
import type { StepEntry } from "./step-handler.ts";
import type { ScenarioStep, StepArgument, StepKind } from "./step-schemas.ts";

/**
 * Every step kind's handler: its reference check (read by the loader), how it runs and how it
 * prints (read by the runner). Keyed by the kinds of STEP_SCHEMAS, so a kind without a handler
 * does not compile.
 */
export const STEP_TABLE: { readonly [K in StepKind]: StepEntry<K> } = {
  provision: provisionStep,
  cycle: cycleStep,
  updateUser: updateUserStep,
  assign: assignStep,
  unassign: unassignStep,
  deleteUser: deleteUserStep,
  restoreUser: restoreUserStep,
  purgeUser: purgeUserStep,
  setMapping: setMappingStep,
  setIam: setIamStep,
  testConnection: testConnectionStep,
  provisionGroup: provisionGroupStep,
  restart: restartStep,
  setAccountEnabled: setAccountEnabledStep,
  createGroup: createGroupStep,
  updateGroup: updateGroupStep,
  addMember: addMemberStep,
  removeMember: removeMemberStep,
  setQuirk: setQuirkStep,
  expect: expectStep,
};

/** A step's kind: its one key. */
export function stepKind(step: ScenarioStep): StepKind {
  return Object.keys(step)[0] as StepKind;
}

/** The argument of a step of the given kind. */
export function stepArgument<K extends StepKind>(step: ScenarioStep, kind: K): StepArgument<K> {
  return (step as unknown as Record<K, StepArgument<K>>)[kind];
}
