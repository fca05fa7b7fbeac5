import type { Directory } from "../../directory/directory.ts";
import type { EntraGroup, EntraUser } from "../../directory/entra-user.ts";
import type { ProvisioningJob } from "../config/provisioning-job.ts";
import { isInScope } from "./scoping.ts";
import { readGroupSource, readUserSource } from "../mapping/source-attributes.ts";

/**
 * Why a user is not in scope: it decides whether SkipOutOfScopeDeletions applies
 * (https://learn.microsoft.com/entra/identity/app-provisioning/skip-out-of-scope-deletions).
 */
export type OutOfScopeReason = "softDeleted" | "disabled" | "unassigned" | "filtered";

/**
 * Who is in scope at one moment, computed once per run: direct members of assigned groups are
 * gathered in one pass instead of scanning every group for every user
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works: "Sync only
 * assigned users and groups"; nested groups are not followed).
 */
export class ScopeSnapshot {
  readonly #job: ProvisioningJob;
  readonly #viaGroup = new Set<string>();

  constructor(directory: Directory, job: ProvisioningJob) {
    this.#job = job;
    if (job.config.scope === "assigned") {
      for (const group of directory.groups()) {
        if (!job.assignments.has(group.id)) continue;
        for (const member of group.members) this.#viaGroup.add(member);
      }
    }
  }

  isAssigned(user: EntraUser): boolean {
    return (
      this.#job.config.scope === "all" || this.#job.assignments.has(user.id) || this.#viaGroup.has(user.id)
    );
  }

  passesFilters(user: EntraUser): boolean {
    return isInScope(this.#job.config.users.scopingFilters, (name) => readUserSource(user, name, false));
  }

  /** Null when the user is in scope, else the first reason it is not. */
  userOutOfScope(user: EntraUser): OutOfScopeReason | null {
    if (user.deletedDateTime !== null) return "softDeleted";
    if (user.properties.get("accountEnabled") === false) return "disabled";
    if (!this.isAssigned(user)) return "unassigned";
    if (!this.passesFilters(user)) return "filtered";
    return null;
  }

  /** Groups are in scope when group provisioning is on and the group is assigned (or "Sync all"). */
  groupInScope(group: EntraGroup): boolean {
    if (!this.#job.config.groups.enabled || group.deletedDateTime !== null) return false;
    if (this.#job.config.scope !== "all" && !this.#job.assignments.has(group.id)) return false;
    return isInScope(this.#job.config.groups.scopingFilters, (name) => readGroupSource(group, name));
  }
}
