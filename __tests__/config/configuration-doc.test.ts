// docs/configuration.md is generated from the schema's descriptions: it must be
// current, and every key must have a description to generate it from.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configurationMarkdown } from "../../config/configuration-doc";
import { configSchemaObject } from "../../config/json-schema";

interface Node {
  description?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  anyOf?: Node[];
}

/** Paths of the schema's keys that have no description. */
function undocumented(n: Node, path: string): string[] {
  const missing = Object.entries(n.properties ?? {}).flatMap(([key, child]) => [
    ...(key === "$schema" || child.description ? [] : [`${path}${key}`]),
    ...undocumented(child, `${path}${key}.`),
  ]);
  const value = typeof n.additionalProperties === "object" ? n.additionalProperties : undefined;
  return [
    ...missing,
    ...(value ? undocumented(value, `${path}<key>.`) : []),
    ...(n.items ? undocumented(n.items, `${path.replace(/\.$/, "")}[].`) : []),
    ...(n.anyOf ?? []).flatMap((o) => undocumented(o, path)),
  ];
}

describe("docs/configuration.md", () => {
  it("matches the schema", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "docs", "configuration.md"), "utf8");
    if (committed !== configurationMarkdown()) {
      throw new Error(
        "docs/configuration.md is stale: run `npm run schema` and commit the result.",
      );
    }
  });

  it("has a description for every key, written in the schema", () => {
    expect(undocumented(configSchemaObject() as Node, "")).toEqual([]);
  });

  it("lists each shared object once, with every path it appears at", () => {
    const page = configurationMarkdown();
    expect([page.match(/^## alarm$/gm)?.length, page.match(/^## backend$/gm)?.length]).toEqual([
      1, 1,
    ]);
    expect(page).toContain(
      "Path: `environments.<env>.alarm`; also `environments.<env>.certificates.<name>.alarm`, `defaults.alarm`.",
    );
  });

  it("shows the default of the schema, or the description's wording of it", () => {
    const page = configurationMarkdown();
    expect([
      page.includes("- `validationTimeoutMinutes` (integer, 1 to 1440; default: `75`)"),
      page.includes("- `cachePolicyId` (string; default: `Managed-CachingOptimized`)"),
      page.includes("- `zoneId` (string, matching `^[0-9a-f]{32}$`; default: looked up by name)"),
    ]).toEqual([true, true, true]);
  });
});
