import {
  HttpMethod,
  RequestInformation,
  type Parsable,
  type ParsableFactory,
} from "@microsoft/kiota-abstractions";
import {
  createDirectoryDefinitionCollectionResponseFromDiscriminatorValue,
  createProvisioningObjectSummaryCollectionResponseFromDiscriminatorValue,
  createServicePrincipalFromDiscriminatorValue,
  createStringKeyStringValuePairFromDiscriminatorValue,
  createSynchronizationJobFromDiscriminatorValue,
  createSynchronizationSchemaFromDiscriminatorValue,
  createSynchronizationTemplateCollectionResponseFromDiscriminatorValue,
  createUserCollectionResponseFromDiscriminatorValue,
  type DirectoryDefinitionCollectionResponse,
  type ProvisioningObjectSummaryCollectionResponse,
  type ServicePrincipal,
  type StringKeyStringValuePair,
  type SynchronizationJob,
  type SynchronizationSchema,
  type SynchronizationTemplateCollectionResponse,
  type User,
} from "@microsoft/msgraph-sdk/models/index.js";
import {
  createODataErrorFromDiscriminatorValue,
  type ODataError,
} from "@microsoft/msgraph-sdk/models/oDataErrors/index.js";
import { PageIterator } from "@microsoft/msgraph-sdk-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSdkWorld, type SdkWorld } from "./sdk-world.ts";

const ERRORS = { XXX: createODataErrorFromDiscriminatorValue };
const EVENTUAL = { headers: { ConsistencyLevel: "eventual" } };

let world: SdkWorld;
beforeEach(async () => {
  world = await startSdkWorld();
});
afterEach(async () => {
  await world.close();
});

/** A request for a path the typed builders of the installed packages don't cover, sent through the adapter. */
function request(method: HttpMethod, path: string, body?: unknown): RequestInformation {
  const info = new RequestInformation(method);
  info.URL = `${world.adapter.baseUrl}${path}`;
  info.headers.tryAdd("Accept", "application/json");
  if (body !== undefined) {
    info.headers.tryAdd("Content-Type", "application/json");
    info.content = new TextEncoder().encode(JSON.stringify(body)).buffer;
  }
  return info;
}

function send<T extends Parsable>(
  info: RequestInformation,
  factory: ParsableFactory<T>,
): Promise<T | undefined> {
  return world.adapter.send(info, factory, ERRORS);
}

async function odataError(call: Promise<unknown>): Promise<ODataError> {
  const error: unknown = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error === undefined || typeof error !== "object" || error === null || !("responseStatusCode" in error))
    throw new Error(`expected an ODataError, got ${String(error)}`);
  return error as ODataError;
}

const onDemand = (objectId: string) => ({
  parameters: [{ subjects: [{ objectId, objectTypeName: "User" }] }],
});

