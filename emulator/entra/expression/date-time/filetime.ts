/** Milliseconds from 1601-01-01 (the AD / Windows FILETIME epoch) to 1970-01-01, both UTC. */
const EPOCH_OFFSET_MS = 11_644_473_600_000n;
const TICKS_PER_MS = 10_000n;

/** An AD date (100-ns ticks since 1601-01-01 UTC, e.g. accountExpires) as an instant. */
export function dateFromFiletime(ticks: bigint): Date {
  return new Date(Number(ticks / TICKS_PER_MS - EPOCH_OFFSET_MS));
}

/** An instant as an AD date: 100-ns ticks since 1601-01-01 UTC. */
export function filetimeFromDate(date: Date): bigint {
  return (BigInt(date.getTime()) + EPOCH_OFFSET_MS) * TICKS_PER_MS;
}
