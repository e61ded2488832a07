// `environments.<env>.adopt`: checks with key path and fix, and the import blocks
// synthesis emits to the addresses certkit already uses.
import { Testing } from "cdktf";
import { IngressStack } from "../../stacks/ingress-stack";
import { stackToHcl } from "../../review/hcl";
import { environmentOf, expectProblems, synthEnvironment, yaml } from "../helpers";

const ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0b3c8a4e-7f2d-4c1a-9e5b-2d6f8a1c3e7b";
const US_ARN =
  "arn:aws:acm:us-east-1:123456789012:certificate/5d2f1e3c-8a9b-4c7d-a6e1-0f9b8c7d6e5a";
const VALIDATION_ID = "372e67954025e0ba6aaa6d586b9e0b59";
const APP_ID = "9a7806061c88ada191ed06f989cc3dac";
const ZONE_ID = "0123456789abcdef0123456789abcdef";

/** Environment prod with `web` (example.com, *.example.com) and `cdn` (CloudFront); `adopt` on line 10. */
const config = (adopt: string) => yaml`
  cloudflare: { zones: { example.com: {}, example.org: { zoneId: ${ZONE_ID} } } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
        web: { domains: [example.com, "*.example.com"], target: lb.example.net, hostnames: [www.example.com] }
        cdn: { domains: [cdn.example.org], attach: { cloudfront: { origin: o.example.net } }, hostnames: [cdn.example.org] }
      adopt: ${adopt}
`;

describe("adopt checks", () => {
  it("loads a section naming what certkit writes, and carries each entry to its resource", () => {
    const env = environmentOf(
      config(
        `{ certificates: { web: "${ARN}" }, validationRecords: { example.com: "${VALIDATION_ID}" }, hostnames: { www.example.com: "${APP_ID}" } }`,
      ),
    );
    expect(env.certificates.map((c) => [c.name, c.adoptArn])).toEqual([
      ["web", ARN],
      ["cdn", undefined],
    ]);
    expect(env.validationRecords.map((r) => [r.baseName, r.adoptRecordId])).toEqual([
      ["cdn.example.org", undefined],
      ["example.com", VALIDATION_ID],
    ]);
    expect(env.certificates[0].hostnames.map((h) => [h.name, h.adoptRecordId])).toEqual([
      ["www.example.com", APP_ID],
    ]);
  });

  it("fails when an ARN is not an ACM certificate ARN, or in another region or account", () => {
    expectProblems(
      config(`
        certificates:
          web: arn:aws:acm:eu-west-1:123456789012:certificate/\${x}
          cdn: "arn:aws:acm:eu-west-1:210987654321:certificate/5d2f1e3c-8a9b-4c7d-a6e1-0f9b8c7d6e5a"`),
      [
        'environments.prod.adopt.certificates.web (line 11, column 14): is not an ACM certificate ARN, got "arn:aws:acm:eu-west-1:123456789012:certificate/${x}". Fix: copy it from `aws acm list-certificates` (arn:aws:acm:<region>:<account>:certificate/<id>).',
        "environments.prod.adopt.certificates.cdn (line 12, column 14): is a certificate in eu-west-1, but certificate cdn lives in us-east-1 (CloudFront takes certificates from us-east-1 only). Fix: adopt a certificate from us-east-1, or remove the entry and let certkit request a new one.",
        "environments.prod.adopt.certificates.cdn (line 12, column 14): is a certificate of account 210987654321, but the environment's accountId is 123456789012. Fix: adopt a certificate of account 123456789012, or correct accountId.",
      ],
    );
  });

  it("fails when a certificate name is unknown or one ARN is adopted twice", () => {
    expectProblems(
      config(`{ certificates: { web: "${US_ARN}", cdn: "${US_ARN}", api: "${ARN}" } }`),
      [
        `environments.prod.adopt.certificates.web (line 9, column 35): is a certificate in us-east-1, but certificate web lives in eu-west-1. Fix: adopt a certificate from eu-west-1, or remove the entry and let certkit request a new one.`,
        `environments.prod.adopt.certificates.cdn (line 9, column 127): adopts the same ARN as certificates.web; one certificate can belong to one certificate name only. Fix: keep one of the entries.`,
        `environments.prod.adopt.certificates.api (line 9, column 219): "api" is not a certificate of this environment (its certificates: web, cdn). Fix: use the name of the certificate the ARN stands for, or remove the entry.`,
      ],
    );
  });

  it("fails when a record id is not 32 hex characters, naming a YAML number as such", () => {
    expectProblems(
      config(`
        validationRecords: { example.com: 12345678901234567890123456789012 }
        hostnames: { www.example.com: "9A7806061C88ADA191ED06F989CC3DAC" }`),
      [
        'environments.prod.adopt.validationRecords["example.com"] (line 10, column 41): YAML reads 12345678901234567890123456789012 as a number (1.2345678901234567e+31), which would alter the ID. Fix: quote it: "12345678901234567890123456789012".',
        'environments.prod.adopt.hostnames["www.example.com"] (line 11, column 37): must be a Cloudflare record id (32 lowercase hex characters, quoted) or a Route 53 record id (<zone id>_<name>_<type>, type A or CNAME). Got "9A7806061C88ADA191ED06F989CC3DAC". Fix: copy the record\'s id from Cloudflare\'s API in lowercase and quotes (or let `npx certkit adopt <env>` write it); for Route 53, write Z<zone id>_<hostname>_A.',
      ],
    );
  });

  it("fails when a name is not one certkit writes, a wildcard, twice, or one record is adopted twice", () => {
    expectProblems(
      config(`
        validationRecords:
          "*.example.com": ${VALIDATION_ID}
          api.example.com: ${VALIDATION_ID}
          Example.com: ${VALIDATION_ID}
          example.COM: ${APP_ID}
        hostnames:
          www.example.com: ${VALIDATION_ID}
          shop.example.com: ${APP_ID}`),
      [
        'environments.prod.adopt.validationRecords["*.example.com"] (line 11, column 26): "*.example.com" and "example.com" share one validation record. Fix: write the entry as example.com.',
        'environments.prod.adopt.validationRecords["api.example.com"] (line 12, column 26): certkit writes no validation record at "api.example.com" in this environment (it writes: cdn.example.org, example.com). Fix: use one of those names, or remove the entry.',
        'environments.prod.adopt.validationRecords["example.COM"] (line 14, column 22): "example.COM" and "Example.com" name one record (DNS names are case-insensitive). Fix: keep one.',
        `environments.prod.adopt.hostnames["www.example.com"] (line 16, column 26): record ${VALIDATION_ID} is also adopted at environments.prod.adopt.validationRecords["Example.com"]; one DNS record can belong to one address only. Fix: keep the entry whose name the record has.`,
        'environments.prod.adopt.hostnames["shop.example.com"] (line 17, column 27): certkit writes no app record at "shop.example.com" in this environment (it writes: cdn.example.org, www.example.com). Fix: use one of those names, or remove the entry.',
      ],
    );
  });
});

