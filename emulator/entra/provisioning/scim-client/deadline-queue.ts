/** What a deadline expires: told which of its deadlines passed. */
export type Expirable<P extends string> = { expire(phase: P): void };

/** One call's deadline in a DeadlineQueue. */
export type Deadline = {
  /** performance.now() at which it expires. */
  readonly at: number;
  /** Set once the call no longer needs it (answered, or the phase it guards is over). */
  done: boolean;
};

type Entry<P extends string> = Deadline & { readonly owner: Expirable<P>; readonly phase: P };

/**
 * Deadlines of one fixed length, expired in the order they were set, with one timer for all of
 * them: a cycle's thousands of SCIM calls each need two deadlines, and a timer each (with its
 * promise and abort signal) cost more than a call to the in-process fake. Deadlines of one length
 * expire in the order they were set, so the queue's head is always the next to expire.
 */
export class DeadlineQueue<P extends string = string> {
  readonly #ms: number;
  #entries: Entry<P>[] = [];
  #head = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ms: number) {
    this.#ms = ms;
  }

  /** A deadline `ms` from now that expires `owner`'s `phase` unless it is marked done first. */
  add(owner: Expirable<P>, phase: P): Deadline {
    const deadline: Entry<P> = { at: performance.now() + this.#ms, done: false, owner, phase };
    this.#entries.push(deadline);
    if (this.#timer === undefined) this.#timer = this.#arm(this.#ms);
    else if (this.#entries.length - this.#head === 1) this.#timer.ref();
    return deadline;
  }

  /**
   * Drops the deadlines at the head that are done. Once none is left the timer stays armed but no
   * longer keeps the process alive: calls that follow one another (the in-process fake answers at
   * once) then cost no timer each.
   */
  settle(): void {
    this.#dropDone();
    if (this.#head === this.#entries.length) this.#timer?.unref();
  }

  #arm(ms: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.#fire(), Math.max(0, Math.ceil(ms)));
  }

  #fire(): void {
    this.#timer = undefined;
    const now = performance.now();
    for (;;) {
      this.#dropDone();
      const next = this.#entries[this.#head];
      if (next === undefined) return;
      if (next.at > now) {
        this.#timer = this.#arm(next.at - now);
        return;
      }
      next.done = true;
      next.owner.expire(next.phase);
    }
  }

  #dropDone(): void {
    const entries = this.#entries;
    while (this.#head < entries.length && entries[this.#head]?.done === true) this.#head++;
    if (this.#head === entries.length) {
      this.#entries = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > entries.length) {
      this.#entries = entries.slice(this.#head);
      this.#head = 0;
    }
  }
}
