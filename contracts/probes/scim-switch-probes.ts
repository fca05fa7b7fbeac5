/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   answers are untyped JSON from the endpoint under test, read defensively */
import { cannotTell, type SwitchProbe } from "./probe-types.ts";
import { failureOf, member, valuesOf, type ProbeSession } from "./probe-session.ts";
import { iamAttributes, reproject } from "./projection-helpers.ts";

/** echoExtensions: does GET /Users/{id} return the extension attributes the POST stored? */
export const echoExtensionsProbe: SwitchProbe = {
  needs: "scim",
  sends: 'POST /Users with {<schema>: {probeecho: "v"}}, GET /Users/{id}',
  async run(session) {
    const created = await session.createUser("echo", { [session.schema]: { probeecho: "v" } });
    if (created.status !== 201) return failureOf(created, "POST /Users");
    const read = await session.scim("GET", `/Users/${String(created.body.id)}`);
    if (read.status !== 200) return failureOf(read, "GET /Users/{id}");
    const echoed = member(member(read.body, session.schema), "probeecho");
    return echoed === "v"
      ? { kind: "position", value: true, observed: "GET returns the extension attribute" }
      : { kind: "position", value: false, observed: "GET leaves the extension attribute out" };
  },
};

/** acceptLegacyPatch: are Entra's capitalised ops and "True"/"False" strings accepted? */
export const acceptLegacyPatchProbe: SwitchProbe = {
  needs: "scim",
  sends: 'POST /Users, PATCH op "replace" displayName, PATCH op "Replace" displayName, PATCH active "False"',
  async run(session) {
    const created = await session.createUser("legacy");
    if (created.status !== 201) return failureOf(created, "POST /Users");
    const path = `/Users/${String(created.body.id)}`;
    const rfc = await session.patch(path, [{ op: "replace", path: "displayName", value: "Rfc" }]);
    if (rfc.status !== 200) return failureOf(rfc, "an RFC 7644 PATCH");
    const capitalised = await session.patch(path, [{ op: "Replace", path: "displayName", value: "Legacy" }]);
    const stringBoolean = await session.patch(path, [{ op: "replace", path: "active", value: "False" }]);
    const ok = (status: number) => status >= 200 && status < 300;
    if (ok(capitalised.status) && ok(stringBoolean.status))
      return { kind: "position", value: true, observed: 'accepts "Replace" and active "False"' };
    if (capitalised.status === 400 && stringBoolean.status === 400)
      return { kind: "position", value: false, observed: 'answers 400 to "Replace" and to active "False"' };
    return {
      kind: "none",
      observed: `"Replace" answered ${capitalised.status}, active "False" answered ${stringBoolean.status}`,
    };
  },
};

/** The values of `name` under the extension: from a SCIM GET if it echoes them, else from /bim. */
async function extensionValues(session: ProbeSession, user: { id: string; userName: string }, name: string) {
  const read = await session.scim("GET", `/Users/${user.id}`);
  const echoed = member(member(read.body, session.schema), name);
  if (echoed !== undefined) return valuesOf(echoed);
  if (!session.target.api) return undefined;
  const immuta = await reproject(session, user);
  return iamAttributes(immuta)[session.key(name)];
}

/** multiValueAdd: does `add` of [{value: "2"}] to [{value: "1"}] append or replace? */
export const multiValueAddProbe: SwitchProbe = {
  needs: "scim",
  sends:
    'POST /Users with {<schema>: {probemulti: [{value: "1"}]}}, PATCH op "add" path <schema>:probemulti value [{value: "2"}], GET /Users/{id} (or /bim when GET has no extensions)',
  async run(session) {
    const created = await session.createUser("multi", { [session.schema]: { probemulti: [{ value: "1" }] } });
    if (created.status !== 201) return failureOf(created, "POST /Users");
    const user = { id: String(created.body.id), userName: String(created.body.userName) };
    const patched = await session.patch(`/Users/${user.id}`, [
      { op: "add", path: `${session.schema}:probemulti`, value: [{ value: "2" }] },
    ]);
    if (patched.status !== 200) return failureOf(patched, "PATCH add");
    const values = await extensionValues(session, user, "probemulti");
    if (values === undefined)
      return cannotTell(
        "no-api",
        "GET returns no extension attributes and there is no --api-url to read them",
      );
    const sorted = [...values].sort().join(",");
    if (sorted === "1,2") return { kind: "position", value: "append", observed: "values 1 and 2" };
    if (sorted === "2") return { kind: "position", value: "replace", observed: "values 2" };
    return { kind: "none", observed: `values ${JSON.stringify(values)}` };
  },
};

