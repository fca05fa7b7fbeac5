export { createDeterministicRuntime, seededRandom, uuidFrom, type Runtime } from "./runtime.ts";
