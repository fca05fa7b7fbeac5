import type { Io } from "../../cli/exit-codes.ts";

/** An Io that keeps what a command prints, line by line, for the assertions. */
export function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

/**
 * A scenario in which bob's zipcode lands as `entraid_attributes.zipcode = ["12345"]`, ending in an
 * expectation on bob whose remaining lines (indented six spaces) the caller gives.
 */
export function bobExpectationScenario(expectation: string): string {
  return `name: wrong expectation
entra:
  app:
    users:
      mappings:
        - target: urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode
          source: postalCode
  users:
    - userPrincipalName: bob@contoso.com
      postalCode: "12345"
immuta:
  iams:
    - id: entra
      attributeSchema:
        - scimSchema: urn:ietf:params:scim:schemas:extension:custom:2.0:User
          prefix: entraid_attributes
steps:
  - provision: bob@contoso.com
  - expect:
      user: bob@contoso.com
${expectation}`;
}