describe("the Kiota SDK (@microsoft/msgraph-sdk) against the fake Entra over https", () => {
  it("pages through users with the core PageIterator", async () => {
    const first = await world.kiota.users.get({ queryParameters: { top: 2 } });
    expect(first?.odataNextLink).toMatch(new RegExp(`^${world.origin}/`));
    const seen: string[] = [];
    const iterator = new PageIterator<User>(
      world.adapter,
      { value: first?.value ?? [], ...(first?.odataNextLink ? { odataNextLink: first.odataNextLink } : {}) },
      (user) => {
        seen.push(user.userPrincipalName ?? "");
        return true;
      },
      createUserCollectionResponseFromDiscriminatorValue,
      ERRORS,
    );
    await iterator.iterate();
    expect(seen).toEqual(["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"]);
  });

  it("counts users with the /users/$count segment", async () => {
    expect(await world.kiota.users.count.get(EVENTUAL)).toBe(3);
  });

  it("lists a user's groups, direct reports and app role assignments", async () => {
    const alice = world.tenant.directory.user("alice@contoso.com")!;
    await world.kiota.users.byUserId("bob@contoso.com").patch({ city: "Oslo" });
    world.tenant.directory.setManager("bob@contoso.com", alice.id);
    const groups = await world.kiota.users.byUserId(alice.id).memberOf.get();
    expect(groups?.value?.map((group) => (group as { displayName?: string }).displayName)).toEqual([
      "Analysts",
    ]);
    const reports = await world.kiota.users.byUserId(alice.id).directReports.get();
    expect(reports?.value?.map((report) => (report as User).userPrincipalName)).toEqual(["bob@contoso.com"]);
    const assignments = await world.kiota.users.byUserId(alice.id).appRoleAssignments.get();
    expect(assignments?.value?.map((assignment) => assignment.resourceId)).toEqual([world.sp]);
  });

  it("assigns a user to the app with POST /users/{id}/appRoleAssignments", async () => {
    const carol = world.tenant.directory.user("carol@contoso.com")!;
    const created = await world.kiota.users.byUserId(carol.id).appRoleAssignments.post({
      principalId: carol.id,
      resourceId: world.sp,
      appRoleId: "00000000-0000-0000-0000-000000000000",
    });
    expect(created?.principalId).toBe(carol.id);
    expect(world.app.job.assignments.has(carol.id)).toBe(true);
  });

  it("lists and counts deleted users through the short cast segment graph.user", async () => {
    await world.kiota.users.byUserId("bob@contoso.com").delete();
    const deleted = await world.kiota.directory.deletedItems.graphUser.get();
    expect(deleted?.value?.map((user) => user.userPrincipalName)).toEqual(["bob@contoso.com"]);
    expect(await world.kiota.directory.deletedItems.graphUser.count.get(EVENTUAL)).toBe(1);
  });

  it("reads Graph's innerError into the ODataError", async () => {
    const error = await odataError(world.kiota.users.byUserId("nobody@contoso.com").get());
    expect(error.responseStatusCode).toBe(404);
    expect(error.errorEscaped?.code).toBe("Request_ResourceNotFound");
    expect(error.errorEscaped?.innerError?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.errorEscaped?.innerError?.clientRequestId).toEqual(expect.any(String));
  });

  it("sets up provisioning as the tutorial does: app by appId, templates, job from the template, schema directories", async () => {
    const sp = await send<ServicePrincipal>(
      request(HttpMethod.GET, `/servicePrincipals(appId='${world.app.job.appId}')`),
      createServicePrincipalFromDiscriminatorValue,
    );
    expect(sp?.id).toBe(world.sp);
    const templates = await send<SynchronizationTemplateCollectionResponse>(
      request(HttpMethod.GET, `/servicePrincipals/${world.sp}/synchronization/templates`),
      createSynchronizationTemplateCollectionResponseFromDiscriminatorValue,
    );
    const templateId = templates?.value?.[0]?.id ?? "";
    expect(templateId).toBe("scim");
    const job = await send<SynchronizationJob>(
      request(HttpMethod.POST, `/servicePrincipals/${world.sp}/synchronization/jobs`, { templateId }),
      createSynchronizationJobFromDiscriminatorValue,
    );
    expect(job?.id).toBe(world.job);
    const directories = await send<DirectoryDefinitionCollectionResponse>(
      request(
        HttpMethod.GET,
        `/servicePrincipals/${world.sp}/synchronization/jobs/${world.job}/schema/directories`,
      ),
      createDirectoryDefinitionCollectionResponseFromDiscriminatorValue,
    );
    expect(directories?.value?.map((directory) => directory.name)).toContain("customappsso");
    const schema = await send<SynchronizationSchema>(
      request(HttpMethod.GET, `/servicePrincipals/${world.sp}/synchronization/jobs/${world.job}/schema`),
      createSynchronizationSchemaFromDiscriminatorValue,
    );
    expect(schema?.synchronizationRules?.length).toBeGreaterThan(0);
  });

  it("provisions on demand and reads the result as Microsoft's example shapes it", async () => {
    const answer = await send<StringKeyStringValuePair>(
      request(
        HttpMethod.POST,
        `${world.jobPath.replace("/v1.0", "")}/provisionOnDemand`,
        onDemand("alice@contoso.com"),
      ),
      createStringKeyStringValuePairFromDiscriminatorValue,
    );
    const value = JSON.parse(answer?.value ?? "{}") as {
      action: string;
      startTime: string;
      endTime: string;
      provisioningSteps: { type: string; status: string }[];
    };
    expect(value.action).toBe("Create");
    expect(value.startTime).toEqual(expect.any(String));
    expect(value.endTime).toEqual(expect.any(String));
    expect(value.provisioningSteps[0]).toMatchObject({ type: "Import", status: "Success" });
  });

  it("starts the job and reads its status with progress and entry counts", async () => {
    await world.adapter.sendNoResponseContent(
      request(HttpMethod.POST, `${world.jobPath.replace("/v1.0", "")}/start`),
      ERRORS,
    );
    const job = await send<SynchronizationJob>(
      request(HttpMethod.GET, world.jobPath.replace("/v1.0", "")),
      createSynchronizationJobFromDiscriminatorValue,
    );
    expect(job?.status?.code).toBe("Active");
    expect(job?.status?.progress?.[0]?.completedUnits).toBeGreaterThan(0);
    expect(job?.status?.synchronizedEntryCountByType?.find((entry) => entry.key === "User")?.value).toBe(2);
  });

  it.each([["ForceDeletes"], [""], ["None"], ["Watermark, Escrows"], ["Full"]])(
    "restarts the job with resetScope '%s'",
    async (resetScope) => {
      const restart = request(HttpMethod.POST, `${world.jobPath.replace("/v1.0", "")}/restart`, {
        criteria: { resetScope },
      });
      await expect(world.adapter.sendNoResponseContent(restart, ERRORS)).resolves.toBeUndefined();
    },
  );

  it("refuses an undocumented resetScope", async () => {
    const restart = request(HttpMethod.POST, `${world.jobPath.replace("/v1.0", "")}/restart`, {
      criteria: { resetScope: "Everything" },
    });
    expect((await odataError(world.adapter.sendNoResponseContent(restart, ERRORS))).responseStatusCode).toBe(
      400,
    );
  });

  it("filters provisioning logs with contains, as their list page documents", async () => {
    for (const upn of ["alice@contoso.com", "bob@contoso.com"]) {
      await send<StringKeyStringValuePair>(
        request(HttpMethod.POST, `${world.jobPath.replace("/v1.0", "")}/provisionOnDemand`, onDemand(upn)),
        createStringKeyStringValuePairFromDiscriminatorValue,
      );
    }
    const filter = encodeURIComponent("contains(sourceIdentity/displayName,'bob')");
    const logs = await send<ProvisioningObjectSummaryCollectionResponse>(
      request(HttpMethod.GET, `/auditLogs/provisioning?$filter=${filter}`),
      createProvisioningObjectSummaryCollectionResponseFromDiscriminatorValue,
    );
    expect(logs?.value?.map((record) => record.sourceIdentity?.displayName)).toEqual(["bob@contoso.com"]);
  });

  it.each([["$orderby=activityDateTime"], ["$search=%22bob%22"], ["$expand=servicePrincipal"]])(
    "refuses %s on provisioning logs with 400",
    async (query) => {
      const call = send<ProvisioningObjectSummaryCollectionResponse>(
        request(HttpMethod.GET, `/auditLogs/provisioning?${query}`),
        createProvisioningObjectSummaryCollectionResponseFromDiscriminatorValue,
      );
      expect((await odataError(call)).responseStatusCode).toBe(400);
    },
  );
});
