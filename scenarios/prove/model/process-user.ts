import { isEmpty, mappedValue, type SourceValue } from "./evaluate-source.ts";
import type { ModelMapping } from "./model-config.ts";
import type { ModelState, ModelTarget } from "./model-state.ts";
import { classifyTarget, enterpriseAlias } from "./target-kind.ts";

/** What one processing of the user did: the target names sent (as the log lists them), or null when nothing ran. */
export type Processed = { state: ModelState; sent: string[] | null };

type Values = Map<string, { target: string; values: readonly string[] }>;

/** Entra's scope rule: assigned, enabled and not soft-deleted (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works). */
export function inScope(state: ModelState): boolean {
  const { user } = state;
  return user.assigned && user.accountEnabled && !user.softDeleted && !user.purged;
}

/**
 * One export of the user (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works):
 * create when the target has no user, update what differs otherwise, disable when it left scope,
 * hard delete when it was purged. Not given the engine: written from the documented rules.
 */
export function processUser(state: ModelState, via: "demand" | "cycle"): Processed {
  const { target, user, config } = state;
  if (
    !user.purged &&
    (inScope(state) || target.exists) &&
    severalIntoOne(state, target.exists && !target.deleted)
  )
    return { state, sent: [] };
  if (user.purged) {
    if (!target.exists || target.deleted || !config.actions.delete) return { state, sent: null };
    return { state: { ...state, target: { ...target, deleted: true } }, sent: [] };
  }
  if (!target.exists || target.deleted) {
    if (!inScope(state) || !config.actions.create) return { state, sent: null };
    return create(state);
  }
  if (!config.actions.update) return { state, sent: null };
  return update(state, via);
}

/**
 * Several values for a single-valued target fail the whole object before anything is sent:
 * Entra logs SchemaPropertyCanOnlyAcceptValue
 * (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs)
 * and the target keeps what it had.
 */
function severalIntoOne(state: ModelState, updating: boolean): boolean {
  const read = reader(state);
  return state.config.mappings.some((mapping) => {
    if (mapping.multiValued || mapping.reference) return false;
    if (updating && mapping.flow === "ObjectAddOnly") return false;
    const value = mappedValue(mapping, read, updating ? "update" : "create");
    return Array.isArray(value) && value.length > 1;
  });
}

function reader(state: ModelState): (name: string) => SourceValue {
  const softDeleted = !inScope(state);
  return (name) => {
    if (name === "IsSoftDeleted") return softDeleted ? "True" : "False";
    if (name === "userPrincipalName") return state.user.userPrincipalName;
    return Object.hasOwn(state.user.source, name) ? (state.user.source[name] ?? null) : null;
  };
}

function asList(value: SourceValue): readonly string[] {
  return value === null ? [] : typeof value === "string" ? [value] : value;
}

/**
 * A create sends every non-empty mapped value except references (sent in a later PATCH) and,
 * under createSkipsNonUrnCustomAttributes, custom names that do not follow the extension URN
 * pattern (Immuta KB, "Attributes are not updated during initial create user payload via SCIM on
 * Azure AD"): those wait for the next update.
 */
function create(state: ModelState): Processed {
  const read = reader(state);
  const values: Values = new Map();
  const sent: string[] = [];
  let pending = false;
  for (const mapping of state.config.mappings) {
    const value = mappedValue(mapping, read, "create");
    if (isEmpty(value) || mapping.reference) continue;
    if (
      classifyTarget(mapping.target).kind === "nonUrn" &&
      state.config.rules.createSkipsNonUrnCustomAttributes
    ) {
      pending = true;
      continue;
    }
    values.set(mapping.target.toLowerCase(), { target: mapping.target, values: asList(value) });
    sent.push(mapping.target);
  }
  const target: ModelTarget = { exists: true, deleted: false, values: keptByImmuta(state, values) };
  return { state: { ...state, target, pending }, sent };
}

/**
 * An update compares each mapped value with what the target returned and sends only what differs,
 * case-insensitively unless "Exact case?" is set
 * (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes).
 * Only-during-creation mappings do not flow; an emptied source sends nothing (known-issues, as
 * above) unless nothingSentOnClear is off. Out of scope, only `active` is sent (disableSendsOnlyActive).
 */
function update(state: ModelState, via: "demand" | "cycle"): Processed {
  const read = reader(state);
  const values: Values = new Map(state.target.values);
  const sent: string[] = [];
  const replaced: ModelMapping[] = [];
  const disabling = !inScope(state);
  for (const mapping of state.config.mappings) {
    if (mapping.flow === "ObjectAddOnly" || mapping.reference) continue;
    if (disabling && state.config.rules.disableSendsOnlyActive && mapping.target.toLowerCase() !== "active")
      continue;
    const key = mapping.target.toLowerCase();
    const current = readBack(state, mapping);
    const wanted = mappedValue(mapping, read, "update");
    if (isEmpty(wanted)) {
      if (current.length === 0 || state.config.rules.nothingSentOnClear) continue;
      values.delete(key);
      sent.push(mapping.target);
      continue;
    }
    const list = asList(wanted);
    if (current.length > 0 && sameValues(list, current, mapping.caseExact)) continue;
    values.set(key, { target: mapping.target, values: stored(state, mapping, list) });
    sent.push(mapping.target);
    if (current.length > 0 && !appendsAlways(state, mapping) && !mapping.target.includes("["))
      replaced.push(mapping);
  }
  if (mergesPathless(state, via, replaced.length)) keepPathlessOut(state, values, replaced);
  const kept = sent.length > 0 ? keptByImmuta(state, values) : values;
  return { state: { ...state, target: { ...state.target, values: kept }, pending: false }, sent };
}

