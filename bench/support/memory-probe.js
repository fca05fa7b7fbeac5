// @ts-check
/**
 * Loaded with `--import` into the served child of the soak (plain JavaScript, so the compiled bin
 * needs no TypeScript loader for it). Every five seconds it runs a full garbage collection (the
 * child is started with `--expose-gc`) and writes `process.memoryUsage()` as JSON to the file named
 * by SYNCLAB_MEMORY_PROBE: `heapUsed` right after a full collection is the live heap, so a leak
 * shows there even while RSS moves with what the allocator keeps.
 */
import { writeFileSync } from "node:fs";

const file = process.env.SYNCLAB_MEMORY_PROBE;
/** @type {(() => void) | undefined} */
const collect = /** @type {{ gc?: () => void }} */ (globalThis).gc;
if (file !== undefined && file !== "") {
  const timer = setInterval(() => {
    collect?.();
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  }, 5000);
  timer.unref();
}
