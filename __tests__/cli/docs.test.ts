// docs/adopt.md: every YAML block is a loadable config, and the adopted config it
// shows is what `certkit adopt` writes on the fixture (see adopt.test.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfigText } from "../../config/load";
import {
  APP_RECORD_ID,
  CERT_ARN,
  FIXTURE_CONFIG,
  VALIDATION_RECORD_ID,
} from "./fakes/manual-setup";

const DOC = readFileSync(join(__dirname, "..", "..", "docs", "adopt.md"), "utf8");
const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
/** The fixture without its leading comment lines, as the docs show it. */
const fixture = readFileSync(FIXTURE_CONFIG, "utf8").replace(/^(#.*\n)+/, "");

it("shows the fixture before and after adopt", () => {
  expect(blocks).toHaveLength(2);
  expect(blocks[0]).toBe(fixture);
  expect(blocks[1].startsWith(fixture)).toBe(true);
  const [prod] = loadConfigText(blocks[1]).config.environments;
  expect([
    prod.certificates[0].adoptArn,
    prod.validationRecords[0].adoptRecordId,
    prod.certificates[0].hostnames[0].adoptRecordId,
  ]).toEqual([CERT_ARN, VALIDATION_RECORD_ID, APP_RECORD_ID]);
});

it.each(blocks.map((b, i) => [i, b]))("YAML block %i loads", (_i, text) => {
  expect(loadConfigText(String(text)).config.environments.map((e) => e.name)).toEqual(["prod"]);
});
