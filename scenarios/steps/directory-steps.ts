import { requireUser } from "./resolve-names.ts";
import { defineStep, DONE, type StepOutcome } from "./step-handler.ts";

/** `updateUser: {user, set}`: changes Graph properties of a user (null clears one). */
export const updateUserStep = defineStep<"updateUser", StepOutcome>({
  role: "action",
  check: (argument, scope) => scope.user(argument.user, ["user"]),
  run: ({ user, set }, { world }) => {
    world.tenant.directory.updateUser(requireUser(world, user), set);
    return Promise.resolve(DONE);
  },
  print: ({ user, set }) => [`update ${user}: ${JSON.stringify(set)}`],
});

/** `setAccountEnabled: {user, enabled}`: blocks or unblocks sign-in. */
export const setAccountEnabledStep = defineStep<"setAccountEnabled", StepOutcome>({
  role: "action",
  check: (argument, scope) => scope.user(argument.user, ["user"]),
  run: ({ user, enabled }, { world }) => {
    world.tenant.directory.updateUser(requireUser(world, user), { accountEnabled: enabled });
    return Promise.resolve(DONE);
  },
  print: ({ user, enabled }) => [`set accountEnabled of ${user} to ${String(enabled)}`],
});

/** `deleteUser: <user>`: soft delete (to the recycle bin). */
export const deleteUserStep = defineStep<"deleteUser", StepOutcome>({
  role: "action",
  check: (user, scope) => scope.user(user, []),
  run: (user, { world }) => {
    world.tenant.directory.softDeleteUser(user);
    return Promise.resolve(DONE);
  },
  print: (user) => [`soft-delete ${user}`],
});

/** `restoreUser: <user>`: restore from the recycle bin. */
export const restoreUserStep = defineStep<"restoreUser", StepOutcome>({
  role: "action",
  check: (user, scope) => scope.user(user, []),
  run: (user, { world }) => {
    world.tenant.directory.restore(requireUser(world, user));
    return Promise.resolve(DONE);
  },
  print: (user) => [`restore ${user}`],
});

/** `purgeUser: <user>`: delete for good from the recycle bin; the next cycle sends a hard delete. */
export const purgeUserStep = defineStep<"purgeUser", StepOutcome>({
  role: "action",
  check: (user, scope) => scope.user(user, []),
  run: (user, { world }) => {
    world.tenant.directory.purge(requireUser(world, user));
    return Promise.resolve(DONE);
  },
  print: (user) => [`purge ${user}`],
});
