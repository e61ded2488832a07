// A password or key in CLOUDFLARE_BASE_URL or AWS_ENDPOINT_URL_ACM never reaches
// the output: every URL the command line prints loses its userinfo and query.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redactUrls } from "../../cli/errors";
import { startAcmFake } from "./fakes/acm-api";
import { startCloudflareFake } from "./fakes/cloudflare-api";
import type { FakeServer } from "./fakes/http";
import { FIXTURE_CONFIG, manualCertificate, manualZone } from "./fakes/manual-setup";
import { Run, certkit } from "./run";

jest.setTimeout(60_000);

const TOKEN = "cf-test-token-4f9d2b7e1a";
const PASSWORD = "s3cretpw-7e2a";
const KEY = "qkey-91c4f0";
/** `url` with a user, a password and an API key in its query planted in it. */
const planted = (url: string) => `${url.replace("://", `://user:${PASSWORD}@`)}/?key=${KEY}`;

let dir: string;
let cloudflare: FakeServer;
let acm: FakeServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "certkit-redact-"));
  cloudflare = await startCloudflareFake({ token: TOKEN, zones: [manualZone()] });
  acm = await startAcmFake({ certificates: [manualCertificate()] });
});
afterAll(async () => {
  await Promise.all([cloudflare.close(), acm.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function run(command: string, name: string, cf: string, aws: string): Promise<Run> {
  const cwd = join(dir, name);
  mkdirSync(cwd);
  writeFileSync(join(cwd, "certkit.yaml"), readFileSync(FIXTURE_CONFIG, "utf8"));
  const result = await certkit([command, "prod"], cwd, {
    CLOUDFLARE_API_TOKEN: TOKEN,
    CLOUDFLARE_BASE_URL: cf,
    AWS_ENDPOINT_URL_ACM: aws,
    AWS_ACCESS_KEY_ID: "AKIDTESTONLY",
    AWS_SECRET_ACCESS_KEY: "aws-test-secret-8c3e6a1f5d",
  });
  for (const text of [
    result.stdout,
    result.stderr,
    readFileSync(join(cwd, "certkit.yaml"), "utf8"),
  ]) {
    for (const secret of [PASSWORD, KEY, TOKEN]) expect(text).not.toContain(secret);
  }
  return result;
}

it.each(["check", "adopt"])(
  "%s: a password in CLOUDFLARE_BASE_URL is not printed",
  async (command) => {
    const cf = planted(cloudflare.url);
    expect(await run(command, `cf-${command}`, cf, acm.url)).toEqual({
      status: 2,
      stdout: "",
      stderr: `certkit ${command}: could not reach the Cloudflare API while reading zone example.com (Request cannot be constructed from a URL that includes credentials: ${cloudflare.url}/). Fix: check the network, or CLOUDFLARE_BASE_URL if set.\n`,
    });
  },
);

it("a password in a dead AWS_ENDPOINT_URL_ACM is not printed", async () => {
  const dead = await startAcmFake({ certificates: [] });
  await dead.close();
  expect(await run("adopt", "acm-dead", cloudflare.url, planted(dead.url))).toEqual({
    status: 2,
    stdout: "",
    stderr:
      "certkit adopt: could not reach ACM while reading the certificates in us-east-1 (ECONNREFUSED). Fix: check the network, or AWS_ENDPOINT_URL_ACM if set.\n",
  });
});

it("a password in a live AWS_ENDPOINT_URL_ACM is not printed", async () => {
  const result = await run("adopt", "acm-live", cloudflare.url, planted(acm.url));
  // The SDK reaches the endpoint with the userinfo in it, and adopts.
  expect(result).toMatchObject({ status: 0, stderr: "" });
  expect(result.stdout).toContain("certificate ui: adopting");
});

describe("redactUrls", () => {
  it.each([
    [
      "failed: http://user:pw@127.0.0.1:9/client/v4?key=abc&per_page=100). Fix: x",
      "failed: http://127.0.0.1:9/client/v4). Fix: x",
    ],
    ["see https://u:p@ss@h.example:8443/a#token=1, then", "see https://h.example:8443/a, then"],
    ["(https://h/x?key=a)b) and", "(https://h/x) and"],
    ["https://api.cloudflare.com/client/v4.", "https://api.cloudflare.com/client/v4."],
    ["no url here: user:pw@host", "no url here: user:pw@host"],
  ])("%s", (text, redacted) => expect(redactUrls(text)).toBe(redacted));
});