/**
 * The flag dialect merges two or more replaces of values Entra read back into one path-less
 * `replace` (Known issues with SCIM 2.0 protocol compliance,
 * https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility);
 * on-demand provisioning speaks the legacy dialect (flagIgnoredOnDemand). The fake Immuta's
 * pathlessReplace assumption decides what of it is applied.
 */
function mergesPathless(state: ModelState, via: "demand" | "cycle", replaces: number): boolean {
  const { config } = state;
  const flag = config.flagDialect && (via === "cycle" || !config.rules.flagIgnoredOnDemand);
  const mode = config.iams[0]?.pathlessReplace ?? "apply";
  return flag && config.rules.mergedPathlessReplace && replaces > 1 && mode !== "apply";
}

/** pathlessReplace ignore: none of the merged replaces is stored; without-active: all but `active`. */
function keepPathlessOut(state: ModelState, values: Values, replaced: readonly ModelMapping[]): void {
  const onlyActive = state.config.iams[0]?.pathlessReplace === "without-active";
  for (const mapping of replaced) {
    const key = mapping.target.toLowerCase();
    if (onlyActive && key !== "active") continue;
    const before = state.target.values.get(key);
    if (before) values.set(key, before);
    else values.delete(key);
  }
}

/** A multi-valued target that Entra always PATCHes with `Add` (multiValueAddAlways), never a replace. */
function appendsAlways(state: ModelState, mapping: ModelMapping): boolean {
  return mapping.multiValued && state.config.rules.multiValueAddAlways;
}

/**
 * Immuta stores a write's top-level names only if a schema defines them (RFC 7644 §3.3; the
 * unknownAttributes assumption). A non-URN `custom:country` PATCHed under nonUrnAttributePaths:
 * nested is stored as custom.country, so it is known; a bare name such as `costCenter` is kept
 * only when a row's SCIM Schema names it or the user already held it, otherwise dropped, so Entra
 * reads nothing back and sends it again. A bare name the enterprise extension defines lands there
 * (enterpriseAlias) whatever the switch.
 */
function keptByImmuta(state: ModelState, values: Values): Values {
  const iam = state.config.iams[0];
  if (!iam) return values;
  const rows = new Set(iam.rows.map((row) => row.scimSchema.toLowerCase()));
  const kept: Values = new Map();
  for (const [key, entry] of values) {
    const alias = enterpriseAlias(entry.target);
    if (alias !== null) {
      kept.set(alias.toLowerCase(), { target: alias, values: entry.values });
      continue;
    }
    const kind = classifyTarget(entry.target);
    const known =
      iam.unknownAttributes === "store" ||
      kind.kind !== "nonUrn" ||
      (kind.schema !== null && iam.nonUrnAttributePaths === "nested") ||
      rows.has(kind.name.toLowerCase()) ||
      state.target.values.has(key);
    if (known) kept.set(key, entry);
  }
  return kept;
}

/**
 * What Entra reads back for a mapping: nothing for URN extension attributes when Immuta does not
 * echo them (echoExtensions); a non-URN `custom.country` is a plain top-level object and is echoed.
 */
function readBack(state: ModelState, mapping: ModelMapping): readonly string[] {
  const iam = state.config.iams[0];
  if (iam && !iam.echoExtensions && classifyTarget(mapping.target).kind === "extension") return [];
  return state.target.values.get(mapping.target.toLowerCase())?.values ?? [];
}

/**
 * A multi-valued attribute is PATCHed with `Add` and the whole list (multiValueAddAlways, Microsoft
 * Q&A 1693075); an RFC 7644 §3.5.2.1 add appends to what is there (assumption multiValueAdd).
 */
function stored(state: ModelState, mapping: ModelMapping, list: readonly string[]): readonly string[] {
  const current = state.target.values.get(mapping.target.toLowerCase())?.values ?? [];
  const appends = appendsAlways(state, mapping) && state.config.iams[0]?.multiValueAdd === "append";
  return appends ? [...new Set([...current, ...list])] : list;
}

/** Entra's change detection: the same values in any order, case-insensitive unless exact. */
export function sameValues(a: readonly string[], b: readonly string[], caseExact: boolean): boolean {
  const norm = (list: readonly string[]) =>
    list.map((item) => (caseExact ? item : item.toLowerCase())).sort();
  const left = norm(a);
  const right = norm(b);
  return left.length === right.length && left.every((item, index) => item === right[index]);
}
