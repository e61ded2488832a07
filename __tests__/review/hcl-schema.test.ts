// review/hcl-schema.ts against the real hashicorp/aws schema (`terraform providers
// schema -json`, provider from the local mirror the plan tests use): every nested
// object the bundled configs synthesize is written as a block exactly when the
// provider declares a block. Skipped where terraform or the mirror is missing.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mirrorCandidates, pluginCacheDir } from "../plan/config";
import type { Json, JsonObject } from "../../review/hcl";
import { BodySchema, providerSchema, resourceSchema } from "../../review/hcl-schema";
import { TERRAFORM_INSTALLED, bundledConfigs, reviewOfFile } from "./helpers";

interface SchemaBlock {
  attributes?: Record<string, unknown>;
  block_types?: Record<string, { block: SchemaBlock }>;
}
interface ProviderSchema {
  provider: { block: SchemaBlock };
  resource_schemas: Record<string, { block: SchemaBlock }>;
  data_source_schemas: Record<string, { block: SchemaBlock }>;
}

const AWS = "registry.terraform.io/hashicorp/aws";
const mirror = mirrorCandidates().find((dir) => {
  try {
    return readdirSync(join(dir, AWS)).length > 0;
  } catch {
    return false;
  }
});
const runs = TERRAFORM_INSTALLED && mirror !== undefined;
const testWithSchema: jest.It = runs ? test : test.skip;

/** Meta-arguments: Terraform's, not the provider's. */
const META = new Set([
  "alias",
  "count",
  "for_each",
  "provider",
  "depends_on",
  "lifecycle",
  "provisioner",
  "connection",
  "//",
]);

testWithSchema(
  "aws blocks and arguments in the review HCL match the provider schema",
  () => {
    const schema = awsSchema(mirror!);
    const contradictions: string[] = [];
    const unknown = new Set<string>();
    const check = (body: JsonObject, block: SchemaBlock, rules: BodySchema, at: string) => {
      for (const [key, value] of Object.entries(body)) {
        if (META.has(key)) continue;
        const isBlock = rules.block(key, value) !== undefined;
        const declared = block.block_types?.[key];
        if (declared) {
          if (!isBlock)
            contradictions.push(
              `${at}.${key}: the provider declares a block, the HCL writes an argument`,
            );
          else
            for (const item of Array.isArray(value) ? value : [value]) {
              if (isObject(item))
                check(item, declared.block, rules.block(key, value)!, `${at}.${key}`);
            }
        } else if (block.attributes?.[key] !== undefined) {
          if (isBlock)
            contradictions.push(
              `${at}.${key}: the provider declares an argument, the HCL writes a block`,
            );
        } else unknown.add(`${at}.${key}`);
      }
    };
    let checked = 0;
    for (const file of bundledConfigs()) {
      for (const stack of reviewOfFile(file).stacks) {
        const json = stack.json;
        for (const config of asList(section(json, "provider").aws)) {
          check(
            config,
            schema.provider.block,
            providerSchema("aws"),
            `${file}:${stack.name}:provider.aws`,
          );
        }
        for (const [kind, schemas] of [
          ["resource", schema.resource_schemas],
          ["data", schema.data_source_schemas],
        ] as const) {
          for (const [type, byName] of Object.entries(section(json, kind))) {
            if (!type.startsWith("aws_") || !isObject(byName) || !schemas[type]) continue;
            for (const [name, body] of Object.entries(byName)) {
              if (!isObject(body)) continue;
              check(
                body,
                schemas[type].block,
                resourceSchema(type),
                `${file}:${stack.name}:${kind}.${type}.${name}`,
              );
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    // Keys the mirror's (possibly older) provider does not know cannot be checked here.
    if (unknown.size) console.info(`not in the mirror's aws schema: ${[...unknown].join(", ")}`);
    expect(contradictions).toEqual([]);
  },
  180_000,
);

if (!runs) {
  test.skip(`aws schema check needs terraform and a hashicorp/aws mirror (${mirrorCandidates().join(", ")})`, () =>
    undefined);
}

/** The schema of the mirror's hashicorp/aws: init against the mirror, then `providers schema -json`. */
function awsSchema(mirrorDir: string): ProviderSchema {
  const dir = mkdtempSync(join(tmpdir(), "certkit-schema-"));
  try {
    const cache = pluginCacheDir();
    mkdirSync(cache, { recursive: true });
    writeFileSync(
      join(dir, "main.tf.json"),
      JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws" } } } }),
    );
    writeFileSync(
      join(dir, "cli.tfrc"),
      [
        "provider_installation {",
        `  filesystem_mirror {\n    path    = ${JSON.stringify(mirrorDir)}\n    include = ["${AWS}"]\n  }`,
        `  direct {\n    exclude = ["${AWS}"]\n  }`,
        "}",
        `plugin_cache_dir = ${JSON.stringify(cache)}`,
      ].join("\n"),
    );
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"),
      CHECKPOINT_DISABLE: "1",
    };
    const run = (args: string[]) => {
      const r = spawnSync("terraform", args, {
        cwd: dir,
        env,
        encoding: "utf8",
        maxBuffer: 256 << 20,
      });
      if (r.status !== 0) throw new Error(`terraform ${args.join(" ")}: ${r.stderr}`);
      return r.stdout;
    };
    run(["init", "-input=false", "-no-color", "-backend=false"]);
    const all = JSON.parse(run(["providers", "schema", "-json"])) as {
      provider_schemas: Record<string, ProviderSchema>;
    };
    return all.provider_schemas[AWS];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const section = (json: JsonObject, key: string): JsonObject =>
  isObject(json[key]) ? json[key] : {};
const asList = (v: Json | undefined): JsonObject[] =>
  (Array.isArray(v) ? v : v ? [v] : []).filter(isObject);
