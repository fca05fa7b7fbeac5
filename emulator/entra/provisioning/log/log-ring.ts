import type { ProvisioningLogRecord } from "./provisioning-log.ts";

/** Bounds of one job's provisioning log. */
export type LogRingLimits = {
  /** Records kept; the oldest are dropped first. */
  maxRecords: number;
  /** UTF-8 bytes of the kept records' JSON. */
  maxBytes: number;
  /** Characters kept of any one string value in a record; longer ones end with a truncation marker. */
  maxValueChars: number;
};

/**
 * Assumed defaults: Entra keeps provisioning logs for 30 days and documents no count
 * (https://learn.microsoft.com/entra/identity/monitoring-health/reference-reports-data-retention);
 * a long-running fake needs a bound, so it keeps the newest 10,000 records, at most 64 MiB, and
 * 1,024 characters of each value.
 */
export const DEFAULT_LOG_LIMITS: LogRingLimits = {
  maxRecords: 10_000,
  maxBytes: 64 * 1024 * 1024,
  maxValueChars: 1024,
};

/** The text that ends a shortened value: how many characters were cut. */
export function truncationMarker(cut: number): string {
  return `…[truncated ${String(cut)} chars]`;
}

/** Whether any string in the value is longer than `maxChars`; reads without building anything. */
function hasLongValue(value: unknown, maxChars: number): boolean {
  if (typeof value === "string") return value.length > maxChars;
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (hasLongValue(item, maxChars)) return true;
    return false;
  }
  for (const key in value) {
    if (hasLongValue((value as Record<string, unknown>)[key], maxChars)) return true;
  }
  return false;
}

// Returns the value itself when nothing in it is too long, so ordinary records are kept as written.
function truncateValues(value: unknown, maxChars: number): unknown {
  if (typeof value === "string") {
    return value.length > maxChars
      ? value.slice(0, maxChars) + truncationMarker(value.length - maxChars)
      : value;
  }
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => truncateValues(item, maxChars));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    const shortened = entries.map(([key, item]) => [key, truncateValues(item, maxChars)] as const);
    return shortened.some(([, item], index) => item !== entries[index]?.[1])
      ? Object.fromEntries(shortened)
      : value;
  }
  return value;
}

/**
 * One job's provisioning log: a ring bounded by count and bytes, kept in write order (which is
 * time order unless the clock moved back). `dropped` counts the records the
 * bounds pushed out.
 */
export class ProvisioningLogRing {
  readonly limits: LogRingLimits;
  #records: ProvisioningLogRecord[] = [];
  #sizes: number[] = [];
  #bytes = 0;
  #dropped = 0;
  #inTimeOrder = true;

  constructor(limits: Partial<LogRingLimits> = {}) {
    this.limits = { ...DEFAULT_LOG_LIMITS, ...limits };
  }

  /** The kept records, oldest first. */
  get records(): readonly ProvisioningLogRecord[] {
    return this.#records;
  }

  /**
   * Whether no kept record is older than the one before it (only a clock moved back breaks it);
   * kept on every push so that a reader need not scan the whole ring to know.
   */
  get inTimeOrder(): boolean {
    return this.#inTimeOrder;
  }

  get dropped(): number {
    return this.#dropped;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Keeps the record with long values shortened, then drops the oldest past the bounds. */
  push(record: ProvisioningLogRecord): void {
    const { maxValueChars } = this.limits;
    const kept = hasLongValue(record, maxValueChars)
      ? (truncateValues(record, maxValueChars) as ProvisioningLogRecord)
      : record;
    const size = Buffer.byteLength(JSON.stringify(kept));
    const last = this.#records.at(-1);
    if (last !== undefined && last.activityDateTime > kept.activityDateTime) this.#inTimeOrder = false;
    this.#records.push(kept);
    this.#sizes.push(size);
    this.#bytes += size;
    while (
      this.#records.length > 0 &&
      (this.#records.length > this.limits.maxRecords || this.#bytes > this.limits.maxBytes)
    ) {
      this.#records.shift();
      this.#bytes -= this.#sizes.shift() ?? 0;
      this.#dropped += 1;
    }
    if (this.#records.length <= 1) this.#inTimeOrder = true;
  }

  /** Forgets every record (the dropped count stays). */
  clear(): void {
    this.#records = [];
    this.#sizes = [];
    this.#bytes = 0;
    this.#inTimeOrder = true;
  }
}
