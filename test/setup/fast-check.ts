import fc from "fast-check";

// The seed is chosen once per run in vitest.config.ts (and printed there); FC_RUNS raises the run count.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 42), numRuns: Number(process.env.FC_RUNS ?? 100) });
