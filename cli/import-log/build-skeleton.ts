import { inferSource, type SourceGuess } from "./infer-sources.ts";
import type { ImportedRecord } from "./read-log-export.ts";

type Path = (string | number)[];
/** A YAML comment for the node at `path`: what could not be inferred, or where a line comes from. */
export type SkeletonComment = { path: Path; text: string };

/** A scenario skeleton: the scenario as data, its comments, and the lines of its header. */
export type Skeleton = { scenario: Record<string, unknown>; comments: SkeletonComment[]; header: string[] };

const TODO = "TO FILL IN:";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MULTIPLE_VALUES = "SchemaPropertyCanOnlyAcceptValue";

type Value = string | string[] | null;
type SkeletonUser = {
  key: string;
  upn: string;
  id: string | null;
  values: Map<string, Value>;
  index: number;
};

/** The target a SchemaPropertyCanOnlyAcceptValue reason names, and how many values the source had. */
function multipleValuesTarget(record: ImportedRecord): { target: string; count: number } | null {
  if (record.errorCode !== MULTIPLE_VALUES || record.reason === null) return null;
  const named =
    /property\s+(\S+?)\s+in the target/i.exec(record.reason) ??
    /(urn:ietf:params:scim:schemas:extension:[^\s'",]+)/.exec(record.reason);
  if (!named?.[1]) return null;
  return { target: named[1], count: Number(/has\s+(\d+)/.exec(record.reason)?.[1] ?? 2) };
}

function isUserRecord(record: ImportedRecord): boolean {
  return record.identityType === null || !/group/i.test(record.identityType);
}

/** A user's userPrincipalName from the import step, the userName sent, or the identity's name. */
function userPrincipalName(record: ImportedRecord): string | null {
  const userName = record.modified.find((item) => item.name === "userName");
  const candidates = [
    record.importDetails.userPrincipalName,
    userName?.newValue,
    userName?.oldValue,
    record.sourceName,
  ];
  return (
    candidates.find((value) => value !== undefined && value !== null && /^[^@\s]+@[^@\s]+$/.test(value)) ??
    null
  );
}

function valueFor(guess: Extract<SourceGuess, { property: string }>, text: string | null): Value {
  if (text === null) return null;
  return guess.list ? text.split(", ") : text;
}

/** The Graph user properties a record's modifiedProperties imply, from their old or new values. */
function propertiesOf(record: ImportedRecord, guesses: Map<string, SourceGuess>, side: "old" | "new") {
  const values = new Map<string, Value>();
  for (const item of record.modified) {
    const guess = guesses.get(item.name);
    if (!guess || guess.kind === "computed" || guess.property === "userPrincipalName") continue;
    values.set(guess.property, valueFor(guess, side === "old" ? item.oldValue : item.newValue));
  }
  return values;
}

/**
 * The scenario a provisioning log export implies: its users with the source values found in
 * `modifiedProperties`, the target attributes and mappings those imply, and per record a
 * provision on demand followed by `expect.log` with the record's action, status and error code.
 */
export function buildSkeleton(all: readonly ImportedRecord[], file: string): Skeleton {
  const header = [`From ${file} (synclab import-log): ${all.length} provisioning log record(s).`];
  const skipped = all.filter((record) => !isUserRecord(record));
  if (skipped.length > 0)
    header.push(`Not imported (group records): ${skipped.map((record) => record.index + 1).join(", ")}.`);
  const records = sortByTime(all.filter(isUserRecord));
  const multi = new Map(
    records.flatMap((record) => {
      const found = multipleValuesTarget(record);
      return found ? [[found.target, found.count] as const] : [];
    }),
  );
  const targets = new Set([
    ...records.flatMap((record) => record.modified.map((item) => item.name)),
    ...multi.keys(),
  ]);
  const guesses = new Map([...targets].map((target) => [target, inferSource(target, multi.has(target))]));
  const comments: SkeletonComment[] = [];
  const users = collectUsers(records, guesses, multi, comments);
  const app = appConfig(guesses, comments, records[0]);
  const steps = stepsFor(records, { users, guesses, comments });
  const scenario = {
    name: `Imported provisioning log: ${file.split(/[\\/]/).at(-1) ?? file}`,
    entra: {
      ...(records[0]?.tenantId && GUID.test(records[0].tenantId) ? { tenantId: records[0].tenantId } : {}),
      app,
      users: [...users.values()].map(userEntry),
    },
    immuta: { iams: [{ id: "entra", attributeSchema: attributeRows(guesses, comments) }] },
    steps,
  };
  header.push(
    `Lines marked "${TODO}" could not be inferred from the log: check them before you trust a run.`,
  );
  return { scenario, comments, header };
}

function sortByTime(records: ImportedRecord[]): ImportedRecord[] {
  if (records.some((record) => record.activityDateTime === null)) return records;
  return [...records].sort((a, b) => (a.activityDateTime ?? "").localeCompare(b.activityDateTime ?? ""));
}

function collectUsers(
  records: readonly ImportedRecord[],
  guesses: Map<string, SourceGuess>,
  multi: Map<string, number>,
  comments: SkeletonComment[],
): Map<string, SkeletonUser> {
  const users = new Map<string, SkeletonUser>();
  for (const record of records) {
    const key = record.sourceId ?? record.sourceName ?? `record-${record.index}`;
    if (users.has(key)) continue;
    const index = users.size;
    const upn = userPrincipalName(record);
    const user: SkeletonUser = {
      key,
      upn: upn ?? `user${index + 1}@contoso.example`,
      id: record.sourceId !== null && GUID.test(record.sourceId) ? record.sourceId : null,
      values: propertiesOf(record, guesses, record.action === "update" ? "old" : "new"),
      index,
    };
    if (upn === null)
      comments.push({
        path: ["entra", "users", index, "userPrincipalName"],
        text: `${TODO} the log names no userPrincipalName`,
      });
    const failed = multipleValuesTarget(record);
    const guess = failed ? guesses.get(failed.target) : undefined;
    if (failed && guess && guess.kind !== "computed" && !user.values.has(guess.property)) {
      user.values.set(
        guess.property,
        Array.from({ length: multi.get(failed.target) ?? 2 }, (_, at) => `value ${at + 1}`),
      );
      comments.push({
        path: ["entra", "users", index, guess.property],
        text: `${TODO} the ${multi.get(failed.target) ?? 2} source values the log does not show`,
      });
    }
    users.set(key, user);
  }
  return users;
}

function userEntry(user: SkeletonUser): Record<string, unknown> {
  return {
    userPrincipalName: user.upn,
    ...(user.id ? { id: user.id } : {}),
    ...Object.fromEntries(user.values),
  };
}

function customGuesses(guesses: Map<string, SourceGuess>) {
  return [...guesses].flatMap(([target, guess]) => (guess.kind === "custom" ? [{ target, guess }] : []));
}

function appConfig(
  guesses: Map<string, SourceGuess>,
  comments: SkeletonComment[],
  first: ImportedRecord | undefined,
): Record<string, unknown> {
  const custom = customGuesses(guesses);
  custom.forEach(({ guess }, index) =>
    comments.push({
      path: ["entra", "app", "users", "mappings", index, "source"],
      text: `${TODO} ${guess.guessed}`,
    }),
  );
  return {
    ...(first?.servicePrincipalId && GUID.test(first.servicePrincipalId)
      ? { servicePrincipalId: first.servicePrincipalId }
      : {}),
    ...(first?.jobId && /^[A-Za-z0-9.]+$/.test(first.jobId) ? { jobId: first.jobId } : {}),
    users: {
      attributes: custom.map(({ target }) => ({ name: target })),
      mappings: custom.map(({ target, guess }) => ({ target, source: guess.source })),
    },
  };
}

/** One attribute-schema row per extension schema the targets use (the attribute URN minus its name). */
function attributeRows(
  guesses: Map<string, SourceGuess>,
  comments: SkeletonComment[],
): Record<string, string>[] {
  const schemas = new Set(
    customGuesses(guesses)
      .map(({ target }) => target)
      .filter((target) => target.startsWith("urn:"))
      .map((target) => target.slice(0, target.lastIndexOf(":"))),
  );
  return [...schemas].map((scimSchema, index) => {
    comments.push({
      path: ["immuta", "iams", 0, "attributeSchema", index, "prefix"],
      text: `${TODO} the prefix of this row in the customer's IAM (the log does not show Immuta's settings)`,
    });
    return { scimSchema, prefix: "entraid_attributes" };
  });
}

type StepContext = {
  users: Map<string, SkeletonUser>;
  guesses: Map<string, SourceGuess>;
  comments: SkeletonComment[];
};

function stepsFor(records: readonly ImportedRecord[], context: StepContext): Record<string, unknown>[] {
  const steps: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const user = context.users.get(record.sourceId ?? record.sourceName ?? `record-${record.index}`);
    if (!user) continue;
    const first = !seen.has(user.key);
    seen.add(user.key);
    if (first && record.action === "update") {
      context.comments.push({
        path: ["steps", steps.length],
        text: `record ${record.index + 1} is an update: this provision creates ${user.upn} with the old values first`,
      });
      steps.push({ provision: user.upn });
    }
    if (!first || record.action === "update") {
      const set = Object.fromEntries(propertiesOf(record, context.guesses, "new"));
      if (Object.keys(set).length > 0) steps.push({ updateUser: { user: user.upn, set } });
    }
    const outcome = [record.action, record.status, record.errorCode]
      .filter((item) => item !== null)
      .join(" ");
    context.comments.push({
      path: ["steps", steps.length],
      text: `record ${record.index + 1}${record.changeId ? ` (changeId ${record.changeId})` : ""}: ${outcome}${record.reason ? `: ${record.reason}` : ""}`,
    });
    steps.push({ provision: user.upn });
    steps.push({ expect: { log: expectedLog(record) } });
  }
  return steps;
}

function expectedLog(record: ImportedRecord): Record<string, string> {
  return {
    ...(record.action !== null ? { action: record.action } : {}),
    ...(record.status !== null ? { status: record.status } : {}),
    ...(record.errorCode !== null ? { errorCode: record.errorCode } : {}),
  };
}