/** nonUrnAttributePaths: is `probecustom:probenonurn` (no URN before the colon) stored nested or refused? */
export const nonUrnAttributePathsProbe: SwitchProbe = {
  needs: "scim",
  sends: 'POST /Users, PATCH op "add" path "probecustom:probenonurn", GET /Users/{id}',
  async run(session) {
    const created = await session.createUser("non-urn");
    if (created.status !== 201) return failureOf(created, "POST /Users");
    const path = `/Users/${String(created.body.id)}`;
    const patched = await session.patch(path, [{ op: "add", path: "probecustom:probenonurn", value: "v" }]);
    if (patched.status === 400 && patched.body?.scimType === "invalidPath")
      return { kind: "position", value: "reject", observed: "400 invalidPath" };
    if (patched.status !== 200)
      return { kind: "none", observed: `answered ${patched.status} ${patched.text.slice(0, 120)}` };
    const read = await session.scim("GET", path);
    return member(member(read.body, "probecustom"), "probenonurn") === "v"
      ? { kind: "position", value: "nested", observed: "stored as probecustom.probenonurn" }
      : { kind: "none", observed: "answered 200 but GET shows no probecustom.probenonurn" };
  },
};

/** unknownAttributes: is a misspelt top-level attribute (`adreses`) stored, ignored or refused? */
export const unknownAttributesProbe: SwitchProbe = {
  needs: "scim",
  sends: 'POST /Users with a top-level "adreses" (misspelt addresses), GET /Users/{id}',
  async run(session) {
    const created = await session.createUser("unknown", {
      adreses: [{ type: "work", formatted: "1 Probe Way" }],
    });
    if (created.status === 400)
      return {
        kind: "position",
        value: "reject",
        observed: `400 ${String(created.body?.scimType ?? "")}`.trim(),
      };
    if (created.status !== 201) return failureOf(created, "POST /Users");
    const read = await session.scim("GET", `/Users/${String(created.body.id)}`);
    return member(read.body, "adreses") === undefined
      ? { kind: "position", value: "ignore", observed: "201, GET has no adreses" }
      : { kind: "position", value: "store", observed: "201, GET returns adreses" };
  },
};

/**
 * pathlessReplace: a `replace` without a path whose value is `{displayName, active: false}`
 * (RFC 7644 §3.5.2.3, the shape Entra sends with aadOptscim062020): applied whole, applied
 * without `active`, or accepted and ignored?
 */
export const pathlessReplaceProbe: SwitchProbe = {
  needs: "scim",
  sends:
    'POST /Users, PATCH op "replace" without path value {displayName: "Pathless", active: false}, GET /Users/{id}',
  async run(session) {
    const created = await session.createUser("pathless");
    if (created.status !== 201) return failureOf(created, "POST /Users");
    const path = `/Users/${String(created.body.id)}`;
    const patched = await session.patch(path, [
      { op: "replace", value: { displayName: "Pathless", active: false } },
    ]);
    if (patched.status !== 200 && patched.status !== 204)
      return { kind: "none", observed: `answered ${patched.status} ${patched.text.slice(0, 120)}` };
    const read = await session.scim("GET", path);
    if (read.status !== 200) return failureOf(read, "GET /Users/{id}");
    const renamed = read.body?.displayName === "Pathless";
    const active = read.body?.active;
    if (renamed && active === false)
      return { kind: "position", value: "apply", observed: "displayName and active both replaced" };
    if (renamed && active === true)
      return {
        kind: "position",
        value: "without-active",
        observed: "displayName replaced, the user stays active",
      };
    if (!renamed && active === true)
      return { kind: "position", value: "ignore", observed: `answered ${patched.status}, nothing changed` };
    return {
      kind: "none",
      observed: `displayName ${JSON.stringify(read.body?.displayName)}, active ${JSON.stringify(active)}`,
    };
  },
};
