// `certkit adopt` and `certkit check` with a private certificate, in-process against
// the fake APIs: adopt takes only a certificate of the configured CA (another issuer
// would be replaced), check says when an adopted one has another issuer.
import { findAdoptions } from "../../cli/adopt";
import { findProblems } from "../../cli/check";
import { AcmReader } from "../../cli/live/acm";
import { CloudflareReader } from "../../cli/live/cloudflare";
import { environmentOf, yaml } from "../helpers";
import { startAcmFake } from "./fakes/acm-api";
import { startCloudflareFake } from "./fakes/cloudflare-api";
import type { FakeServer } from "./fakes/http";
import { CERT_ARN, manualCertificate, manualZone } from "./fakes/manual-setup";

const TOKEN = "cf-test-token-private-ca";
const CA =
  "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const PRIVATE_ARN =
  "arn:aws:acm:us-east-1:123456789012:certificate/7a7a7a7a-1111-4222-8333-444444444444";

/** prod with `ui` for retail.example.com, private when `ca` is given; `adopt` as YAML. */
const prod = (ca?: string, adopt = "{}") =>
  environmentOf(yaml`
    cloudflare: { zones: { example.com: {} } }
    defaults: { region: us-east-1 }
    environments:
      prod:
        accountId: "123456789012"
        certificates:
          ui: { domains: [retail.example.com], ${ca ? `certificateAuthorityArn: "${ca}", ` : ""}target: lb.example.net }
        adopt: ${adopt}
  `);

let cloudflare: FakeServer;
let acm: FakeServer;
const saved = { ...process.env };
beforeAll(async () => {
  cloudflare = await startCloudflareFake({ token: TOKEN, zones: [manualZone()] });
  // The public certificate of the guide, and a private one with the same name.
  acm = await startAcmFake({
    certificates: [
      manualCertificate(),
      {
        ...manualCertificate(),
        arn: PRIVATE_ARN,
        certificateAuthorityArn: CA,
        issuedAt: 1700000000,
        validation: {},
      },
    ],
  });
  Object.assign(process.env, {
    CLOUDFLARE_API_TOKEN: TOKEN,
    CLOUDFLARE_BASE_URL: cloudflare.url,
    AWS_ENDPOINT_URL_ACM: acm.url,
    AWS_ACCESS_KEY_ID: "AKIDTESTONLY",
    AWS_SECRET_ACCESS_KEY: "aws-test-secret-private-ca",
  });
});
afterAll(async () => {
  process.env = saved;
  await Promise.all([cloudflare.close(), acm.close()]);
});

describe("adopt", () => {
  it("adopts for a private certificate only one its CA issued, though a public one is newer", async () => {
    const found = await findAdoptions(prod(CA), new CloudflareReader(), new AcmReader());
    expect([...found.section.certificates]).toEqual([["ui", PRIVATE_ARN]]);
    expect(found.report[0]).toBe(`certificate ui: adopting ${PRIVATE_ARN} (issued 2023-11-14).`);
  });

  it("adopts for a public certificate only a public one", async () => {
    const found = await findAdoptions(prod(), new CloudflareReader(), new AcmReader());
    expect([...found.section.certificates]).toEqual([["ui", CERT_ARN]]);
  });

  it("says so when no certificate of the CA has the names", async () => {
    const other = CA.replace("3f1c2b4a", "00000000");
    const found = await findAdoptions(prod(other), new CloudflareReader(), new AcmReader());
    expect([found.section.certificates.size, found.report[0]]).toEqual([
      0,
      `certificate ui: no ISSUED certificate from CA ${other} in us-east-1 has exactly retail.example.com; certkit will request one.`,
    ]);
  });
});

describe("check", () => {
  it("says that an adopted public certificate would be replaced by a private one", async () => {
    const problems = await findProblems(
      prod(CA, `{ certificates: { ui: "${CERT_ARN}" } }`),
      new CloudflareReader(),
      new AcmReader(),
    );
    expect(problems.filter((p) => p.includes("issued by"))).toEqual([
      `adopt.certificates.ui: the certificate is issued by a public CA, the config asks for private CA ${CA}: deploy would replace it (certificate_authority_arn forces a new certificate). Fix: remove certificates.ui.certificateAuthorityArn, or accept the replacement.`,
    ]);
  });

  it("finds nothing to say about the issuer of an adopted certificate of the configured CA", async () => {
    const problems = await findProblems(
      prod(CA, `{ certificates: { ui: "${PRIVATE_ARN}" } }`),
      new CloudflareReader(),
      new AcmReader(),
    );
    expect(problems.filter((p) => p.includes("issued by"))).toEqual([]);
  });

  it("leaves a private certificate's names out of the CAA check: CAA binds public CAs only", async () => {
    const zone = manualZone();
    zone.records.push({
      id: "d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3",
      name: "example.com",
      type: "CAA",
      content: '0 issue "letsencrypt.org"',
      data: { flags: 0, tag: "issue", value: "letsencrypt.org" },
    });
    const withCaa = await startCloudflareFake({ token: TOKEN, zones: [zone] });
    process.env.CLOUDFLARE_BASE_URL = withCaa.url;
    try {
      const env = environmentOf(yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: us-east-1 }
        environments:
          prod:
            certificates:
              ui: { domains: [retail.example.com, "*.retail.example.com"], certificateAuthorityArn: "${CA}", target: lb.example.net }
              web: { domains: [retail.example.com], target: lb.example.net }
      `);
      const problems = await findProblems(env, new CloudflareReader(), new AcmReader());
      expect(problems.filter((p) => p.includes("CAA"))).toEqual([
        'example.com (zone example.com): its CAA issue records allow only letsencrypt.org, so ACM cannot issue or renew retail.example.com. Fix: add a CAA record `0 issue "amazon.com"` at example.com (or set cloudflare.zones["example.com"].caa: true when that is the apex).',
      ]);
    } finally {
      process.env.CLOUDFLARE_BASE_URL = cloudflare.url;
      await withCaa.close();
    }
  });
});
