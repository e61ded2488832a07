// `certkit check` against fake Cloudflare and ACM APIs: the adopted manual setup
// passes; each planted problem is reported once; a failed read is exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAcmFake } from "./fakes/acm-api";
import { startCloudflareFake } from "./fakes/cloudflare-api";
import type { FakeServer } from "./fakes/http";
import {
  APP_RECORD_ID,
  CERT_ARN,
  FIXTURE_CONFIG,
  VALIDATION_RECORD_ID,
  ZONE_ID,
  manualCertificate,
  manualZone,
} from "./fakes/manual-setup";
import { certkit } from "./run";
import { yaml } from "../helpers";

jest.setTimeout(60_000);

const TOKEN = "cf-test-token-4f9d2b7e1a";
const SECRET = "aws-test-secret-8c3e6a1f5d";
const ADOPTED = `${readFileSync(FIXTURE_CONFIG, "utf8")}    adopt:
      certificates: { ui: "${CERT_ARN}" }
      validationRecords: { retail.example.com: "${VALIDATION_RECORD_ID}" }
      hostnames: { retail.example.com: "${APP_RECORD_ID}" }
`;

let dir: string;
const servers: FakeServer[] = [];
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "certkit-check-"))));
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function checkWith(
  config: string,
  cf: Parameters<typeof startCloudflareFake>[0],
  aws: Parameters<typeof startAcmFake>[0],
) {
  const cloudflare = await startCloudflareFake(cf);
  const acm = await startAcmFake(aws);
  servers.push(cloudflare, acm);
  const cwd = mkdtempSync(join(dir, "p-"));
  writeFileSync(join(cwd, "certkit.yaml"), config);
  const run = await certkit(["check", "prod"], cwd, {
    CLOUDFLARE_API_TOKEN: TOKEN,
    CLOUDFLARE_BASE_URL: cloudflare.url,
    AWS_ENDPOINT_URL_ACM: acm.url,
    AWS_ACCESS_KEY_ID: "AKIDTESTONLY",
    AWS_SECRET_ACCESS_KEY: SECRET,
  });
  expect(readFileSync(join(cwd, "certkit.yaml"), "utf8")).toBe(config);
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  }
  return run;
}

it("finds nothing in the adopted manual setup, exit 0", async () => {
  const run = await checkWith(
    ADOPTED,
    { token: TOKEN, zones: [manualZone()] },
    { certificates: [manualCertificate()] },
  );
  expect(run).toEqual({
    status: 0,
    stderr: "",
    stdout: "certkit check prod: nothing found that blocks apply or renewal.\n",
  });
});

it("finds the manual records in the way before adoption, exit 1", async () => {
  const run = await checkWith(
    readFileSync(FIXTURE_CONFIG, "utf8"),
    { token: TOKEN, zones: [manualZone()] },
    { certificates: [manualCertificate()] },
  );
  expect(run).toEqual({
    status: 1,
    stderr: "",
    stdout: [
      "certkit check prod: 2 problems would break apply or renewal:",
      `  - retail.example.com (zone example.com): a CNAME exists (record ${APP_RECORD_ID}) and is not adopted; deploy fails creating the app record of ui (Cloudflare error 81053). Fix: npx certkit adopt prod, or delete the record.`,
      `  - _abc123def456.retail.example.com (zone example.com): a validation CNAME for retail.example.com exists (record ${VALIDATION_RECORD_ID}) and is not adopted; ACM gives every certificate of an account the same name, so creating certkit's fails (Cloudflare error 81053). Fix: npx certkit adopt prod, or delete the record if no certificate uses it.`,
      "",
    ].join("\n"),
  });
});

