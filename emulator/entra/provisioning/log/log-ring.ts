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
 * time order unless the clock moved back). `dropped` counts the records the bounds pushed out.
 *
 * The count bound holds at every push. Shortening long values and the byte bound are applied when
 * the ring is next read (any getter), to the records still kept then: what a reader sees is exactly
 * what applying them at every push would keep, since the kept records are always the longest run of
 * newest records within both bounds, but a record the count pushes out before anyone reads the ring
 * is never sized. Between reads the ring holds at most `maxRecords` records as they were written.
 */
export class ProvisioningLogRing {
  readonly limits: LogRingLimits;
  #records: ProvisioningLogRecord[] = [];
  // The size of each kept record, or -1 while it waits (unshortened) for the next read.
  #sizes: number[] = [];
  // How many of the newest records wait to be shortened and sized.
  #waiting = 0;
  #bytes = 0;
  #dropped = 0;
  // Records pushed since the last clear, and the push number of the newest record that came
  // earlier in time than the one before it (0: none).
  #pushed = 0;
  #lastOutOfOrder = 0;

  constructor(limits: Partial<LogRingLimits> = {}) {
    this.limits = { ...DEFAULT_LOG_LIMITS, ...limits };
  }

  /** The kept records, oldest first. */
  get records(): readonly ProvisioningLogRecord[] {
    this.#settle();
    return this.#records;
  }

  /**
   * Whether no kept record is older than the one before it, by the times as written (only a clock
   * moved back breaks it); kept on every push so that a reader need not scan the whole ring to know.
   */
  get inTimeOrder(): boolean {
    this.#settle();
    // The oldest kept record is push number `pushed - length + 1`; a break at it is with a dropped one.
    return this.#lastOutOfOrder <= this.#pushed - this.#records.length + 1;
  }

  get dropped(): number {
    this.#settle();
    return this.#dropped;
  }

  get bytes(): number {
    this.#settle();
    return this.#bytes;
  }

  /** Keeps the record, dropping the oldest past the count; long values are shortened when read. */
  push(record: ProvisioningLogRecord): void {
    const last = this.#records.at(-1);
    this.#pushed += 1;
    if (last !== undefined && last.activityDateTime > record.activityDateTime)
      this.#lastOutOfOrder = this.#pushed;
    this.#records.push(record);
    this.#sizes.push(-1);
    if (this.#records.length > this.limits.maxRecords) this.#dropOldest();
    this.#waiting = Math.min(this.#waiting + 1, this.#records.length);
  }

  /** Forgets every record (the dropped count stays). */
  clear(): void {
    this.#settle();
    this.#records = [];
    this.#sizes = [];
    this.#waiting = 0;
    this.#bytes = 0;
    this.#pushed = 0;
    this.#lastOutOfOrder = 0;
  }

  #dropOldest(): void {
    this.#records.shift();
    const size = this.#sizes.shift() ?? -1;
    if (size >= 0) this.#bytes -= size;
    this.#dropped += 1;
  }

  // Shortens and sizes the waiting records, newest first, then keeps the newest that fit the bytes.
  #settle(): void {
    if (this.#waiting === 0) return;
    const { maxValueChars, maxBytes } = this.limits;
    const records = this.#records;
    const firstWaiting = records.length - this.#waiting;
    let newer = 0;
    let first = firstWaiting;
    for (let index = records.length - 1; index >= firstWaiting; index -= 1) {
      const written = records[index] as ProvisioningLogRecord;
      const kept = hasLongValue(written, maxValueChars)
        ? (truncateValues(written, maxValueChars) as ProvisioningLogRecord)
        : written;
      const size = Buffer.byteLength(JSON.stringify(kept));
      if (newer + size > maxBytes) {
        first = index + 1;
        break;
      }
      records[index] = kept;
      this.#sizes[index] = size;
      newer += size;
    }
    this.#waiting = 0;
    if (first > firstWaiting) {
      // A waiting record is past the bound: it and everything older go.
      this.#dropped += first;
      this.#records.splice(0, first);
      this.#sizes.splice(0, first);
      this.#bytes = newer;
      return;
    }
    // Every waiting record fits: the already sized ones go, oldest first, until all fit.
    this.#bytes += newer;
    let drop = 0;
    while (this.#bytes > maxBytes && drop < firstWaiting) this.#bytes -= this.#sizes[drop++] ?? 0;
    if (drop > 0) {
      this.#dropped += drop;
      this.#records.splice(0, drop);
      this.#sizes.splice(0, drop);
    }
  }
}
