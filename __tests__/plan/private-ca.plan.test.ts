// Offline plan of private certificates (AWS Private CA): real terraform and AWS
// provider; Cloudflare records stood in by terraform_data. The provider takes
// certificate_authority_arn without validation_method (they conflict), and
// nothing waits: no aws_acm_certificate_validation, no validation record. Only endpoints
// that take a private certificate: CloudFront and API Gateway custom domains take publicly
// trusted ones only, and the config refuses them (__tests__/config/private-ca.test.ts).
import { loadConfigText } from "../../config/load";
import { type PlanResult, describePlan, planFirstEnvironment } from "./harness";
import { configured, plannedCreate, providerRegions } from "./plan-queries";

const CA =
  "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/intranet/6a1e5c3b9d2f4e70";
const TG =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/intranet-wiki/8c4d2e6f1a3b5c7d";

// `public` shares example.com with the private `wiki`: only `public` gets its record.
const CONFIG = `
cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
defaults: { region: eu-west-1, alarm: { emails: [pki@example.com] } }
environments:
  prod:
    accountId: "123456789012"
    certificates:
      wiki:
        domains: [example.com, wiki.example.com, "*.internal.corp"]
        certificateAuthorityArn: "${CA}"
        attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}", dnsName: internal-intranet-1.eu-west-1.elb.amazonaws.com } }
        hostnames: [{ name: wiki.example.com, proxied: false }]
      public:
        domains: [example.com]
        target: lb.example.net
`;

describePlan("private certificates planned offline (Cloudflare stood in by terraform_data)", () => {
  let plan: PlanResult;
  beforeAll(async () => {
    plan = await planFirstEnvironment(loadConfigText(CONFIG).config);
  });

  const addresses = (prefix: string) =>
    plan
      .resources()
      .map((r) => r.address)
      .filter((a) => a.startsWith(prefix))
      .sort();

  it("requests the private certificate from its CA, with no validation method, in its region", () => {
    expect(providerRegions(plan)).toMatchObject({ aws: "eu-west-1" });
    expect(configured(plan, "aws_acm_certificate.wiki").provider_config_key).toBe("aws");
    expect(plannedCreate(plan, "aws_acm_certificate.wiki")).toMatchObject({
      certificate_authority_arn: CA,
      domain_name: "example.com",
      key_algorithm: "RSA_2048",
    });
    // Everything the certificate is given: no validation_method, no options.
    expect(Object.keys(configured(plan, "aws_acm_certificate.wiki").expressions).sort()).toEqual([
      "certificate_authority_arn",
      "domain_name",
      "key_algorithm",
      "subject_alternative_names",
      "tags",
    ]);
  });

  it("plans no validation and no validation record for them; the public certificate keeps its own", () => {
    expect(addresses("aws_acm_certificate_validation.")).toEqual([
      "aws_acm_certificate_validation.public",
    ]);
    const records = plan.standIns("cloudflare_dns_record");
    expect(records.map((r) => [r.original, r.input.comment]).sort()).toEqual([
      [
        "cloudflare_dns_record.acm_validation_example_com",
        "ACM validation, prod: public. Keep: renewals need it.",
      ],
      ["cloudflare_dns_record.app_wiki_example_com", "certkit: prod wiki"],
    ]);
  });

  it("serves the certificate's own ARN on the listener", () => {
    const listener = configured(plan, "aws_lb_listener.alb_intranet_6a1e5c3b9d2f4e70_https");
    expect(listener.expressions.certificate_arn.references).toEqual([
      "aws_acm_certificate.wiki.arn",
      "aws_acm_certificate.wiki",
    ]);
  });
});
