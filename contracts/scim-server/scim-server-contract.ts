import { describeDiscoveryContract } from "./discovery.case.ts";
import { describeErrorsContract } from "./errors.case.ts";
import { describeGroupsContract } from "./groups.case.ts";
import { describeEntraPatchContract } from "./patch-entra.case.ts";
import type { ScimTarget } from "./scim-target.ts";
import { describeUsersContract } from "./users.case.ts";

/** Every SCIM server contract a real Immuta endpoint is expected to meet, against one target. */
export function describeScimServerContract(target: () => ScimTarget): void {
  describeUsersContract(target);
  describeGroupsContract(target);
  describeEntraPatchContract(target);
  describeErrorsContract(target);
  describeDiscoveryContract(target);
}
