// Existing users must see no churn: every bundled config's stacks keep their
// Terraform resource addresses and output names. The fixture records them; when
// an example changes on purpose, regenerate it (CERTKIT_WRITE_FIXTURE=1 npx jest
// __tests__/stacks/example-addresses.test.ts) and review the diff like code.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfigFile } from "../../config/load";
import { buildApp } from "../../stacks/build-app";
import { bundledConfigs } from "../review/helpers";
import type { SynthJson } from "../helpers";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = join(__dirname, "..", "fixtures", "example-addresses.json");

/** Per stack: sorted resource, data source and local addresses, and sorted output names. */
function addresses(file: string): Record<string, { addresses: string[]; outputs: string[] }> {
  const app = Testing.app();
  const stacks = buildApp(app, loadConfigFile(join(ROOT, file)).config);
  return Object.fromEntries(
    stacks.map((s) => {
      const json = JSON.parse(Testing.synth(s)) as SynthJson & { locals?: object };
      const of = (blocks: SynthJson["resource"], prefix: string) =>
        Object.entries(blocks ?? {}).flatMap(([type, byId]) =>
          Object.keys(byId).map((id) => `${prefix}${type}.${id}`),
        );
      return [
        s.node.id,
        {
          addresses: [
            ...of(json.resource, ""),
            ...of(json.data, "data."),
            ...Object.keys(json.locals ?? {}).map((l) => `local.${l}`),
          ].sort(),
          outputs: Object.keys(json.output ?? {}).sort(),
        },
      ];
    }),
  );
}

describe("bundled configs' Terraform addresses", () => {
  const actual = Object.fromEntries(bundledConfigs().map((f) => [f, addresses(f)]));
  if (process.env.CERTKIT_WRITE_FIXTURE === "1") {
    writeFileSync(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
  }
  const expected = JSON.parse(readFileSync(FIXTURE, "utf8")) as typeof actual;

  it("cover the same configs as the fixture", () => {
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
  });

  it.each(Object.keys(expected))("%s keeps every resource address and output name", (file) => {
    expect(actual[file]).toEqual(expected[file]);
  });
});
