import { describe, expect, it } from "vitest";
import { DeadlineQueue } from "./deadline-queue.ts";

/** Records which deadlines expired; `then` runs after each expiry. */
function recorder(expired: string[], then: () => void = () => undefined) {
  return {
    expire(phase: string) {
      expired.push(phase);
      then();
    },
  };
}

describe("DeadlineQueue", () => {
  it("expires the deadlines that are not done, in the order they were set", async () => {
    const queue = new DeadlineQueue(5);
    const expired: string[] = [];
    await new Promise<void>((resolve) => {
      queue.add(recorder(expired), "first");
      const second = queue.add(recorder(expired), "second");
      queue.add(recorder(expired, resolve), "third");
      second.done = true;
      queue.settle();
    });
    expect(expired).toEqual(["first", "third"]);
  });

  it("expires nothing that was marked done", async () => {
    const queue = new DeadlineQueue(1);
    const expired: string[] = [];
    const deadline = queue.add(recorder(expired), "early");
    deadline.done = true;
    queue.settle();
    // A later deadline of the same length expires after the first one's time has passed.
    await new Promise<void>((resolve) => queue.add(recorder([], resolve), "later"));
    expect(expired).toEqual([]);
  });
});
