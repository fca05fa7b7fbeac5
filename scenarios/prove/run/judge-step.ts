import type { CycleResult, ScimExchangeRecord } from "../../../emulator/entra/index.ts";
import { isJsonObject, type JsonObject } from "../../../emulator/scim/index.ts";
import type { ScenarioExpect } from "../../loader/scenario-schema.ts";
import type { ExpectedUser } from "../model/index.ts";
import type { ObservedUser } from "./observe-immuta.ts";

/** One disagreement between the fakes and the model, with the scenario expectation that shows it. */
export type Disagreement = { what: string; expect: ScenarioExpect };

/** Compares what an IAM shows with what the model says it must show. */
export function judgeUser(
  expected: ExpectedUser,
  observed: ObservedUser,
  where: { iam: string; userName: string },
): Disagreement[] {
  const base = { user: where.userName, iam: where.iam };
  if (!expected.exists) {
    return observed.exists
      ? [
          {
            what: `IAM '${where.iam}' holds ${where.userName}, the model says it must not`,
            expect: { ...base, exists: false },
          },
        ]
      : [];
  }
  if (!observed.exists) {
    return [
      { what: `IAM '${where.iam}' does not hold ${where.userName}`, expect: { ...base, exists: true } },
    ];
  }
  const problems: Disagreement[] = [];
  if (observed.disabled !== expected.disabled) {
    problems.push({
      what: `disabled is ${String(observed.disabled)}, the model says ${String(expected.disabled)}`,
      expect: { ...base, disabled: expected.disabled },
    });
  }
  if (expected.attributes === null) return problems;
  const wanted = expected.attributes;
  const differing = Object.keys(wanted).filter(
    (key) =>
      !sameList(
        wanted[key] ?? [],
        Object.hasOwn(observed.attributes, key) ? observed.attributes[key] : undefined,
      ),
  );
  const extra = Object.keys(observed.attributes).filter((key) => !Object.hasOwn(wanted, key));
  if (differing.length > 0 || extra.length > 0) {
    const shown = (key: string) =>
      JSON.stringify(Object.hasOwn(observed.attributes, key) ? observed.attributes[key] : null);
    problems.push({
      what: [
        ...differing.map((key) => `${key} is ${shown(key)}, the model says ${JSON.stringify(wanted[key])}`),
        ...extra.map((key) => `${key} is ${shown(key)}, the model says it is absent`),
      ].join("; "),
      expect: {
        ...base,
        attributes: Object.fromEntries(differing.map((key) => [key, wanted[key] ?? []])),
        ...(extra.length > 0 ? { absent: extra } : {}),
      },
    });
  }
  return problems;
}

function sameList(a: readonly string[], b: readonly string[] | undefined): boolean {
  if (b === undefined) return false;
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

/**
 * The provisioning log's modified properties must name what the model says was sent, and what
 * the requests carried (for the attributes the wire shows by name: core, extension and non-URN).
 */
export function judgeLog(result: CycleResult, sent: readonly string[] | null, userId: string): string[] {
  const records = result.results.filter((item) => item.log.sourceIdentity.id === userId);
  const logged = new Set(
    records.flatMap((item) =>
      item.log.modifiedProperties.map((property) => property.displayName.toLowerCase()),
    ),
  );
  const modelled = new Set((sent ?? []).map((name) => name.toLowerCase()));
  const problems: string[] = [];
  if (!sameSet(logged, modelled)) {
    problems.push(
      `the log's modified properties are ${JSON.stringify([...logged].sort())}, the model says ${JSON.stringify([...modelled].sort())} were sent`,
    );
  }
  const wire = new Set(records.flatMap((item) => item.exchanges.flatMap(wireTargets)));
  const namedOnWire = new Set([...logged].filter(isPlainName));
  if (!sameSet(wire, namedOnWire)) {
    problems.push(
      `the requests carried ${JSON.stringify([...wire].sort())}, the log names ${JSON.stringify([...namedOnWire].sort())}`,
    );
  }
  return problems;
}

/** Names the wire shows as they are logged: extension and non-URN attributes, userName and active. */
function isPlainName(name: string): boolean {
  return name.includes(":") || name === "username" || name === "active";
}

/** The target names a POST body or PATCH operations carry (lower case). */
function wireTargets(exchange: ScimExchangeRecord): string[] {
  const body = exchange.requestBody;
  if (!isJsonObject(body)) return [];
  if (exchange.method === "POST") return keysOf(body);
  if (exchange.method !== "PATCH" || !Array.isArray(body.Operations)) return [];
  return body.Operations.flatMap((operation) => {
    if (!isJsonObject(operation)) return [];
    if (typeof operation.path === "string")
      return isPlainName(operation.path.toLowerCase()) ? [operation.path.toLowerCase()] : [];
    return isJsonObject(operation.value) ? keysOf(operation.value) : [];
  });
}

function keysOf(body: JsonObject): string[] {
  return Object.entries(body).flatMap(([key, value]) => {
    const lower = key.toLowerCase();
    if (lower.startsWith("urn:") && isJsonObject(value)) {
      return Object.keys(value).map((name) => `${lower}:${name.toLowerCase()}`);
    }
    return isPlainName(lower) ? [lower] : [];
  });
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}