it("reports each planted problem once, exit 1", async () => {
  const config = yaml`
    cloudflare:
      zones:
        example.com: { zoneId: ${ZONE_ID} }
    defaults: { region: us-east-1 }
    environments:
      prod:
        accountId: "123456789012"
        certificates:
          ui:
            domains: [retail.example.com, "*.retail.example.com"]
            keyAlgorithm: EC_prime256v1
            attach:
              alb: { ingressGroup: ecom-eks, cluster: prod-eks }
            hostnames:
              - retail.example.com
              # Deeper than Cloudflare's free edge certificate: DNS-only.
              - { name: www.retail.example.com, proxied: false }
              - { name: api.retail.example.com, proxied: false }
        adopt:
          certificates: { ui: "${CERT_ARN}" }
          validationRecords: { retail.example.com: "${VALIDATION_RECORD_ID}" }
          hostnames: { retail.example.com: "${APP_RECORD_ID}" }
  `;
  const zone = manualZone();
  zone.records.push(
    {
      id: "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1",
      name: "www.retail.example.com",
      type: "A",
      content: "192.0.2.20",
    },
    {
      id: "c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2",
      name: "api.retail.example.com",
      type: "CNAME",
      content: "old-api.example.net",
    },
    {
      id: "d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3",
      name: "example.com",
      type: "CAA",
      content: '0 issue "letsencrypt.org"',
      data: { flags: 0, tag: "issue", value: "letsencrypt.org" },
    },
  );
  zone.cnameFlattening = "flatten_all";
  zone.universalSsl = false;
  const cert = { ...manualCertificate(), renewalEligibility: "INELIGIBLE" as const, inUseBy: [] };
  const run = await checkWith(config, { token: TOKEN, zones: [zone] }, { certificates: [cert] });
  expect(run).toEqual({
    status: 1,
    stderr: "",
    stdout: [
      "certkit check prod: 8 problems would break apply or renewal:",
      "  - www.retail.example.com (zone example.com): an A record (record a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1) is where certkit writes the app record of ui, a CNAME; Cloudflare refuses a CNAME beside any other record. Fix: delete it once traffic no longer needs it, or remove the name from the config.",
      "  - api.retail.example.com (zone example.com): a CNAME exists (record c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2) and is not adopted; deploy fails creating the app record of ui (Cloudflare error 81053). Fix: npx certkit adopt prod, or delete the record.",
      '  - zone example.com: CNAME flattening is on for all CNAMEs, so the validation CNAMEs are answered as addresses and ACM cannot validate or renew. Fix: set CNAME flattening to "Flatten CNAME at apex" (DNS settings of the zone).',
      "  - zone example.com: Universal SSL is disabled, and retail.example.com is proxied: Cloudflare's edge has no certificate to serve. Fix: enable Universal SSL (SSL/TLS > Edge Certificates), or make it DNS-only (proxied: false).",
      '  - example.com (zone example.com): its CAA issue records allow only letsencrypt.org, so ACM cannot issue or renew retail.example.com, *.retail.example.com. Fix: add a CAA record `0 issue "amazon.com"` at example.com (or set cloudflare.zones["example.com"].caa: true when that is the apex).',
      "  - adopt.certificates.ui: the certificate has retail.example.com, the config retail.example.com, *.retail.example.com: deploy would replace it (a new certificate, then the Ingress must move to it). Fix: list exactly its names in certificates.ui.domains, or accept the replacement.",
      "  - adopt.certificates.ui: the certificate's key algorithm is RSA_2048, the config's EC_prime256v1: deploy would replace it. Fix: set certificates.ui.keyAlgorithm: RSA_2048, or accept the replacement.",
      "  - adopt.certificates.ui: ACM will not renew the certificate (RenewalEligibility INELIGIBLE: not in use by any AWS service). Fix: attach it (deploy, and for an Ingress the helm upgrade) well before it expires.",
      "",
    ].join("\n"),
  });
});

it("exits 2 with one line on a 403, the config untouched", async () => {
  const run = await checkWith(
    ADOPTED,
    { token: TOKEN, zones: [manualZone()], failWith: 403 },
    { certificates: [manualCertificate()] },
  );
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr:
      "certkit check: Cloudflare answered 403 while reading zone example.com: Authentication error (code 10000). Fix: use a token with Zone:Read and DNS:Read on this zone (Zone Settings:Read and SSL and Certificates:Read for check).\n",
  });
});
