// Offline plan of an environment that assumes a role in its account: real terraform
// and AWS provider against a stand-in STS (sts-fake.ts), so the role, its external id
// and session name are used, and allowed_account_ids is checked, as at apply.
import { loadConfigText } from "../../config/load";
import { type PlanResult, describePlan, environmentStackJson, planStack } from "./harness";
import { ASSUMED_ACCESS_KEY_ID, type StsFake, startStsFake } from "./sts-fake";

const ROLE = "arn:aws:iam::123456789012:role/certkit-deploy";

// site is served by CloudFront: its certificate needs the aliased us-east-1 provider.
const CONFIG = `
project: shop
cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
defaults: { region: eu-west-1, alarm: { emails: [ops@example.com] } }
environments:
  prod:
    accountId: "123456789012"
    roleArn: "${ROLE}"
    externalId: certkit-7f3a9c
    certificates:
      web: { domains: [example.com] }
      site:
        domains: [site.example.com]
        attach: { cloudfront: { origin: origin.example.com } }
`;

const stackJson = () => environmentStackJson(loadConfigText(CONFIG).config.environments[0]);

describePlan("an environment assuming a role, planned against a stand-in STS", () => {
  let sts: StsFake;
  let plan: PlanResult;
  beforeAll(async () => {
    sts = await startStsFake("123456789012");
    try {
      plan = await planStack(stackJson(), { prepare: { sts: sts.url } });
    } finally {
      await sts.close();
    }
  });

  it("assumes the role with the external id and session name, from each provider", () => {
    const assumed = sts.calls.filter((c) => c.params.Action === "AssumeRole");
    // Once per provider (eu-west-1 and us-east-1); the provider may repeat a call.
    expect(assumed.length).toBeGreaterThanOrEqual(2);
    for (const call of assumed) {
      expect(call.params).toMatchObject({
        RoleArn: ROLE,
        ExternalId: "certkit-7f3a9c",
        RoleSessionName: "certkit-shop-prod",
      });
      expect(call.accessKeyId).not.toBe(ASSUMED_ACCESS_KEY_ID);
    }
  });

  it("reads the account with the assumed credentials, and plans", () => {
    const identity = sts.calls.filter((c) => c.params.Action === "GetCallerIdentity");
    expect(identity.length).toBeGreaterThanOrEqual(1);
    expect(identity.map((c) => c.accessKeyId)).toEqual(identity.map(() => ASSUMED_ACCESS_KEY_ID));
    expect(
      plan
        .byType("aws_acm_certificate")
        .map((r) => r.address)
        .sort(),
    ).toEqual(["aws_acm_certificate.site", "aws_acm_certificate.web"]);
  });
});

describePlan("the account check behind the roleArn rule, planned against a stand-in STS", () => {
  it("fails the plan: allowed_account_ids is checked against the assumed role's account", async () => {
    const sts = await startStsFake("210987654321");
    try {
      await expect(planStack(stackJson(), { prepare: { sts: sts.url } })).rejects.toThrow(
        "AWS account ID not allowed: 210987654321",
      );
    } finally {
      await sts.close();
    }
  });
});
