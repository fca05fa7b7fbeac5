/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   answers are untyped JSON from the endpoint under test, read defensively */
import type { BehaviourObservation, BehaviourProbe } from "./probe-types.ts";
import type { ProbeSession } from "./probe-session.ts";
import { failureOf } from "./probe-session.ts";
import { createAndProject, iamAttributes, keysText, reproject } from "./projection-helpers.ts";

/** A user with `{probe: before}` under the row's extension, PATCHed, then its IAM attribute `probe`. */
async function afterPatch(
  session: ProbeSession,
  label: string,
  operation: Record<string, unknown>,
): Promise<
  | { ok: true; values: string[] | undefined; all: Record<string, string[]> }
  | { ok: false; observation: BehaviourObservation }
> {
  const user = await createAndProject(session, label, { [session.schema]: { probe: "before" } });
  if (!user.ok) return { ok: false, observation: user.failure };
  const patched = await session.patch(`/Users/${String(user.scim.id)}`, [
    { path: `${session.schema}:probe`, ...operation },
  ]);
  if (patched.status !== 200) return { ok: false, observation: failureOf(patched, "PATCH /Users/{id}") };
  const all = iamAttributes(await reproject(session, user.scim));
  return { ok: true, values: all[session.key("probe")], all };
}

const judged = (holds: boolean, observed: string): BehaviourObservation =>
  holds ? { kind: "as-modelled", observed } : { kind: "otherwise", observed };

/** The projection behaviours the fake models without a switch (read back over /bim). */
export const PROJECTION_BEHAVIOUR_PROBES: BehaviourProbe[] = [
  {
    name: "attributeKeyShape",
    modelled: "an extension attribute becomes <prefix>.<name> with its value as a one-string list",
    needs: "api",
    sends: 'POST /Users with {<schema>: {probeshape: "v"}}, GET /bim/iam/{iam}/user/{userid}',
    async run(session) {
      const user = await createAndProject(session, "shape", { [session.schema]: { probeshape: "v" } });
      if (!user.ok) return user.failure;
      const attributes = iamAttributes(user.immuta);
      return judged(JSON.stringify(attributes[session.key("probeshape")]) === '["v"]', keysText(attributes));
    },
  },
  {
    name: "multiValuedAttribute",
    modelled: "a multi-valued attribute [{value: a}, {value: b}] gives the values a and b",
    needs: "api",
    sends:
      'POST /Users with {<schema>: {probetags: [{value: "a"}, {value: "b"}]}}, GET /bim/iam/{iam}/user/{userid}',
    async run(session) {
      const user = await createAndProject(session, "multi-valued", {
        [session.schema]: { probetags: [{ value: "a" }, { value: "b" }] },
      });
      if (!user.ok) return user.failure;
      const values = iamAttributes(user.immuta)[session.key("probetags")];
      return judged(
        [...(values ?? [])].sort().join(",") === "a,b",
        `values ${JSON.stringify(values ?? null)}`,
      );
    },
  },
  {
    name: "replaceOverwrites",
    modelled: "replace of an attribute overwrites the key's values",
    needs: "api",
    sends: 'POST /Users with {<schema>: {probe: "before"}}, PATCH replace <schema>:probe "after", GET /bim/…',
    async run(session) {
      const result = await afterPatch(session, "replace", { op: "replace", value: "after" });
      if (!result.ok) return result.observation;
      return judged(
        JSON.stringify(result.values) === '["after"]',
        `values ${JSON.stringify(result.values ?? null)}`,
      );
    },
  },
  {
    name: "removeDeletesKey",
    modelled: "remove of an attribute deletes the key",
    needs: "api",
    sends: 'POST /Users with {<schema>: {probe: "before"}}, PATCH remove <schema>:probe, GET /bim/…',
    async run(session) {
      const result = await afterPatch(session, "remove", { op: "remove" });
      if (!result.ok) return result.observation;
      return judged(result.values === undefined, keysText(result.all));
    },
  },
  {
    name: "emptyValueDeletesKey",
    modelled: 'replace with "" deletes the key',
    needs: "api",
    sends: 'POST /Users with {<schema>: {probe: "before"}}, PATCH replace <schema>:probe "", GET /bim/…',
    async run(session) {
      const result = await afterPatch(session, "empty", { op: "replace", value: "" });
      if (!result.ok) return result.observation;
      return judged(result.values === undefined, keysText(result.all));
    },
  },
  {
    name: "scimKeepsBimAuthorizations",
    modelled: "a SCIM write never touches bimAuthorizations (attributes set in Immuta)",
    needs: "api",
    sends:
      "POST /Users, PUT /bim/…/authorizations/<run prefix>kept/yes, PATCH replace <schema>:probe, GET /bim/…, DELETE of that key",
    async run(session) {
      const user = await createAndProject(session, "bim-kept", { [session.schema]: { probe: "before" } });
      if (!user.ok) return user.failure;
      const key = `${session.target.runPrefix}kept`;
      const put = await session.bim("PUT", String(user.scim.userName), key, "yes");
      if (put.status !== 200 && put.status !== 204)
        return failureOf(put, "PUT …/authorizations/{key}/{value}");
      await session.patch(`/Users/${String(user.scim.id)}`, [
        { op: "replace", path: `${session.schema}:probe`, value: "after" },
      ]);
      const after = await reproject(session, user.scim);
      const kept: unknown = after?.bimAuthorizations?.[key];
      return judged(
        JSON.stringify(kept) === '["yes"]',
        `bimAuthorizations ${JSON.stringify(after?.bimAuthorizations ?? null)}`,
      );
    },
  },
  {
    name: "unmappedExtensionIgnored",
    modelled: "an extension no attribute-schema row maps gives no IAM attribute",
    needs: "api",
    sends: 'POST /Users with {urn:…:synclabunmapped:2.0:User: {probeunmapped: "v"}}, GET /bim/…',
    async run(session) {
      const urn = "urn:ietf:params:scim:schemas:extension:synclabunmapped:2.0:User";
      const user = await createAndProject(session, "unmapped", { [urn]: { probeunmapped: "v" } });
      if (!user.ok) return user.failure;
      const attributes = iamAttributes(user.immuta);
      return judged(
        !Object.keys(attributes).some((key) => key.toLowerCase().endsWith("probeunmapped")),
        keysText(attributes),
      );
    },
  },
  {
    name: "activeDisables",
    modelled: "PATCH active false disables the Immuta user, active true enables it",
    needs: "api",
    sends: "POST /Users, PATCH replace active false, GET /bim/…, PATCH replace active true, GET /bim/…",
    async run(session) {
      const user = await createAndProject(session, "active", {});
      if (!user.ok) return user.failure;
      const path = `/Users/${String(user.scim.id)}`;
      await session.patch(path, [{ op: "replace", path: "active", value: false }]);
      const disabled = (await reproject(session, user.scim))?.disabled;
      await session.patch(path, [{ op: "replace", path: "active", value: true }]);
      const enabled = (await reproject(session, user.scim))?.disabled;
      return judged(
        disabled === true && enabled === false,
        `disabled ${String(disabled)} then ${String(enabled)}`,
      );
    },
  },
];
