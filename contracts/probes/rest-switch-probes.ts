/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   answers are untyped JSON from the endpoint under test, read defensively */
import { cannotTell, type SwitchProbe } from "./probe-types.ts";
import { failureOf } from "./probe-session.ts";
import { createAndProject, iamAttributes, noProjection, reproject } from "./projection-helpers.ts";

/** deleteUser: after a SCIM DELETE, is the Immuta user still there (disabled) or gone? */
export const deleteUserProbe: SwitchProbe = {
  needs: "api",
  sends: "POST /Users, DELETE /Users/{id}, GET /bim/iam/{iam}/user/{userid}",
  async run(session) {
    const user = await createAndProject(session, "delete", {});
    if (!user.ok) return user.failure;
    const deleted = await session.scim("DELETE", `/Users/${String(user.scim.id)}`);
    if (deleted.status !== 204 && deleted.status !== 200) return failureOf(deleted, "DELETE /Users/{id}");
    const read = await session.bimUser(String(user.scim.userName));
    if (read.ok && read.user?.disabled === true)
      return { kind: "position", value: "deactivate", observed: "the Immuta user stays, disabled" };
    if (!read.ok && read.status === 404)
      return { kind: "position", value: "delete", observed: "the Immuta user is gone (404)" };
    return read.ok ? { kind: "none", observed: "the Immuta user stays enabled" } : read.failure;
  },
};

/** bimRemoveIamValue: may Immuta's REST API remove a value the IAM supplies? */
export const bimRemoveIamValueProbe: SwitchProbe = {
  needs: "api",
  sends:
    'POST /Users with {<schema>: {probeowned: "v"}}, DELETE /bim/iam/{iam}/user/{userid}/authorizations/<prefix>.probeowned/v, GET /bim/iam/{iam}/user/{userid}',
  async run(session) {
    const user = await createAndProject(session, "bim-remove", { [session.schema]: { probeowned: "v" } });
    if (!user.ok) return user.failure;
    const key = session.key("probeowned");
    if (!iamAttributes(user.immuta)[key])
      return noProjection(session, "probeowned", iamAttributes(user.immuta));
    const removed = await session.bim("DELETE", String(user.scim.userName), key, "v");
    if (removed.status === 409) return { kind: "position", value: "reject", observed: "409" };
    if (removed.status !== 200 && removed.status !== 204)
      return failureOf(removed, "DELETE …/authorizations/{key}/{value}");
    const after = iamAttributes(await reproject(session, user.scim));
    return after[key]?.includes("v")
      ? { kind: "position", value: "bim-only", observed: `${removed.status}; the IAM value stays` }
      : { kind: "none", observed: `${removed.status}; the IAM value is gone` };
  },
};

/** keyOnlyAuthorization: what does `PUT …/authorizations/{key}` without a value do? */
export const keyOnlyAuthorizationProbe: SwitchProbe = {
  needs: "api",
  sends:
    "POST /Users, PUT /bim/iam/{iam}/user/{userid}/authorizations/<run prefix>keyonly, DELETE of that key afterwards",
  async run(session) {
    const user = await createAndProject(session, "key-only", {});
    if (!user.ok) return user.failure;
    const key = `${session.target.runPrefix}keyonly`;
    const put = await session.bim("PUT", String(user.scim.userName), key);
    if (put.status === 400) return { kind: "position", value: "reject", observed: "400" };
    if (put.status !== 200 && put.status !== 204) return failureOf(put, "PUT …/authorizations/{key}");
    const after = await reproject(session, user.scim);
    const values: unknown = after?.bimAuthorizations?.[key];
    if (Array.isArray(values) && values.length === 0)
      return { kind: "position", value: "empty-key", observed: `${put.status}; the key holds no values` };
    return after
      ? {
          kind: "none",
          observed: `${put.status}; bimAuthorizations ${JSON.stringify(after.bimAuthorizations)}`,
        }
      : cannotTell("unexpected-answer", "the user could not be read back");
  },
};
