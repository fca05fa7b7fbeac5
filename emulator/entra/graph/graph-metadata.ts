import { USER_PROPERTY_TYPES } from "../directory/entra-user.ts";

const EDM = {
  string: "Edm.String",
  boolean: "Edm.Boolean",
  "string[]": "Collection(Edm.String)",
  object: null,
} as const;

function property(name: string, type: string): string {
  return `<Property Name="${name}" Type="${type}"/>`;
}

function entity(name: string, members: string[], base = "microsoft.graph.directoryObject"): string {
  return `<EntityType Name="${name}" BaseType="${base}" OpenType="true">${members.join("")}</EntityType>`;
}

/**
 * A minimal CSDL document (OData v4 CSDL XML, the `$metadata` Graph serves) for the entities the
 * fake serves: user, group, servicePrincipal, appRoleAssignment, synchronizationJob and
 * provisioningObjectSummary with their entity sets. Assumed sufficient: clients that read
 * `$metadata` here look up entity sets and property names, not Graph's full model.
 */
export function graphMetadata(): string {
  const userProperties = Object.entries(USER_PROPERTY_TYPES).flatMap(([name, type]) => {
    const edm = EDM[type];
    return edm === null ? [] : [property(name, edm)];
  });
  const types = [
    `<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key>${property("id", "Edm.String")}</EntityType>`,
    entity("directoryObject", [property("deletedDateTime", "Edm.DateTimeOffset")], "microsoft.graph.entity"),
    entity("user", [
      ...userProperties,
      property("createdDateTime", "Edm.DateTimeOffset"),
      '<NavigationProperty Name="manager" Type="microsoft.graph.directoryObject"/>',
      '<NavigationProperty Name="directReports" Type="Collection(microsoft.graph.directoryObject)"/>',
      '<NavigationProperty Name="memberOf" Type="Collection(microsoft.graph.directoryObject)"/>',
      '<NavigationProperty Name="appRoleAssignments" Type="Collection(microsoft.graph.appRoleAssignment)" ContainsTarget="true"/>',
    ]),
    entity("group", [
      ...["displayName", "description", "mailNickname"].map((name) => property(name, "Edm.String")),
      property("mailEnabled", "Edm.Boolean"),
      property("securityEnabled", "Edm.Boolean"),
      property("groupTypes", "Collection(Edm.String)"),
      property("createdDateTime", "Edm.DateTimeOffset"),
      '<NavigationProperty Name="members" Type="Collection(microsoft.graph.directoryObject)"/>',
    ]),
    entity("servicePrincipal", [
      ...["appId", "displayName", "servicePrincipalType"].map((name) => property(name, "Edm.String")),
      property("accountEnabled", "Edm.Boolean"),
      property("appRoleAssignmentRequired", "Edm.Boolean"),
      '<NavigationProperty Name="appRoleAssignedTo" Type="Collection(microsoft.graph.appRoleAssignment)" ContainsTarget="true"/>',
    ]),
    entity("appRoleAssignment", [
      ...["appRoleId", "principalId", "resourceId"].map((name) => property(name, "Edm.Guid")),
      ...["principalDisplayName", "principalType", "resourceDisplayName"].map((name) =>
        property(name, "Edm.String"),
      ),
      property("createdDateTime", "Edm.DateTimeOffset"),
    ]),
    entity("synchronizationJob", [property("templateId", "Edm.String")], "microsoft.graph.entity"),
    entity(
      "provisioningObjectSummary",
      [
        property("activityDateTime", "Edm.DateTimeOffset"),
        property("jobId", "Edm.String"),
        property("cycleId", "Edm.String"),
      ],
      "microsoft.graph.entity",
    ),
  ];
  const sets = [
    ["users", "user"],
    ["groups", "group"],
    ["servicePrincipals", "servicePrincipal"],
    ["directoryObjects", "directoryObject"],
  ]
    .map(([name, type]) => `<EntitySet Name="${name}" EntityType="microsoft.graph.${type}"/>`)
    .join("");
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    "<edmx:DataServices>",
    '<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    ...types,
    `<EntityContainer Name="GraphService">${sets}</EntityContainer>`,
    "</Schema>",
    "</edmx:DataServices>",
    "</edmx:Edmx>",
  ].join("\n");
}
