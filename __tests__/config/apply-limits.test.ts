// Limits AWS, S3, CloudFront and DNS enforce only at apply, checked in the config.
import { expectProblems, load, warningsOf, withCertificate, yaml } from "../helpers";

/** An environment prod with one certificate `web` for example.com; `env` and `top` are YAML added at those levels. */
const config = (top: string, env: string, cert = "") => yaml`
  cloudflare: { zones: { example.com: {} } }
  ${top}
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      ${env}
      certificates:
        web: { domains: [example.com]${cert} }
`;

/** `{ k1: v, k2: v, ... }` with n tags named `<prefix><i>`. */
const manyTags = (n: number, prefix: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `${prefix}${i}: x`).join(", ")} }`;

describe("tags", () => {
  it("fails when a tag key starts with aws: in any case", () => {
    expectProblems(config("", "tags: { AWS:owner: ops, team: web }"), [
      'environments.prod.tags["AWS:owner"] (line 7, column 24): tag key "AWS:owner" starts with "aws:", which AWS reserves for its own tags (in any case) and refuses at apply. Fix: rename the key, such as "owner".',
    ]);
  });

  it("fails when a tag key or value holds characters AWS refuses", () => {
    expectProblems(config("", "", ', tags: { "cost#center": a, owner: "${file(\\"x\\")}" }'), [
      'environments.prod.certificates.web.tags["cost#center"] (line 9, column 61): tag key "cost#center" has characters AWS refuses in tags: "#". Fix: use only letters, digits, spaces and _ . : / = + - @.',
      'environments.prod.certificates.web.tags.owner (line 9, column 71): tag value "${file(\\"x\\")}" has characters AWS refuses in tags: "$", "{", "(", "\\"", ")", "}". Fix: use only letters, digits, spaces and _ . : / = + - @.',
    ]);
  });

  it("fails when a tag value is longer than 256 characters", () => {
    const value = "v".repeat(257);
    expectProblems(config("", `tags: { owner: ${value} }`), [
      `environments.prod.tags.owner (line 7, column 20): must be at most 256 characters long, got "${"v".repeat(56)}.... Fix: shorten it.`,
    ]);
  });

  it("accepts letters of any script, digits, spaces and _ . : / = + - @", () => {
    const { config: c } = load(
      config("", 'tags: { "Kostenstelle Süd": "µ 東京 a_b.c:d/e=f+g-h@i" }'),
    );
    expect(c.environments[0].tags["Kostenstelle Süd"]).toBe("µ 東京 a_b.c:d/e=f+g-h@i");
  });

  it("fails when the merged default tags exceed 50 on every resource", () => {
    expectProblems(
      config(`defaults: { tags: ${manyTags(30, "d")} }`, `tags: ${manyTags(19, "e")}`),
      [
        "environments.prod.tags (line 7, column 11): every resource of environment prod would carry 51 tags (defaults.tags, environments.prod.tags and certkit's own (environment, managed-by)); AWS allows at most 50 per resource. Fix: remove at least 1.",
      ],
    );
  });

  it("fails when a certificate's own tags and Name take it over 50", () => {
    expectProblems(
      config(`defaults: { tags: ${manyTags(40, "d")} }`, "", `, tags: ${manyTags(8, "c")}`),
      [
        "environments.prod.certificates.web.tags (line 9, column 44): certificate web would carry 51 tags: 42 default tags (defaults.tags and certkit's own (environment, managed-by)) and 9 of its own (Name, c0, c1, ...); AWS allows at most 50 per resource. Fix: remove at least 1.",
      ],
    );
  });

  it("counts a key in both the defaults and the certificate once", () => {
    const { config: c } = load(
      config(`defaults: { tags: ${manyTags(47, "d")} }`, "", `, tags: ${manyTags(47, "d")}`),
    );
    expect(Object.keys(c.environments[0].tags)).toHaveLength(49);
  });

  it("warns when certkit's own tags replace the user's", () => {
    const warnings = warningsOf(yaml`
      project: shop
      cloudflare: { zones: { example.com: {} } }
      defaults: { tags: { managed-by: terraform } }
      environments:
        prod:
          region: eu-west-1
          accountId: "123456789012"
          tags: { environment: production, project: shop, team: web }
          certificates: { web: { domains: [example.com] } }
    `);
    expect(warnings.filter((w) => w.includes("tags"))).toEqual([
      'defaults.tags.managed-by (line 3, column 33): "terraform" is replaced by certkit\'s own tag managed-by = certkit on every resource of environment prod, so it never reaches AWS. Remove it, or use another key.',
      'environments.prod.tags.environment (line 8, column 26): "production" is replaced by certkit\'s own tag environment = prod on every resource of environment prod, so it never reaches AWS. Remove it, or use another key.',
    ]);
  });

  it("warns when a certificate's own tags name certkit's keys, and keeps certkit's values on it", () => {
    const source = yaml`
      cloudflare: { zones: { example.com: {} } }
      environments:
        prod:
          region: eu-west-1
          accountId: "123456789012"
          certificates:
            a: { domains: [example.com], tags: { environment: z, managed-by: q, team: web } }
    `;
    expect(warningsOf(source).filter((w) => w.includes("tags"))).toEqual([
      'environments.prod.certificates.a.tags.environment (line 7, column 57): "z" is replaced by certkit\'s own tag environment = prod on certificate a, so it never reaches AWS. Remove it, or use another key.',
      'environments.prod.certificates.a.tags.managed-by (line 7, column 72): "q" is replaced by certkit\'s own tag managed-by = certkit on certificate a, so it never reaches AWS. Remove it, or use another key.',
    ]);
    const env = load(source).config.environments[0];
    expect(env.certificates[0].tags).toEqual({ team: "web" });
    expect(env.tags).toEqual({ environment: "prod", "managed-by": "certkit" });
  });

  it("does not take tag keys named like Object.prototype members for certkit's own", () => {
    const keys = "{ constructor: a, toString: b, hasOwnProperty: c, valueOf: d }";
    const source = config(`defaults: { tags: ${keys} }`, `tags: ${keys}`, `, tags: ${keys}`);
    expect(warningsOf(source).filter((w) => w.includes("tags"))).toEqual([]);
    expect(load(source).config.environments[0].certificates[0].tags).toEqual({
      constructor: "a",
      toString: "b",
      hasOwnProperty: "c",
      valueOf: "d",
    });
  });
});

