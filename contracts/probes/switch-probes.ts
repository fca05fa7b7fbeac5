import type { SwitchProbe } from "./probe-types.ts";
import {
  attributeKeyCaseProbe,
  enterpriseExtensionRowsProbe,
  schemaUrnMatchProbe,
  stringifyValuesProbe,
} from "./projection-switch-probes.ts";
import { bimRemoveIamValueProbe, deleteUserProbe, keyOnlyAuthorizationProbe } from "./rest-switch-probes.ts";
import {
  acceptLegacyPatchProbe,
  echoExtensionsProbe,
  multiValueAddProbe,
  nonUrnAttributePathsProbe,
  pathlessReplaceProbe,
  unknownAttributesProbe,
} from "./scim-switch-probes.ts";

/**
 * One probe per assumption switch of the fake Immuta, keyed by the switch's name. Which switches a
 * run probes comes from the assumptions table itself (fake-switches.ts); a test checks that every
 * switch of the table has an entry here. An entry whose switch the table does not (yet) have is
 * not run.
 */
export const SWITCH_PROBES: Readonly<Record<string, SwitchProbe>> = {
  schemaUrnMatch: schemaUrnMatchProbe,
  attributeKeyCase: attributeKeyCaseProbe,
  echoExtensions: echoExtensionsProbe,
  acceptLegacyPatch: acceptLegacyPatchProbe,
  multiValueAdd: multiValueAddProbe,
  deleteUser: deleteUserProbe,
  stringifyValues: stringifyValuesProbe,
  nonUrnAttributePaths: nonUrnAttributePathsProbe,
  bimRemoveIamValue: bimRemoveIamValueProbe,
  keyOnlyAuthorization: keyOnlyAuthorizationProbe,
  unknownAttributes: unknownAttributesProbe,
  enterpriseExtensionRows: enterpriseExtensionRowsProbe,
  pathlessReplace: pathlessReplaceProbe,
};
