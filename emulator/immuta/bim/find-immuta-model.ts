import type { ImmutaGroup } from "../model/group-store.ts";
import { ImmutaApiError } from "../immuta-api-error.ts";
import type { Iam, ImmutaState } from "../model/immuta-state.ts";
import type { ImmutaUser } from "../model/user-store.ts";

/** An IAM by id, or 404. */
export function findIam(state: ImmutaState, iamid: string): Iam {
  const iam = state.iam(iamid);
  if (!iam) throw new ImmutaApiError(404, `IAM '${iamid}' not found`);
  return iam;
}

/**
 * A user by Immuta userid (the SCIM userName, case-insensitive) or numeric id; real scripts use
 * both (the public script github.com/aakashdevaraj7/Immuta-Saas-Dev-API uses the numeric id). The
 * userName wins when a userName is all digits.
 */
export function findUser(state: ImmutaState, iamid: string, userid: string): { iam: Iam; user: ImmutaUser } {
  const iam = findIam(state, iamid);
  const user =
    iam.users.getByUserName(userid) ??
    (/^\d{1,15}$/.test(userid)
      ? [...iam.users.all()].find((candidate) => candidate.immutaId === Number(userid))
      : undefined);
  if (!user) throw new ImmutaApiError(404, `user '${userid}' not found in IAM '${iamid}'`);
  return { iam, user };
}

/** A group by numeric Immuta id, in any IAM. */
export function findGroupById(state: ImmutaState, groupId: string): { iam: Iam; group: ImmutaGroup } {
  if (/^\d{1,15}$/.test(groupId)) {
    for (const iam of state.iams()) {
      for (const group of iam.groups.all()) {
        if (group.immutaId === Number(groupId)) return { iam, group };
      }
    }
  }
  throw new ImmutaApiError(404, `group '${groupId}' not found`);
}

/** A group of one IAM by numeric Immuta id or by name (case-insensitive). */
export function findGroup(
  state: ImmutaState,
  iamid: string,
  groupId: string,
): { iam: Iam; group: ImmutaGroup } {
  const iam = findIam(state, iamid);
  const group =
    iam.groups.getByDisplayName(groupId) ??
    (/^\d{1,15}$/.test(groupId)
      ? [...iam.groups.all()].find((candidate) => candidate.immutaId === Number(groupId))
      : undefined);
  if (!group) throw new ImmutaApiError(404, `group '${groupId}' not found in IAM '${iamid}'`);
  return { iam, group };
}

/** The groups of the user's IAM that list the user as a member. */
export function groupsOf(iam: Iam, user: ImmutaUser): ImmutaGroup[] {
  return [...iam.groups.all()].filter((group) => group.members.has(user.scimId));
}