describe("CNAME loops", () => {
  it("fails when a hostname is its own target", () => {
    expectProblems(
      withCertificate(
        "domains: [www.example.com], hostnames: [www.example.com], target: WWW.example.com",
      ),
      [
        "environments.prod.certificates.web.hostnames[0] (line 6, column 54): \"www.example.com\" is also target: its CNAME would point at itself, a loop no resolver follows. Fix: set target to the endpoint's own DNS name (such as the load balancer's *.elb.amazonaws.com name).",
      ],
    );
  });

  it("fails when a hostname is the ALB's dnsName", () => {
    expectProblems(
      withCertificate(
        "domains: [www.example.com], hostnames: [{ name: www.example.com, proxied: false }], attach: { alb: { dnsName: www.example.com } }",
      ),
      [
        "environments.prod.certificates.web.hostnames[0].name (line 6, column 62): \"www.example.com\" is also attach.alb.dnsName: its CNAME would point at itself, a loop no resolver follows. Fix: set attach.alb.dnsName to the endpoint's own DNS name (such as the load balancer's *.elb.amazonaws.com name).",
      ],
    );
  });

  it("fails when hostnames of two environments point at each other", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012" }
        environments:
          blue:
            certificates: { web: { domains: [a.example.com], hostnames: [a.example.com], target: b.example.com } }
          green:
            certificates: { web: { domains: [b.example.com], hostnames: [b.example.com], target: a.example.com } }
      `,
      [
        'environments.blue.certificates.web.hostnames[0] (line 5, column 66): "a.example.com" is in a CNAME loop: "a.example.com" -> "b.example.com" -> "a.example.com" (through environments.blue.certificates.web.hostnames[0], environments.green.certificates.web.hostnames[0]); no resolver follows it. Fix: set target of one of them to the endpoint\'s own DNS name.',
      ],
    );
  });
});

describe("ARN partitions", () => {
  const LISTENER =
    "arn:aws-cn:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";

  it("fails when an ELB ARN names another partition than the environment's region", () => {
    expectProblems(
      withCertificate(`domains: [example.com], attach: { alb: { listenerArn: "${LISTENER}" } }`),
      [
        `environments.prod.certificates.web.attach.alb.listenerArn (line 6, column 68): names partition aws-cn, but the environment's region eu-west-1 is in partition aws, got "${LISTENER}". Fix: write arn:aws:elasticloadbalancing:eu-west-1:...`,
      ],
    );
  });

  it("fails when a CloudFront web ACL names another partition than us-east-1's", () => {
    const acl =
      "arn:aws-cn:wafv2:us-east-1:123456789012:global/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
    expectProblems(
      withCertificate(
        `domains: [example.com], attach: { cloudfront: { origin: origin.example.net, webAclId: "${acl}" } }`,
      ),
      [
        `environments.prod.certificates.web.attach.cloudfront.webAclId (line 6, column 100): is not the ARN of a WAFv2 web ACL for CloudFront, got "${acl}". Fix: copy the web ACL's ARN (scope CLOUDFRONT), of the form arn:aws:wafv2:us-east-1:<12-digit account id>:global/webacl/<name>/<id>.`,
      ],
    );
  });

  it("fails when an alarm topic or key names another partition than its region", () => {
    const topic = "arn:aws-cn:sns:eu-west-1:123456789012:ops";
    const key = "arn:aws-cn:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expectProblems(config("", `alarm: { topicArn: "${topic}", kmsKey: "${key}" }`), [
      `environments.prod.alarm.topicArn (line 7, column 24): names partition aws-cn, but region eu-west-1 is in partition aws, got "${topic}". Fix: write arn:aws:sns:eu-west-1:...`,
      `environments.prod.alarm.kmsKey (line 7, column 77): names partition aws-cn, but region eu-west-1 is in partition aws, got "${key}". Fix: write arn:aws:kms:eu-west-1:...`,
    ]);
  });

  it("fails when the state role or key names another partition than the bucket's region", () => {
    const role = "arn:aws-us-gov:iam::123456789012:role/terraform";
    const key = "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expectProblems(
      config(
        `defaults: { backend: { s3: { bucket: tf-state, key: "{environment}.tfstate", roleArn: "${role}", kmsKeyId: "${key}" } } }`,
        "",
      ),
      [
        `defaults.backend.s3.roleArn (line 2, column 87): names partition aws-us-gov, but the state bucket's region eu-west-1 is in partition aws, got "${role}". Fix: write arn:aws:iam::...`,
        `defaults.backend.s3.kmsKeyId (line 2, column 148): names partition aws-cn, but the state bucket's region eu-west-1 is in partition aws, got "${key}". Fix: write arn:aws:kms:cn-north-1:...`,
      ],
    );
  });
});

