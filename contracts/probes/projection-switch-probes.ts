import { URN } from "../../emulator/scim/index.ts";
import { cannotTell, type SwitchProbe } from "./probe-types.ts";
import { createAndProject, iamAttributes, keysText, noProjection } from "./projection-helpers.ts";

/** The extension URN in another case: upper-cased after `urn:` (the NID is case-insensitive anyway, RFC 8141). */
function otherCase(urn: string): string {
  const swapped = urn.replace(/[A-Za-z]/g, (char) =>
    char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase(),
  );
  return swapped === urn ? urn.toUpperCase() : swapped;
}

/** schemaUrnMatch: does an extension URN in another case still reach the row's prefix? */
export const schemaUrnMatchProbe: SwitchProbe = {
  needs: "api",
  sends:
    "POST /Users with {<schema>: {probeurn}}, POST /Users with {<SCHEMA in swapped case>: {probeurn}}, GET /bim/iam/{iam}/user/{userid} after each",
  async run(session) {
    const exact = await createAndProject(session, "urn-exact", { [session.schema]: { probeurn: "exact" } });
    if (!exact.ok) return exact.failure;
    if (!iamAttributes(exact.immuta)[session.key("probeurn")])
      return noProjection(session, "probeurn", iamAttributes(exact.immuta));
    const variant = otherCase(session.schema);
    const cased = await createAndProject(session, "urn-case", { [variant]: { probeurn: "cased" } });
    if (!cased.ok) return cased.failure;
    const attributes = iamAttributes(cased.immuta);
    return attributes[session.key("probeurn")]
      ? {
          kind: "position",
          value: "case-insensitive",
          observed: `${variant} projects to ${session.key("probeurn")}`,
        }
      : {
          kind: "position",
          value: "exact",
          observed: `${variant} projects nothing (${keysText(attributes)})`,
        };
  },
};

/** attributeKeyCase: is `probeKeyCase` kept as is in the key, or lower-cased? */
export const attributeKeyCaseProbe: SwitchProbe = {
  needs: "api",
  sends: "POST /Users with {<schema>: {probeKeyCase}}, GET /bim/iam/{iam}/user/{userid}",
  async run(session) {
    const user = await createAndProject(session, "key-case", { [session.schema]: { probeKeyCase: "v" } });
    if (!user.ok) return user.failure;
    const attributes = iamAttributes(user.immuta);
    if (attributes[session.key("probeKeyCase")])
      return { kind: "position", value: "keep", observed: `key ${session.key("probeKeyCase")}` };
    if (attributes[session.key("probekeycase")])
      return { kind: "position", value: "lower", observed: `key ${session.key("probekeycase")}` };
    return noProjection(session, "probeKeyCase", attributes);
  },
};

/** stringifyValues: does a number become the string "42", or is it dropped? */
export const stringifyValuesProbe: SwitchProbe = {
  needs: "api",
  sends:
    'POST /Users with {<schema>: {probetext: "t", probenumber: 42, probeflag: true}}, GET /bim/iam/{iam}/user/{userid}',
  async run(session) {
    const user = await createAndProject(session, "stringify", {
      [session.schema]: { probetext: "t", probenumber: 42, probeflag: true },
    });
    if (!user.ok) {
      if (user.failure.code === "unexpected-answer")
        return {
          kind: "none",
          observed: `refuses numbers and booleans in extension attributes (${user.failure.why})`,
        };
      return user.failure;
    }
    const attributes = iamAttributes(user.immuta);
    if (!attributes[session.key("probetext")]) return noProjection(session, "probetext", attributes);
    const number = attributes[session.key("probenumber")];
    const flag = attributes[session.key("probeflag")];
    if (number?.[0] === "42" && flag?.[0] === "true")
      return { kind: "position", value: true, observed: `42 and true stored as "42" and "true"` };
    if (number === undefined && flag === undefined)
      return { kind: "position", value: false, observed: "numbers and booleans give no attribute" };
    return { kind: "none", observed: keysText(attributes) };
  },
};

const ENTERPRISE = URN.enterpriseUser;

/**
 * enterpriseExtensionRows: does an attribute-schema row whose SCIM Schema is the enterprise
 * extension project `department` to `<enterprise prefix>.department`? Only an IAM that has such a
 * row can tell, so the probe needs its prefix (`--enterprise-prefix`).
 */
export const enterpriseExtensionRowsProbe: SwitchProbe = {
  needs: "api",
  sends: `POST /Users with {${ENTERPRISE}: {department: "Probe"}}, GET /bim/iam/{iam}/user/{userid}`,
  async run(session) {
    const prefix = session.target.api?.enterprisePrefix;
    if (session.target.api && prefix === undefined)
      return cannotTell(
        "no-projection",
        `needs an attribute-schema row for ${ENTERPRISE} on the IAM: give its prefix with --enterprise-prefix`,
      );
    const user = await createAndProject(session, "enterprise-row", {
      [ENTERPRISE]: { department: "Probe" },
    });
    if (!user.ok) return user.failure;
    const attributes = iamAttributes(user.immuta);
    const key = `${String(prefix)}.department`;
    return attributes[key]?.[0] === "Probe"
      ? { kind: "position", value: "project", observed: `department projects to ${key}` }
      : { kind: "position", value: "ignore", observed: `no ${key} (${keysText(attributes)})` };
  },
};
