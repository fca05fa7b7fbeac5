import { api, command, field, h, header, replace, statusLine, table } from "./dom.js";

const ATTRIBUTE_TYPES = ["String", "Boolean", "Integer", "DateTime", "Reference", "Binary"];

/** The parts of the Graph synchronizationSchema the two pages edit. */
async function loadSchema(context) {
  const schema = await api("GET", `${context.job}/schema`);
  const rule = schema.synchronizationRules[0];
  const userMapping = rule.objectMappings.find((mapping) => mapping.sourceObjectName === "User");
  const directory = (name) => schema.directories.find((candidate) => candidate.name === name);
  const sourceUser = directory(rule.sourceDirectoryName).objects.find((object) => object.name === "User");
  const targetUser = directory(rule.targetDirectoryName).objects.find(
    (object) => object.name === userMapping.targetObjectName,
  );
  return { schema, rule, userMapping, sourceUser, targetUser };
}

/** Saving the schema is a Graph PUT; the fake answers 400 with each problem, shown in the status line. */
async function saveSchema(context, schema) {
  await api("PUT", `${context.job}/schema`, schema);
}

/** The portal's "Mapping type" of a mapping source. */
function mappingType(source) {
  if (!source) return "None";
  if (source.type === "Attribute") return "Direct";
  if (source.type === "Constant") return "Constant";
  return "Expression";
}

function sourceText(source) {
  if (!source) return "";
  if (source.type === "Attribute") return source.name;
  if (source.type === "Constant") return `"${source.name}"`;
  return source.expression;
}

/** Provisioning → Mappings → Provision Microsoft Entra ID Users: the attribute mappings, editable. */
export async function renderMappings(view, context) {
  const loaded = await loadSchema(context);
  const status = statusLine();
  const editor = h("section", { class: "detail", "aria-label": "Edit attribute" });
  const open = (index) =>
    renderMappingEditor(editor, {
      ...loaded,
      index,
      context,
      status,
      rerender: () => renderMappings(view, context),
    });
  const rows = loaded.userMapping.attributeMappings.map((mapping, index) => ({
    attributes: { "data-target": mapping.targetAttributeName },
    cells: [
      h("code", {}, sourceText(mapping.source)),
      h("code", {}, mapping.targetAttributeName),
      mapping.matchingPriority > 0 ? String(mapping.matchingPriority) : "",
      mappingType(mapping.source),
      mapping.flowType === "ObjectAddOnly" ? "Only during object creation" : "Always",
      h(
        "button",
        {
          type: "button",
          class: "link",
          onclick: () => open(index),
          "aria-label": `Edit ${mapping.targetAttributeName}`,
        },
        "Edit",
      ),
    ],
  }));
  replace(
    view,
    header(
      "Attribute Mapping",
      `${loaded.userMapping.name}: ${loaded.rule.sourceDirectoryName} → ${loaded.rule.targetDirectoryName}`,
      command("Add New Mapping", () => open(-1), { primary: true }),
      h("a", { class: "button", href: "#/entra/attributes" }, "Edit attribute list for customappsso"),
    ),
    status.element,
    table(
      [
        "Microsoft Entra ID attribute",
        "customappsso attribute",
        "Matching precedence",
        "Mapping type",
        "Apply this mapping",
        "",
      ],
      rows,
      { label: "Attribute mappings" },
    ),
    editor,
  );
}

/** The editor's controls, filled from the mapping being edited (none for a new one). */
function mappingControls(existing, sourceUser, targetUser) {
  const source = existing?.source;
  const option = (value, selected, label = value) => h("option", { value, selected }, label);
  return {
    type: h(
      "select",
      { name: "mappingType" },
      ["Direct", "Constant", "Expression"].map((name) => option(name, mappingType(source) === name)),
    ),
    sourceAttribute: h(
      "select",
      { name: "sourceAttribute" },
      sourceUser.attributes.map(({ name }) =>
        option(name, source?.type === "Attribute" && source.name === name),
      ),
    ),
    constant: h("input", { name: "constant", value: source?.type === "Constant" ? source.name : "" }),
    expression: h("input", {
      name: "expression",
      class: "wide",
      value: source && source.type !== "Attribute" && source.type !== "Constant" ? source.expression : "",
    }),
    target: h(
      "select",
      { name: "targetAttribute" },
      targetUser.attributes.map(({ name }) => option(name, existing?.targetAttributeName === name)),
    ),
    precedence: h("input", {
      type: "number",
      min: "0",
      name: "matchingPriority",
      value: String(existing?.matchingPriority ?? 0),
    }),
    apply: h(
      "select",
      { name: "flowType" },
      option("Always", existing?.flowType !== "ObjectAddOnly"),
      option("ObjectAddOnly", existing?.flowType === "ObjectAddOnly", "Only during object creation"),
    ),
  };
}

/** The Graph attributeMapping the controls describe. */
function mappingFrom(controls, existing) {
  const { type, sourceAttribute, constant, expression } = controls;
  const source =
    type.value === "Direct"
      ? {
          expression: `[${sourceAttribute.value}]`,
          name: sourceAttribute.value,
          parameters: [],
          type: "Attribute",
        }
      : type.value === "Constant"
        ? {
            expression: JSON.stringify(constant.value),
            name: constant.value,
            parameters: [],
            type: "Constant",
          }
        : {
            expression: expression.value,
            name: expression.value.split("(")[0].trim(),
            parameters: [],
            type: "Function",
          };
  return {
    defaultValue: existing?.defaultValue ?? null,
    exportMissingReferences: false,
    flowBehavior: "FlowWhenChanged",
    flowType: controls.apply.value,
    matchingPriority: Number(controls.precedence.value) || 0,
    source,
    targetAttributeName: controls.target.value,
  };
}

