import { assumptionRows } from "../../emulator/immuta/index.ts";
import type { SwitchValue } from "./probe-types.ts";

/** One switch of the fake Immuta's assumptions table, as the probes need it. */
export type FakeSwitch = {
  name: string;
  default: SwitchValue;
  values: readonly SwitchValue[];
  description: string;
};

/** The fake Immuta's assumption switches, from its table (the one place that lists them). */
export function fakeSwitches(): FakeSwitch[] {
  return assumptionRows().map((row) => ({
    name: row.name,
    default: row.default,
    values: row.values,
    description: row.description,
  }));
}