describe("s3 backend", () => {
  const backend = (s3: string) => config(`defaults: { backend: { s3: { ${s3} } } }`, "");

  it("fails when the key starts with /, holds // or a .. segment", () => {
    expectProblems(backend('bucket: tf-state, key: "/certkit/{environment}.tfstate"'), [
      'defaults.backend.s3.key (line 2, column 53): starts or ends with "/" (Terraform\'s s3 backend refuses it), got "/certkit/{environment}.tfstate". Fix: write "certkit/{environment}.tfstate".',
    ]);
    expectProblems(backend('bucket: tf-state, key: "certkit//{environment}.tfstate"'), [
      'defaults.backend.s3.key (line 2, column 53): holds "//" (Terraform\'s s3 backend refuses it), got "certkit//{environment}.tfstate". Fix: write "certkit/{environment}.tfstate".',
    ]);
    expectProblems(backend('bucket: tf-state, key: "state/../{environment}.tfstate"'), [
      'defaults.backend.s3.key (line 2, column 53): holds a "." or ".." segment (S3 keeps such keys literally while tools and SDKs that normalise paths do not, so the state would not be where it seems), got "state/../{environment}.tfstate". Fix: write "state/{environment}.tfstate".',
    ]);
  });

  it("reports every problem of a key at once, with a key that passes", () => {
    const all =
      'starts or ends with "/" (Terraform\'s s3 backend refuses it) and holds "//" (Terraform\'s s3 backend refuses it) and holds a "." or ".." segment (S3 keeps such keys literally while tools and SDKs that normalise paths do not, so the state would not be where it seems)';
    expectProblems(backend('bucket: tf-state, key: "/st//./../{environment}/"'), [
      `defaults.backend.s3.key (line 2, column 53): ${all}, got "/st//./../{environment}/". Fix: write "st/{environment}".`,
    ]);
    expect(
      load(backend('bucket: tf-state, key: "st/{environment}"')).config.environments,
    ).toHaveLength(1);
  });

  it.each([
    ["TF-State", 'it holds characters other than lowercase letters, digits, "." and "-"'],
    ["tf..state", "it has two adjacent periods"],
    ["-tf-state", "it does not start and end with a letter or digit"],
    ["10.0.0.1", "it is formatted as an IP address"],
    ["xn--state", 'the prefix "xn--" is reserved'],
    ["state-s3alias", 'the suffix "-s3alias" is reserved'],
    ["a".repeat(64), "it has 64 characters"],
  ])("fails when the bucket is %s", (bucket, why) => {
    expectProblems(backend(`bucket: "${bucket}", key: "{environment}.tfstate"`), [
      `defaults.backend.s3.bucket (line 2, column 38): "${bucket}" is not a name S3 accepts: ${why}. Fix: name an existing bucket; S3 bucket names are 3 to 63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit.`,
    ]);
  });

  it("fails when {environment} makes the bucket invalid", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { backend: { s3: { bucket: "state-{environment}", key: certkit.tfstate } } }
        environments:
          prod_eu: { region: eu-west-1, accountId: "123456789012", certificates: {} }
      `,
      [
        'defaults.backend.s3.bucket (line 2, column 38): "state-{environment}" (with {environment} = prod_eu: "state-prod_eu") is not a name S3 accepts: it holds characters other than lowercase letters, digits, "." and "-". Fix: name an existing bucket; S3 bucket names are 3 to 63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit.',
      ],
    );
  });

  it("fails when roleArn is not an IAM role ARN", () => {
    expectProblems(
      backend(
        'bucket: tf-state, key: "{environment}.tfstate", roleArn: "arn:aws:iam::123456789012:user/ci"',
      ),
      [
        'defaults.backend.s3.roleArn (line 2, column 87): is not an IAM role ARN, got "arn:aws:iam::123456789012:user/ci". Fix: copy the role\'s ARN, of the form arn:aws:iam::<12-digit account id>:role/<role name>.',
      ],
    );
  });

  it("accepts a role with a path, a dotted bucket and a nested key", () => {
    const { config: c } = load(
      backend(
        'bucket: my.tf-state, key: "teams/web/{environment}.tfstate", roleArn: "arn:aws:iam::123456789012:role/ci/terraform"',
      ),
    );
    expect(c.environments[0].backend).toMatchObject({ kind: "s3", bucket: "my.tf-state" });
  });
});

describe("CloudFront originPath", () => {
  const cloudfront = (originPath: string) =>
    withCertificate(
      `domains: [example.com], attach: { cloudfront: { origin: origin.example.net, originPath: "${originPath}" } }`,
    );

  it.each([
    ["static", 'must begin with "/"', 'write "/static"'],
    ["/static/", 'must not end with "/"', 'write "/static"'],
    ["/", 'must not end with "/"', "leave originPath out"],
  ])("fails when originPath is %s", (originPath, wrong, fix) => {
    expectProblems(cloudfront(originPath), [
      `environments.prod.certificates.web.attach.cloudfront.originPath (line 6, column 102): ${wrong} (CloudFront refuses it otherwise), got "${originPath}". Fix: ${fix}.`,
    ]);
  });
});

describe("domain length", () => {
  /** A name under example.com of exactly n characters. */
  const nameOf = (n: number) => {
    const labels: string[] = [];
    let left = n - ".example.com".length;
    while (left > 0) {
      const len = Math.min(63, left - (left > 63 ? 2 : 0));
      labels.push("a".repeat(Math.max(1, left <= 63 ? left : len)));
      left -= labels[labels.length - 1].length + 1;
    }
    return `${labels.join(".")}.example.com`;
  };

  it("accepts a name of 219 characters and a wildcard of 221", () => {
    const { config: c } = load(
      withCertificate(`domains: [example.com, ${nameOf(219)}, "*.${nameOf(219)}"]`),
    );
    expect(c.environments[0].certificates[0].domains[1]).toHaveLength(219);
  });

  it("fails when a name is longer than 219 characters, because its validation record would be", () => {
    const long = nameOf(220);
    expectProblems(withCertificate(`domains: [example.com, "*.${long}"]`), [
      `environments.prod.certificates.web.domains[1] (line 6, column 37): is too long to validate: ACM checks "${long}" through the record _<32 hex digits>.${long}, 34 characters longer, and a DNS name has at most 253, so the certificate could never be issued; got 220 characters after "*.". Fix: use a name of at most 219 characters (221 for a wildcard).`,
    ]);
  });
});
