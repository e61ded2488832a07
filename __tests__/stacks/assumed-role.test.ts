// roleArn / externalId: every AWS provider of an environment's stacks assumes the role
// and stays pinned to the account; the zones stack's provider takes defaults'.
import { Testing } from "cdktf";
import { buildApp } from "../../stacks/build-app";
import { SynthJson, load, yaml } from "../helpers";

const ROLE = "arn:aws:iam::123456789012:role/certkit-deploy";

/** prod (with `settings`) has an aliased us-east-1 provider (CloudFront) and an ingress stack. */
const config = (settings: string) => yaml`
  project: shop
  cloudflare: { zones: { example.com: { caa: true } } }
  defaults: { region: eu-west-1, accountId: "123456789012", alarm: { emails: [ops@example.com] } }
  environments:
    prod:
      ${settings}
      certificates:
        site: { domains: [example.com], attach: { cloudfront: { origin: o.example.net } }, hostnames: [example.com] }
        app: { domains: [app.example.com], attach: { alb: { ingressGroup: g, cluster: c } }, hostnames: [app.example.com] }
`;

/** The AWS providers of every stack, by stack name. */
function awsProvidersByStack(text: string): Record<string, Record<string, unknown>[]> {
  const stacks = buildApp(Testing.app(), load(text).config);
  return Object.fromEntries(
    stacks.map((s) => [s.node.id, (JSON.parse(Testing.synth(s)) as SynthJson).provider?.aws ?? []]),
  );
}

const pick = (p: Record<string, unknown>) => ({
  alias: p.alias,
  region: p.region,
  allowed_account_ids: p.allowed_account_ids,
  assume_role: p.assume_role,
});

describe("an environment with roleArn", () => {
  it("has every AWS provider of its stacks assume the role, still pinned to the account", () => {
    const role = [
      { role_arn: ROLE, external_id: "certkit-7f3a9c", session_name: "certkit-shop-prod" },
    ];
    const pinned = { allowed_account_ids: ["123456789012"], assume_role: role };
    const providers = awsProvidersByStack(
      config(`roleArn: "${ROLE}"\n      externalId: certkit-7f3a9c`),
    );
    expect(
      Object.fromEntries(Object.entries(providers).map(([s, ps]) => [s, ps.map(pick)])),
    ).toEqual({
      prod: [
        { alias: undefined, region: "eu-west-1", ...pinned },
        { alias: "us_east_1", region: "us-east-1", ...pinned },
      ],
      "prod-ingress": [{ alias: undefined, region: "eu-west-1", ...pinned }],
      zones: [],
    });
  });

  it("leaves assume_role out without roleArn", () => {
    const providers = Object.values(awsProvidersByStack(config("tags: { tier: web }"))).flat();
    expect(providers.length).toBe(3);
    expect(providers.filter((p) => "assume_role" in p)).toEqual([]);
  });
});

describe("the zones stack's AWS access", () => {
  it("gives the AWS provider of a Route 53 zone's settings defaults' account and role", () => {
    const text = config("tags: { tier: web }")
      .replace('accountId: "123456789012"', `accountId: "123456789012", roleArn: "${ROLE}"`)
      .replace(
        "cloudflare: { zones: { example.com: { caa: true } } }",
        "route53: { zones: { example.com: { zoneId: Z0123456789ABCDEFGHIJ, caa: true } } }",
      );
    expect(awsProvidersByStack(text).zones).toEqual([
      {
        region: "eu-west-1",
        allowed_account_ids: ["123456789012"],
        assume_role: [{ role_arn: ROLE, session_name: "certkit-shop-zones" }],
      },
    ]);
  });

  it("has no AWS provider when no zone setting is at AWS", () => {
    expect(awsProvidersByStack(config("tags: { tier: web }")).zones).toEqual([]);
  });
});
