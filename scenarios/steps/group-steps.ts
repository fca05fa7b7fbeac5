import { requireGroup, requireUser } from "./resolve-names.ts";
import { defineStep, DONE, type StepOutcome } from "./step-handler.ts";

/** `createGroup: {displayName, members, assigned}`: a new group, assigned to the app unless told not. */
export const createGroupStep = defineStep<"createGroup", StepOutcome>({
  role: "action",
  check: (input, scope) => {
    input.members.forEach((member, index) => scope.user(member, ["members", index]));
    scope.createsGroup(input.displayName, ["displayName"]);
  },
  run: (input, { world }) => {
    const group = world.tenant.directory.createGroup({
      displayName: input.displayName,
      members: input.members.map((member) => requireUser(world, member)),
    });
    if (input.assigned) world.tenant.assign(world.app, group.id);
    return Promise.resolve(DONE);
  },
  print: (input) => [`create group ${input.displayName}${input.assigned ? " (assigned)" : ""}`],
});

/** `updateGroup: {group, displayName}`: renames a group; later steps may name it by its new name. */
export const updateGroupStep = defineStep<"updateGroup", StepOutcome>({
  role: "action",
  check: (input, scope) => {
    scope.group(input.group, ["group"]);
    scope.namesGroup(input.displayName);
  },
  run: (input, { world }) => {
    world.tenant.directory.updateGroup(requireGroup(world, input.group), { displayName: input.displayName });
    return Promise.resolve(DONE);
  },
  print: (input) => [`rename group ${input.group} to ${input.displayName}`],
});

/** `addMember: {group, user}`. */
export const addMemberStep = defineStep<"addMember", StepOutcome>({
  role: "action",
  check: (change, scope) => {
    scope.group(change.group, ["group"]);
    scope.user(change.user, ["user"]);
  },
  run: (change, { world }) => {
    world.tenant.directory.addMember(requireGroup(world, change.group), requireUser(world, change.user));
    return Promise.resolve(DONE);
  },
  print: (change) => [`add member ${change.user} to ${change.group}`],
});

/** `removeMember: {group, user}`. */
export const removeMemberStep = defineStep<"removeMember", StepOutcome>({
  role: "action",
  check: (change, scope) => {
    scope.group(change.group, ["group"]);
    scope.user(change.user, ["user"]);
  },
  run: (change, { world }) => {
    world.tenant.directory.removeMember(requireGroup(world, change.group), requireUser(world, change.user));
    return Promise.resolve(DONE);
  },
  print: (change) => [`remove member ${change.user} from ${change.group}`],
});