describe("adopt in synthesis", () => {
  it("emits one import block per entry, to the address certkit uses, through the certificate's provider", () => {
    const json = synthEnvironment(
      config(
        `{ certificates: { web: "${ARN}", cdn: "${US_ARN}" }, validationRecords: { example.com: "${VALIDATION_ID}", cdn.example.org: "${APP_ID}" }, hostnames: { www.example.com: "ffffffffffffffffffffffffffffffff" } }`,
      ),
    ) as { import?: unknown[] };
    expect(json.import).toEqual([
      { id: ARN, to: "aws_acm_certificate.web" },
      { id: US_ARN, provider: "aws.us_east_1", to: "aws_acm_certificate.cdn" },
      { id: `${ZONE_ID}/${APP_ID}`, to: "cloudflare_dns_record.acm_validation_cdn_example_org" },
      {
        id: `\${data.cloudflare_zone.zone_example_com.id}/${VALIDATION_ID}`,
        to: "cloudflare_dns_record.acm_validation_example_com",
      },
      {
        id: "${data.cloudflare_zone.zone_example_com.id}/ffffffffffffffffffffffffffffffff",
        to: "cloudflare_dns_record.app_www_example_com",
      },
    ]);
  });

  it("emits no import block without an adopt section", () => {
    expect((synthEnvironment(config("{}")) as { import?: unknown }).import).toBeUndefined();
  });

  it("puts the import of a controller-made ALB's app record into the ingress stack", () => {
    const env = environmentOf(yaml`
      cloudflare: { zones: { example.com: { zoneId: ${ZONE_ID} } } }
      environments:
        prod:
          region: us-east-1
          accountId: "123456789012"
          certificates:
            ui:
              domains: [retail.example.com]
              attach: { alb: { ingressGroup: ecom-eks, cluster: prod-eks } }
              hostnames: [retail.example.com]
          adopt: { hostnames: { retail.example.com: "${APP_ID}" } }
    `);
    const stack = new IngressStack(Testing.app(), {
      environment: env,
      backend: env.ingressBackend!,
    });
    const json = JSON.parse(Testing.synth(stack, true)) as { import?: unknown[] };
    expect(json.import).toEqual([
      { id: `${ZONE_ID}/${APP_ID}`, to: "cloudflare_dns_record.app_retail_example_com" },
    ]);
  });

  it("shows import blocks in the review HCL", () => {
    const hcl = stackToHcl({
      import: [
        { id: US_ARN, provider: "aws.us_east_1", to: "aws_acm_certificate.cdn" },
        { id: "${data.cloudflare_zone.z.id}/" + APP_ID, to: "cloudflare_dns_record.app_x" },
      ],
    });
    expect(hcl).toBe(
      [
        "import {",
        "  to       = aws_acm_certificate.cdn",
        "  provider = aws.us_east_1",
        "",
        `  id = "${US_ARN}"`,
        "}",
        "",
        "import {",
        "  to = cloudflare_dns_record.app_x",
        "",
        `  id = "\${data.cloudflare_zone.z.id}/${APP_ID}"`,
        "}",
        "",
      ].join("\n"),
    );
  });
});
