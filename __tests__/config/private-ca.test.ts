// `certificateAuthorityArn`: a private certificate needs no validation record, no
// zone for its names and no wait; its CA must be in the certificate's region.
import {
  TEST_ACCOUNT_ID,
  environmentOf,
  expectProblems,
  loaded,
  withCertificate,
  yaml,
} from "../helpers";

const CA_ID = "12345678-1234-1234-1234-123456789012";
const caArn = (region: string, partition = "aws") =>
  `arn:${partition}:acm-pca:${region}:${TEST_ACCOUNT_ID}:certificate-authority/${CA_ID}`;
const CA = caArn("eu-west-1");

describe("private certificates", () => {
  it("loads one whose names are under no configured zone, and plans no validation record for it", () => {
    const { config, warnings } = loaded(
      withCertificate(
        `domains: [api.internal.corp, app.example.com], certificateAuthorityArn: "${CA}", target: lb.example.net, hostnames: [{ name: app.example.com, proxied: false }]`,
      ),
    );
    const [env] = config.environments;
    expect(env.certificates[0].certificateAuthorityArn).toBe(CA);
    expect(env.validationRecords).toEqual([]);
    expect(warnings).toEqual([
      "environments.prod (line 4, column 5): nobody is notified of certificate expiry in eu-west-1: certificate web sets neither alarm.emails nor alarm.topicArn. The alarms, the event rule and the topic are still created; set alarm.emails (in defaults to cover every environment) or subscribe to the topic.",
      "environments.prod.certificates.web (line 6, column 12): not attached to any endpoint; ACM renews only certificates in use by an AWS service. Add `attach` unless something outside certkit uses it.",
    ]);
  });

  it("still needs a zone for each hostname", () => {
    expectProblems(
      withCertificate(
        `domains: [api.internal.corp], certificateAuthorityArn: "${CA}", target: lb.example.net, hostnames: [api.internal.corp]`,
      ),
      [
        'environments.prod.certificates.web.hostnames[0] (line 6, column 206): "api.internal.corp" is under no configured zone (configured: example.com, example.org). Fix: add its zone under cloudflare.zones, route53.zones or external.zones.',
      ],
    );
  });

  it("plans the records of public certificates only, also for a name both validate", () => {
    const env = environmentOf(yaml`
      cloudflare: { zones: { example.com: {} } }
      environments:
        prod:
          region: eu-west-1
          certificates:
            public: { domains: [example.com], target: lb.example.net }
            private: { domains: [example.com, www.example.com], certificateAuthorityArn: "${CA}", target: lb.example.net }
    `);
    expect(env.validationRecords.map((r) => [r.baseName, r.certificates])).toEqual([
      ["example.com", ["public"]],
    ]);
  });

  it("fails when the ARN is not an AWS Private CA's", () => {
    expectProblems(
      withCertificate(
        `domains: [example.com], certificateAuthorityArn: "arn:aws:acm:eu-west-1:${TEST_ACCOUNT_ID}:certificate/${CA_ID}"`,
      ),
      [
        `environments.prod.certificates.web.certificateAuthorityArn (line 6, column 63): is not the ARN of an AWS Private CA, got "arn:aws:acm:eu-west-1:${TEST_ACCOUNT_ID}:certificate/${CA_ID}". Fix: copy the CA's ARN from \`aws acm-pca list-certificate-authorities\`, of the form arn:aws:acm-pca:<region>:<12-digit account id>:certificate-authority/<id>.`,
      ],
    );
  });

  it("fails when the ARN names another partition than its region's", () => {
    expectProblems(
      withCertificate(
        `domains: [example.com], certificateAuthorityArn: "${caArn("eu-west-1", "aws-cn")}"`,
      ),
      [
        `environments.prod.certificates.web.certificateAuthorityArn (line 6, column 63): names partition aws-cn, but region eu-west-1 is in partition aws, got "${caArn("eu-west-1", "aws-cn")}". Fix: write arn:aws:acm-pca:eu-west-1:...`,
      ],
    );
  });

  it("fails when the CA is in another region than the certificate", () => {
    expectProblems(
      withCertificate(`domains: [example.com], certificateAuthorityArn: "${caArn("us-east-1")}"`),
      [
        "environments.prod.certificates.web.certificateAuthorityArn (line 6, column 63): is a CA in us-east-1, but the certificate lives in eu-west-1; ACM issues a private certificate only from a CA in the certificate's region (private CAs are regional and cannot be copied). Fix: use a CA in eu-west-1, creating one there if needed.",
      ],
    );
  });

  // AWS refuses it there: CloudFront takes CAs of Mozilla's list only; API Gateway's
  // custom domains, publicly trusted CAs only. The CA's region is then not reported.
  it("fails when CloudFront would serve it, whatever the CA's region", () => {
    const cloudfront = (arn: string) =>
      withCertificate(
        `domains: [cdn.example.com], certificateAuthorityArn: "${arn}", attach: { cloudfront: { origin: o.example.net } }, hostnames: [cdn.example.com]`,
      );
    for (const arn of [caArn("us-east-1"), CA]) {
      expectProblems(cloudfront(arn), [
        `environments.prod.certificates.web.attach.cloudfront (line 6, column 190): cannot serve a private certificate: CloudFront takes for alternate domain names only certificates from a CA on Mozilla's Included CA Certificate List (ACM's public certificates among them), and an AWS Private CA is not one, so CloudFront refuses the distribution at apply; got certificateAuthorityArn "${arn}". Fix: remove certificateAuthorityArn to request a public certificate (its domains then need their zones under cloudflare.zones, route53.zones or external.zones), or serve the private certificate from a load balancer (attach.alb or attach.nlb).`,
      ]);
    }
  });

  it("fails when an API Gateway custom domain would serve it, edge-optimized or regional", () => {
    const api = (endpoint: string) =>
      withCertificate(
        `domains: [api.example.com], certificateAuthorityArn: "${CA}", attach: { apiGateway: { type: rest, endpoint: ${endpoint}, apiId: a1b2c3d4e5, stage: prod } }, hostnames: [api.example.com]`,
      );
    expectProblems(api("edge"), [
      `environments.prod.certificates.web.attach.apiGateway (line 6, column 190): cannot serve a private certificate: an edge-optimized API Gateway custom domain name takes only a certificate signed by a publicly trusted CA, and an AWS Private CA is not one; got certificateAuthorityArn "${CA}". Fix: remove certificateAuthorityArn to request a public certificate (its domains then need their zones under cloudflare.zones, route53.zones or external.zones), or serve the private certificate from a load balancer (attach.alb or attach.nlb).`,
    ]);
    expectProblems(api("regional"), [
      `environments.prod.certificates.web.attach.apiGateway (line 6, column 190): cannot serve a private certificate: a regional API Gateway custom domain name takes only a certificate signed by a publicly trusted CA, and an AWS Private CA is not one; got certificateAuthorityArn "${CA}". Fix: remove certificateAuthorityArn to request a public certificate (its domains then need their zones under cloudflare.zones, route53.zones or external.zones), or serve the private certificate from a load balancer (attach.alb or attach.nlb).`,
    ]);
  });

  it("fails when it also asks for an exportable public certificate", () => {
    expectProblems(
      withCertificate(`domains: [example.com], certificateAuthorityArn: "${CA}", exportable: true`),
      [
        "environments.prod.certificates.web.exportable (line 6, column 176): asks for an exportable public certificate, but certificateAuthorityArn makes this a private one, which ACM exports without it (ExportCertificate). Fix: remove exportable.",
      ],
    );
  });

  it("warns that waitForValidation: false changes nothing, instead of warning about an unissued ARN", () => {
    const { warnings } = loaded(
      withCertificate(
        `domains: [app.example.com], certificateAuthorityArn: "${CA}", waitForValidation: false, target: lb.example.net, hostnames: [{ name: app.example.com, proxied: false }]`,
      ),
    );
    expect(warnings).toEqual([
      "environments.prod (line 4, column 5): nobody is notified of certificate expiry in eu-west-1: certificate web sets neither alarm.emails nor alarm.topicArn. The alarms, the event rule and the topic are still created; set alarm.emails (in defaults to cover every environment) or subscribe to the topic.",
      "environments.prod.certificates.web (line 6, column 12): not attached to any endpoint; ACM renews only certificates in use by an AWS service. Add `attach` unless something outside certkit uses it.",
      "environments.prod.certificates.web.waitForValidation (line 6, column 187): false changes nothing for a private certificate (certificateAuthorityArn): ACM validates nothing, and certkit writes no validation record and waits for nothing. Remove it.",
    ]);
  });

  it("warns that Cloudflare's proxy does not trust a private CA at the origin", () => {
    const { warnings } = loaded(
      withCertificate(
        `domains: [app.example.com], certificateAuthorityArn: "${CA}", target: lb.example.net, hostnames: [app.example.com], alarm: { enabled: false }`,
      ),
    );
    expect(warnings.filter((w) => w.includes("certificate is private"))).toEqual([
      `environments.prod.certificates.web.hostnames[0] (line 6, column 204): "app.example.com" is proxied, but its certificate is private: Cloudflare's proxy trusts only public CAs at the origin (in Full (strict) visitors get error 526) unless the zone's Custom Origin Trust Store (Advanced Certificate Manager, paid) holds your CA. Set proxied: false, or upload the CA there.`,
    ]);
  });

  it("adopts a private certificate by ARN, but no validation record for its names", () => {
    const arn = `arn:aws:acm:eu-west-1:${TEST_ACCOUNT_ID}:certificate/${CA_ID}`;
    const config = (adopt: string) => yaml`
      cloudflare: { zones: { example.com: {} } }
      environments:
        prod:
          region: eu-west-1
          accountId: "${TEST_ACCOUNT_ID}"
          certificates:
            web: { domains: [example.com], certificateAuthorityArn: "${CA}", target: lb.example.net }
          adopt: ${adopt}
    `;
    expect(
      environmentOf(config(`{ certificates: { web: "${arn}" } }`)).certificates[0].adoptArn,
    ).toBe(arn);
    expectProblems(
      config(`{ validationRecords: { example.com: "372e67954025e0ba6aaa6d586b9e0b59" } }`),
      [
        'environments.prod.adopt.validationRecords["example.com"] (line 8, column 48): certkit writes no validation record at "example.com" in this environment (it writes none). Fix: use one of those names, or remove the entry.',
      ],
    );
  });
});
