// `certkit adopt` against fake Cloudflare and ACM APIs holding the guide's manual
// setup: what it prints and writes, the import blocks that follow, idempotence,
// and failures that leave the config untouched. No network, no real credentials.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfigText } from "../../config/load";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { IngressStack } from "../../stacks/ingress-stack";
import { startAcmFake } from "./fakes/acm-api";
import { startCloudflareFake } from "./fakes/cloudflare-api";
import type { FakeServer } from "./fakes/http";
import {
  APP_RECORD_ID,
  CERT_ARN,
  FIXTURE_CONFIG,
  VALIDATION_RECORD_ID,
  manualCertificate,
  manualZone,
} from "./fakes/manual-setup";
import { Run, certkit } from "./run";

// Each run starts a node process; the first one also bundles the command line.
jest.setTimeout(60_000);

// Made-up credentials: the tests assert they never show up anywhere.
const TOKEN = "cf-test-token-4f9d2b7e1a";
const SECRET = "aws-test-secret-8c3e6a1f5d";
const ORIGINAL = readFileSync(FIXTURE_CONFIG, "utf8");

let dir: string;
let cloudflare: FakeServer;
let acm: FakeServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "certkit-adopt-"));
  cloudflare = await startCloudflareFake({ token: TOKEN, zones: [manualZone()] });
  acm = await startAcmFake({ certificates: [manualCertificate()] });
});
afterAll(async () => {
  await Promise.all([cloudflare.close(), acm.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the fixture config in its own folder. */
function project(name: string): string {
  const file = join(dir, name, "certkit.yaml");
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(file, ORIGINAL);
  return join(dir, name);
}

const env = (cf = cloudflare.url, aws = acm.url) => ({
  CLOUDFLARE_API_TOKEN: TOKEN,
  CLOUDFLARE_BASE_URL: cf,
  AWS_ENDPOINT_URL_ACM: aws,
  AWS_ACCESS_KEY_ID: "AKIDTESTONLY",
  AWS_SECRET_ACCESS_KEY: SECRET,
});

function expectNoCredential(run: Run, file: string): void {
  for (const text of [run.stdout, run.stderr, readFileSync(file, "utf8")]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  }
}

const REPORT = [
  `certificate ui: adopting ${CERT_ARN} (issued 2026-04-24).`,
  `validation record retail.example.com: adopting record ${VALIDATION_RECORD_ID} (CNAME _abc123def456.retail.example.com -> _xyz789qrs012.acm-validations.aws).`,
  `hostname retail.example.com: adopting record ${APP_RECORD_ID} (CNAME -> k8s-ecomeks-0a1b2c3d4e-1234567890.us-east-1.elb.amazonaws.com, proxied).`,
];

const SECTION = [
  "    adopt:",
  "      certificates:",
  `        ui: ${CERT_ARN}`,
  "      validationRecords:",
  `        retail.example.com: "${VALIDATION_RECORD_ID}"`,
  "      hostnames:",
  `        retail.example.com: "${APP_RECORD_ID}"`,
];

it("--dry-run prints the adopt section with the ARN and both record ids, and writes nothing", async () => {
  const cwd = project("dry-run");
  const run = await certkit(["adopt", "prod", "--dry-run"], cwd, env());
  expect(run).toEqual({
    status: 0,
    stderr: "",
    stdout: [...REPORT, "", "environments.prod:", ...SECTION.map((l) => l.slice(2)), ""].join("\n"),
  });
  expect(readFileSync(join(cwd, "certkit.yaml"), "utf8")).toBe(ORIGINAL);
  expectNoCredential(run, join(cwd, "certkit.yaml"));
});

it("writes exactly the section, keeps comments, and a second run changes nothing", async () => {
  const cwd = project("write");
  const file = join(cwd, "certkit.yaml");
  const first = await certkit(["adopt", "prod"], cwd, env());
  expect(first).toEqual({
    status: 0,
    stderr: "",
    stdout: [
      ...REPORT,
      "Wrote environments.prod.adopt into certkit.yaml (3 new entries). Next: npx certkit check prod, npx certkit review, then cdktf deploy prod.",
      "",
    ].join("\n"),
  });
  const written = readFileSync(file, "utf8");
  expect(written).toBe(`${ORIGINAL}${SECTION.join("\n")}\n`);

  const second = await certkit(["adopt", "prod"], cwd, env());
  expect(second.status).toBe(0);
  expect(second.stdout.split("\n").slice(-2)).toEqual([
    "certkit.yaml already adopts all of this: nothing changed.",
    "",
  ]);
  expect(readFileSync(file, "utf8")).toBe(written);
  expectNoCredential(first, file);
  expectNoCredential(second, file);
});

it("the written config synthesizes the import blocks to certkit's addresses", () => {
  const { config } = loadConfigText(`${ORIGINAL}${SECTION.join("\n")}\n`);
  const [prod] = config.environments;
  const main = JSON.parse(
    Testing.synth(new EnvironmentStack(Testing.app(), { environment: prod })),
  ) as { import?: unknown[] };
  const ingress = JSON.parse(
    Testing.synth(
      new IngressStack(Testing.app(), { environment: prod, backend: prod.ingressBackend! }),
    ),
  ) as { import?: unknown[] };
  expect(main.import).toEqual([
    { id: CERT_ARN, to: "aws_acm_certificate.ui" },
    {
      id: `\${data.cloudflare_zone.zone_example_com.id}/${VALIDATION_RECORD_ID}`,
      to: "cloudflare_dns_record.acm_validation_retail_example_com",
    },
  ]);
  expect(ingress.import).toEqual([
    {
      id: `\${data.cloudflare_zone.zone_example_com.id}/${APP_RECORD_ID}`,
      to: "cloudflare_dns_record.app_retail_example_com",
    },
  ]);
});

describe("when live state cannot be read, exit 2 with one line and the config untouched", () => {
  async function adoptWith(name: string, vars: Record<string, string>): Promise<Run> {
    const cwd = project(name);
    const run = await certkit(["adopt", "prod"], cwd, vars);
    expect(readFileSync(join(cwd, "certkit.yaml"), "utf8")).toBe(ORIGINAL);
    expectNoCredential(run, join(cwd, "certkit.yaml"));
    return run;
  }

  it("fails without a Cloudflare token", async () => {
    const { CLOUDFLARE_API_TOKEN: _, ...vars } = env();
    expect(await adoptWith("no-token", vars)).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "certkit adopt: CLOUDFLARE_API_TOKEN is not set. Fix: export a Cloudflare API token with Zone:Read and DNS:Read (certkit only reads).\n",
    });
  });

  it("fails on a 403 from Cloudflare", async () => {
    const denied = await startCloudflareFake({
      token: TOKEN,
      zones: [manualZone()],
      failWith: 403,
    });
    try {
      const run = await adoptWith("cf-403", env(denied.url));
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        "certkit adopt: Cloudflare answered 403 while reading zone example.com: Authentication error (code 10000). Fix: use a token with Zone:Read and DNS:Read on this zone (Zone Settings:Read and SSL and Certificates:Read for check).\n",
      );
    } finally {
      await denied.close();
    }
  });

  it("fails on AccessDenied from ACM", async () => {
    const denied = await startAcmFake({
      certificates: [],
      failWith: { status: 400, type: "AccessDeniedException" },
    });
    try {
      const run = await adoptWith("acm-denied", env(cloudflare.url, denied.url));
      expect(run.stderr).toBe(
        "certkit adopt: ACM answered 400 AccessDeniedException while reading the certificates in us-east-1. Fix: allow acm:ListCertificates and acm:DescribeCertificate to these credentials.\n",
      );
      expect(run.status).toBe(2);
    } finally {
      await denied.close();
    }
  });

  it("fails when 429 persists after the retries", async () => {
    const limited = await startCloudflareFake({
      token: TOKEN,
      zones: [manualZone()],
      rateLimitFirst: 1000,
    });
    try {
      const run = await adoptWith("cf-429", env(limited.url));
      expect(run.stderr).toBe(
        "certkit adopt: Cloudflare answered 429 while reading zone example.com: Please wait and consider throttling your request speed (code 971). Fix: try again later (certkit already retried with backoff).\n",
      );
      expect(run.status).toBe(2);
      // The first try and four retries.
      expect(limited.requests).toHaveLength(5);
    } finally {
      await limited.close();
    }
  });

  it("fails when the endpoint is dead", async () => {
    const dead = await startAcmFake({ certificates: [] });
    await dead.close();
    const run = await adoptWith("acm-dead", env(cloudflare.url, dead.url));
    expect(run.stderr).toBe(
      "certkit adopt: could not reach ACM while reading the certificates in us-east-1 (ECONNREFUSED). Fix: check the network, or AWS_ENDPOINT_URL_ACM if set.\n",
    );
    expect(run.status).toBe(2);
  });
});

it("retries 429 (honouring Retry-After) and 503 with backoff, then adopts", async () => {
  const limited = await startCloudflareFake({
    unavailableNext: 1,
    token: TOKEN,
    zones: [manualZone()],
    rateLimitFirst: 2,
  });
  const throttled = await startAcmFake({ certificates: [manualCertificate()], throttleFirst: 2 });
  try {
    const run = await certkit(
      ["adopt", "prod", "--dry-run"],
      project("retry"),
      env(limited.url, throttled.url),
    );
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual(REPORT);
    // Two 429s and a 503 before the zone lookup succeeded; two throttled ACM calls.
    expect(limited.requests.slice(0, 4)).toEqual(Array(4).fill("GET /zones?name=example.com"));
    expect(throttled.requests.length).toBe(2 + 2);
  } finally {
    await Promise.all([limited.close(), throttled.close()]);
  }
});

it("waits as long as Retry-After says before retrying a 429", async () => {
  const limited = await startCloudflareFake({
    token: TOKEN,
    zones: [manualZone()],
    rateLimitFirst: 1,
    retryAfter: "2",
  });
  try {
    const run = await certkit(
      ["adopt", "prod", "--dry-run"],
      project("retry-after"),
      env(limited.url),
    );
    expect(run.status).toBe(0);
    // The SDK's own backoff for a first retry is at most 0.5 s; Retry-After asked for 2 s.
    expect(limited.times[1] - limited.times[0]).toBeGreaterThanOrEqual(1900);
  } finally {
    await limited.close();
  }
});

it("adopts the newest of several matching certificates, and says so", async () => {
  const older = {
    ...manualCertificate(),
    arn: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-1111-4222-8333-444444444444",
    issuedAt: 1760000000,
  };
  const other = {
    ...manualCertificate(),
    arn: "arn:aws:acm:us-east-1:123456789012:certificate/99999999-1111-4222-8333-444444444444",
    names: ["retail.example.com", "www.retail.example.com"],
  };
  const several = await startAcmFake({ certificates: [older, other, manualCertificate()] });
  try {
    const run = await certkit(
      ["adopt", "prod", "--dry-run"],
      project("newest"),
      env(cloudflare.url, several.url),
    );
    expect(run.stdout.split("\n")[0]).toBe(
      `certificate ui: 2 ISSUED certificates have exactly retail.example.com; adopting the newest, ${CERT_ARN} (issued 2026-04-24). The others: ${older.arn}.`,
    );
    // Three pages of one summary each (NextToken followed), then three descriptions.
    expect(several.requests.filter((r) => r === "POST /")).toHaveLength(6);
  } finally {
    await several.close();
  }
});

it("reports the names on hosts it does not read, and adopts the Cloudflare ones as before", async () => {
  const cwd = project("route53");
  const file = join(cwd, "certkit.yaml");
  writeFileSync(
    file,
    ORIGINAL.replace(
      "defaults:",
      "route53: { zones: { example.net: { zoneId: Z0123456789ABCDEFGHIJ } } }\ndefaults:",
    ).replace(
      "    certificates:\n",
      "    certificates:\n      api: { domains: [api.example.net], target: lb.example.org, hostnames: [api.example.net] }\n",
    ),
  );
  const run = await certkit(["adopt", "prod", "--dry-run"], cwd, env());
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual(
    expect.arrayContaining([
      ...REPORT,
      "validation record api.example.net: zone example.net is at Route 53, which adopt does not read; see docs/dns-hosts.md.",
      "hostname api.example.net: zone example.net is at Route 53, which adopt does not read; see docs/dns-hosts.md.",
    ]),
  );
});
