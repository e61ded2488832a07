import {
  SynthJson,
  expectCounts,
  resourceOf,
  resourcesOf,
  synthEnvironment,
  yaml,
} from "../helpers";

/** One environment `prod` with `settings` (YAML lines under prod) and one certificate `web`. */
const prod = (settings = "", domains = "[example.com]") => yaml`
  project: shop
  cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
  defaults: { region: eu-west-1, accountId: "123456789012", tags: { owner: platform } }
  environments:
    prod:
      ${settings}
      certificates:
        web: { domains: ${domains} }
`;

const awsProviders = (json: SynthJson) => json.provider?.aws ?? [];

describe("EnvironmentStack providers", () => {
  it("configures one AWS provider in the environment's region", () => {
    expect(awsProviders(synthEnvironment(prod())).map((p) => p.region)).toEqual(["eu-west-1"]);
  });

  it("tags everything with the defaults plus project, environment and managed-by", () => {
    expect(awsProviders(synthEnvironment(prod()))[0].default_tags).toEqual([
      {
        tags: {
          owner: "platform",
          project: "shop",
          environment: "prod",
          "managed-by": "certkit",
        },
      },
    ]);
  });

  it("pins the AWS provider to the accountId when one is given", () => {
    const [aws] = awsProviders(synthEnvironment(prod('accountId: "012345678901"')));
    expect(aws.allowed_account_ids).toEqual(["012345678901"]);
  });

  it("does not pin an account when none is given", () => {
    // Without an account, the expiry topic cannot get a key certkit creates.
    const text = prod("alarm: { kmsKey: none }").replace(', accountId: "123456789012"', "");
    expect(awsProviders(synthEnvironment(text))[0]).not.toHaveProperty("allowed_account_ids");
  });

  it("configures the Cloudflare provider without a token (it reads CLOUDFLARE_API_TOKEN)", () => {
    expect(synthEnvironment(prod()).provider?.cloudflare).toEqual([{}]);
  });
});

describe("EnvironmentStack backends", () => {
  it("keeps local state in the project root through a relative path", () => {
    expect(synthEnvironment(prod()).terraform?.backend).toEqual({
      local: { path: "../../../terraform.prod.tfstate" },
    });
  });

  it("writes no absolute path anywhere in the output", () => {
    const text = JSON.stringify(synthEnvironment(prod()));
    expect([text.includes(process.cwd()), /"\/[^"]*"/.test(text)]).toEqual([false, false]);
  });

  it("uses S3 with native locking and {environment} replaced", () => {
    const json = synthEnvironment(
      prod('backend: { s3: { bucket: tf-state, key: "certkit/{environment}.tfstate" } }'),
    );
    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: "tf-state",
        key: "certkit/prod.tfstate",
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it("assumes the state role and uses the bucket's own region when given", () => {
    const json = synthEnvironment(
      prod(
        "backend: { s3: { bucket: tf-state, key: prod.tfstate, region: us-east-1, roleArn: arn:aws:iam::123456789012:role/state } }",
      ),
    );
    expect(json.terraform?.backend?.s3).toMatchObject({
      region: "us-east-1",
      assume_role: { role_arn: "arn:aws:iam::123456789012:role/state" },
    });
  });

  it("uses Terraform Cloud with organization, workspace and project", () => {
    const json = synthEnvironment(
      prod(
        'backend: { cloud: { organization: acme, workspace: "certkit-{environment}", project: platform } }',
      ),
    );
    expect([json.terraform?.backend, json.terraform?.cloud]).toEqual([
      undefined,
      { organization: "acme", workspaces: { name: "certkit-prod", project: "platform" } },
    ]);
  });
});

describe("EnvironmentStack certificates and records", () => {
  it("creates a certificate, its validation and one record per distinct name", () => {
    const json = synthEnvironment(prod("", '[example.com, "*.example.com", www.example.com]'));
    expectCounts(json, {
      aws_acm_certificate: 1,
      aws_acm_certificate_validation: 1,
      cloudflare_dns_record: 2,
    });
  });

  it("names the certificate after project, environment and config name", () => {
    expect(resourceOf(synthEnvironment(prod()), "aws_acm_certificate", "web").tags).toEqual({
      Name: "shop-prod-web",
    });
  });

  it("outputs the certificate ARN from the validation", () => {
    expect(synthEnvironment(prod()).output?.certificate_arn_web.value).toBe(
      "${aws_acm_certificate_validation.web.certificate_arn}",
    );
  });

  it("keeps every record and its id when domains are reordered", () => {
    const before = synthEnvironment(prod("", '[example.com, www.example.com, "*.example.com"]'));
    const after = synthEnvironment(prod("", '[www.example.com, "*.example.com", example.com]'));
    expect(resourcesOf(after, "cloudflare_dns_record")).toEqual(
      resourcesOf(before, "cloudflare_dns_record"),
    );
  });

  it("keeps existing records unchanged when a domain is added", () => {
    const before = resourcesOf(
      synthEnvironment(prod("", "[example.com, www.example.com]")),
      "cloudflare_dns_record",
    );
    const after = resourcesOf(
      synthEnvironment(prod("", "[example.com, api.example.com, www.example.com]")),
      "cloudflare_dns_record",
    );
    expect(Object.fromEntries(Object.keys(before).map((id) => [id, after[id]]))).toEqual(before);
  });
});

describe("EnvironmentStack with validationRecordOwners", () => {
  const shared = yaml`
    cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
    defaults: { region: eu-west-1, accountId: "123456789012" }
    environments:
      prod:
        certificates:
          web: { domains: [example.com, "*.example.com"] }
      staging:
        validationRecordOwners: { example.com: prod }
        certificates:
          web: { domains: [staging.example.com, "*.example.com"] }
  `;

  it("creates the shared record in the owner's stack", () => {
    expect(
      Object.keys(resourcesOf(synthEnvironment(shared, "prod"), "cloudflare_dns_record")),
    ).toEqual(["acm_validation_example_com"]);
  });

  it("creates no shared record in the other stack, whose validation waits on its own record name", () => {
    const json = synthEnvironment(shared, "staging");
    expect([
      Object.keys(resourcesOf(json, "cloudflare_dns_record")),
      resourceOf(json, "aws_acm_certificate_validation", "web").validation_record_fqdns,
    ]).toEqual([
      ["acm_validation_staging_example_com"],
      [
        "${cloudflare_dns_record.acm_validation_staging_example_com.name}",
        '${trimsuffix(one([for o in aws_acm_certificate.web.domain_validation_options : o.resource_record_name if o.domain_name == "*.example.com"]), ".")}',
      ],
    ]);
  });
});