function renderMappingEditor(editor, options) {
  const { schema, userMapping, sourceUser, targetUser, index, context, status, rerender } = options;
  const existing = index >= 0 ? userMapping.attributeMappings[index] : null;
  const controls = mappingControls(existing, sourceUser, targetUser);
  const parts = {
    Direct: field("Source attribute", controls.sourceAttribute),
    Constant: field("Constant value", controls.constant),
    Expression: field("Expression", controls.expression),
  };
  const showParts = () => {
    for (const [name, element] of Object.entries(parts)) element.hidden = name !== controls.type.value;
  };
  controls.type.addEventListener("change", showParts);
  const store = async (change) => {
    change();
    try {
      status.busy("Saving the schema…");
      await saveSchema(context, schema);
      await rerender();
    } catch (error) {
      status.fail(error);
    }
  };
  const save = (event) => {
    event.preventDefault();
    const mapping = mappingFrom(controls, existing);
    return store(() =>
      existing
        ? (userMapping.attributeMappings[index] = mapping)
        : userMapping.attributeMappings.push(mapping),
    );
  };
  replace(
    editor,
    h("h2", {}, existing ? `Edit attribute: ${existing.targetAttributeName}` : "Add new mapping"),
    h(
      "form",
      { onsubmit: save, class: "form-grid", "aria-label": "Mapping" },
      field("Mapping type", controls.type),
      Object.values(parts),
      field(
        "Target attribute",
        controls.target,
        "Add custom attributes with “Edit attribute list for customappsso”.",
      ),
      field("Matching precedence", controls.precedence, "0: not a matching attribute"),
      field("Apply this mapping", controls.apply),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "submit", class: "primary" }, "Ok"),
        existing
          ? command("Delete", () => store(() => userMapping.attributeMappings.splice(index, 1)))
          : null,
        command("Cancel", () => replace(editor)),
      ),
    ),
  );
  showParts();
  (existing ? controls.type : controls.sourceAttribute).focus();
}

/** "Edit attribute list for customappsso": the target's user attributes; custom ones can be added. */
export async function renderAttributeList(view, context) {
  const { schema, targetUser, rule } = await loadSchema(context);
  const status = statusLine();
  const name = h("input", {
    name: "name",
    class: "wide",
    placeholder: "urn:ietf:params:scim:schemas:extension:custom:2.0:User:costCenter",
    "aria-label": "New attribute name",
  });
  const type = h(
    "select",
    { name: "type", "aria-label": "New attribute type" },
    ATTRIBUTE_TYPES.map((value) => h("option", {}, value)),
  );
  const multi = h("input", {
    type: "checkbox",
    name: "multivalued",
    "aria-label": "New attribute is multi-valued",
  });
  const save = async () => {
    try {
      status.busy("Saving the schema…");
      await api("PUT", `${context.job}/schema`, schema);
      await renderAttributeList(view, context);
    } catch (error) {
      status.fail(error);
    }
  };
  const add = async (event) => {
    event.preventDefault();
    if (name.value.trim() === "") return status.fail("Enter the attribute's name.");
    targetUser.attributes.push(attributeDefinition(name.value.trim(), type.value, multi.checked));
    await save();
  };
  const rows = attributeRows(targetUser, save);
  replace(
    view,
    header(
      `Edit attribute list for ${rule.targetDirectoryName}`,
      `${targetUser.name}: the target attributes mappings can write`,
    ),
    status.element,
    table(["Name", "Type", "Primary key", "Required", "Multi-value", ""], rows, {
      label: "Target attributes",
    }),
    h(
      "form",
      { class: "inline-form", onsubmit: add, "aria-label": "Add attribute" },
      field("Name", name),
      field("Type", type),
      h("label", { class: "check" }, multi, "Multi-value"),
      h("button", { type: "submit", class: "primary" }, "Add attribute"),
    ),
    h(
      "p",
      { class: "hint" },
      "Custom attributes must be named urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attribute>, or Entra leaves them out of the create (Microsoft Learn, “Known issues and resolutions with SCIM 2.0”).",
    ),
  );
}

/** A customappsso attribute definition as the Graph schema holds it (attributeDefinition resource). */
function attributeDefinition(name, type, multivalued) {
  return {
    anchor: false,
    apiExpressions: [],
    caseExact: false,
    defaultValue: null,
    flowNullValues: false,
    metadata: [],
    multivalued,
    mutability: "ReadWrite",
    name,
    referencedObjects: [],
    required: false,
    type,
  };
}

function attributeRows(targetUser, save) {
  return targetUser.attributes.map((attribute, index) => [
    h("code", {}, attribute.name),
    attribute.type,
    attribute.anchor ? "Yes" : "",
    attribute.required ? "Yes" : "",
    attribute.multivalued ? "Yes" : "",
    attribute.required || attribute.anchor
      ? ""
      : h(
          "button",
          {
            type: "button",
            class: "link",
            "aria-label": `Delete ${attribute.name}`,
            onclick: async () => {
              targetUser.attributes.splice(index, 1);
              await save();
            },
          },
          "Delete",
        ),
  ]);
}
