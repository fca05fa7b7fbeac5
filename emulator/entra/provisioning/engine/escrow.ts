import type { ProvisioningErrorCode } from "../log/provisioning-log.ts";

const HOUR = 3_600_000;
/**
 * Retry offsets from the first failure, then daily
 * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status).
 */
const FIRST_RETRIES = [6 * HOUR, 12 * HOUR, 24 * HOUR];
const ESCROW_LIFETIME = 28 * 24 * HOUR;

/** One escrowed object: why it failed and when it is due again. */
export type EscrowEntry = {
  failures: number;
  lastError: ProvisioningErrorCode | "";
  firstFailureAt: number;
  nextRetryAt: number;
};

/**
 * Objects whose last export failed
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works): retried in
 * later cycles, first after 6 h, 12 h and 24 h, then daily for 28 days; or in every cycle when
 * `everyCycle` is set.
 */
export class Escrow {
  readonly #entries = new Map<string, EscrowEntry>();

  get size(): number {
    return this.#entries.size;
  }

  get(id: string): EscrowEntry | undefined {
    return this.#entries.get(id);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  fail(id: string, error: ProvisioningErrorCode | "", now: number): EscrowEntry {
    const previous = this.#entries.get(id);
    const failures = (previous?.failures ?? 0) + 1;
    const firstFailureAt = previous?.firstFailureAt ?? now;
    const offset = FIRST_RETRIES[failures - 1] ?? 24 * HOUR * (failures - FIRST_RETRIES.length + 1);
    const entry = { failures, lastError: error, firstFailureAt, nextRetryAt: firstFailureAt + offset };
    this.#entries.set(id, entry);
    return entry;
  }

  succeed(id: string): void {
    this.#entries.delete(id);
  }

  /** Whether an escrowed object is retried now; entries older than 28 days are dropped. */
  isDue(id: string, now: number, everyCycle: boolean): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    if (everyCycle) return true;
    if (now - entry.firstFailureAt > ESCROW_LIFETIME) {
      this.#entries.delete(id);
      return false;
    }
    return now >= entry.nextRetryAt;
  }

  clear(): void {
    this.#entries.clear();
  }
}
