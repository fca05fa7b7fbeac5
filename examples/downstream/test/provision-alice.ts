/**
 * The code under test: a client of Entra's Graph API and Immuta's REST API that provisions a user
 * on demand and reads her Immuta attributes, as a downstream service would.
 */
export async function provisionAndReadZipcode(options: {
  graphUrl: string;
  immutaUrl: string;
  apiKey: string;
  servicePrincipalId: string;
  jobId: string;
  user: string;
}): Promise<string[] | undefined> {
  const job = `${options.graphUrl}/v1.0/servicePrincipals/${options.servicePrincipalId}/synchronization/jobs/${options.jobId}`;
  const provisioned = await fetch(`${job}/provisionOnDemand`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      parameters: [{ subjects: [{ objectId: options.user, objectTypeName: "User" }] }],
    }),
  });
  if (!provisioned.ok) throw new Error(`provisionOnDemand answered ${provisioned.status}`);
  const response = await fetch(
    `${options.immutaUrl}/bim/iam/entra/user/${encodeURIComponent(options.user)}`,
    {
      headers: { authorization: options.apiKey },
    },
  );
  const user = (await response.json()) as { iamAuthorizations: Record<string, string[]> };
  return user.iamAuthorizations["entraid_attributes.zipcode"];
}
