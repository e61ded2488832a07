// Config text is data: token markers and malformed ids are refused, free text
// reaches Terraform as a literal.
import { ELB_SECURITY_POLICIES } from "../../config/id-shapes";
import { expectProblems, load, resourceOf, synthEnvironment, withCertificate } from "../helpers";

const WEB = "environments.prod.certificates.web";

describe("cdktf token markers", () => {
  it("fails when a value or a key holds one", () => {
    expectProblems(
      withCertificate(
        `domains: [example.com], tags: { owner: "\${TfToken[TOKEN.1]}", "&{TfToken[TOKEN.2]}": x }`,
      ),
      [
        `${WEB}.tags.owner (line 6, column 53): holds "\${TfToken[", the marker of a cdktf token, which cdktf would replace with a reference to another resource, got "\${TfToken[TOKEN.1]}". Fix: remove "\${TfToken["; certkit writes config text to Terraform only as literal text.`,
        // AWS refuses those characters in tags too: each rule says so.
        `${WEB}.tags.owner (line 6, column 53): tag value "\${TfToken[TOKEN.1]}" has characters AWS refuses in tags: "$", "{", "[", "]", "}". Fix: use only letters, digits, spaces and _ . : / = + - @.`,
        `${WEB}.tags["&{TfToken[TOKEN.2]}"] (line 6, column 99): the key holds "&{TfToken[", the marker of a cdktf token, which cdktf would replace with a reference to another resource, got "&{TfToken[TOKEN.2]}". Fix: remove "&{TfToken["; certkit writes config text to Terraform only as literal text.`,
        `${WEB}.tags["&{TfToken[TOKEN.2]}"] (line 6, column 99): tag key "&{TfToken[TOKEN.2]}" has characters AWS refuses in tags: "&", "{", "[", "]", "}". Fix: use only letters, digits, spaces and _ . : / = + - @.`,
      ],
    );
  });

  it("fails when a list item holds cdktf's list marker", () => {
    expectProblems(
      withCertificate(`domains: [example.com], alarm: { emails: ["#{TfToken[TOKEN.3]}"] }`),
      [
        `${WEB}.alarm.emails[0] (line 6, column 56): holds "#{TfToken[", the marker of a cdktf token, which cdktf would replace with a reference to another resource, got "#{TfToken[TOKEN.3]}". Fix: remove "#{TfToken["; certkit writes config text to Terraform only as literal text.`,
        `${WEB}.alarm.emails[0] (line 6, column 56): is not an email address, got "#{TfToken[TOKEN.3]}". Fix: write one full address, such as ops@example.com.`,
      ],
    );
  });
});

describe("free text", () => {
  it("reaches Terraform as a literal: emails, originPath", () => {
    const json = synthEnvironment(
      withCertificate(
        `domains: [example.com], alarm: { emails: ["\${x}@example.com", "%{y}@example.com"] }, attach: { cloudfront: { origin: o.example.net, originPath: '/\${file("/etc/passwd")}' } }, hostnames: [example.com]`,
      ),
    );
    const subscriptions = Object.values(json.resource?.aws_sns_topic_subscription ?? {});
    expect(subscriptions.map((s) => s.endpoint).sort()).toEqual([
      "$${x}@example.com",
      "%%{y}@example.com",
    ]);
    const distribution = resourceOf(json, "aws_cloudfront_distribution", "web") as {
      origin: { origin_path: string }[];
    };
    expect(distribution.origin[0].origin_path).toBe('/$${file("/etc/passwd")}');
  });

  it("is a literal in the resolved model", () => {
    const env = load(
      withCertificate(
        `domains: [example.com], alarm: { emails: ["\${environment}@example.com", "%{k}@example.com"] }`,
      ),
    ).config.environments[0];
    expect(env.certificates[0].alarm.emails).toEqual([
      "$${environment}@example.com",
      "%%{k}@example.com",
    ]);
  });

  it("fails in tags, whose characters AWS limits", () => {
    expectProblems(withCertificate(`domains: [example.com], tags: { owner: '\${file("x")}' }`), [
      `${WEB}.tags.owner (line 6, column 53): tag value "\${file(\\"x\\")}" has characters AWS refuses in tags: "$", "{", "(", "\\"", ")", "}". Fix: use only letters, digits, spaces and _ . : / = + - @.`,
    ]);
  });

  it("fails in a backend when it holds ${ or %{", () => {
    expectProblems(
      withCertificate(`domains: [example.com] }
      backend: { s3: { bucket: "b\${x}", key: "\${environment}.tfstate", roleArn: "%{ if }" } } #`),
      [
        `environments.prod.backend.s3.bucket (line 7, column 30): holds "\${", which Terraform reads as written in a backend but the review's HCL and OpenTofu read as a template, got "b\${x}". Fix: remove it; {environment} (without "$") stands for the environment's name.`,
        `environments.prod.backend.s3.bucket (line 7, column 30): "b\${x}" is not a name S3 accepts: it holds characters other than lowercase letters, digits, "." and "-". Fix: name an existing bucket; S3 bucket names are 3 to 63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit.`,
        `environments.prod.backend.s3.key (line 7, column 44): holds "\${", which Terraform reads as written in a backend but the review's HCL and OpenTofu read as a template, got "\${environment}.tfstate". Fix: remove it; {environment} (without "$") stands for the environment's name.`,
        `environments.prod.backend.s3.roleArn (line 7, column 79): holds "%{", which Terraform reads as written in a backend but the review's HCL and OpenTofu read as a template, got "%{ if }". Fix: remove it; {environment} (without "$") stands for the environment's name.`,
        `environments.prod.backend.s3.roleArn (line 7, column 79): is not an IAM role ARN, got "%{ if }". Fix: copy the role's ARN, of the form arn:aws:iam::<12-digit account id>:role/<role name>.`,
      ],
    );
  });

  it("stays as written in a backend otherwise", () => {
    const json = synthEnvironment(
      withCertificate(`domains: [example.com] }
      backend: { local: { path: "$a/%b/{environment}.tfstate" } } #`),
    );
    expect(json.terraform?.backend?.local).toEqual({ path: "../../../$a/%b/prod.tfstate" });
  });
});

describe("ids with a known shape", () => {
  it("accepts every listed ELB security policy", () => {
    for (const sslPolicy of ELB_SECURITY_POLICIES) {
      expect(() =>
        load(
          withCertificate(
            `domains: [example.com], attach: { alb: { dnsName: a.elb.amazonaws.com, sslPolicy: ${sslPolicy} } }`,
          ),
        ),
      ).not.toThrow();
    }
  });

  it("fails when the cluster, ingress group or ssl policy is malformed", () => {
    expectProblems(
      withCertificate(
        `domains: [example.com], attach: { alb: { ingressGroup: "it's", cluster: "a b", sslPolicy: "ELBSecurityPolicy-x" } }`,
      ),
      [
        `${WEB}.attach.alb.ingressGroup (line 6, column 69): is neither an Ingress group name nor <namespace>/<ingress>, got "it's". Fix: write the value of the Ingress annotation alb.ingress.kubernetes.io/group.name (at most 63 lowercase letters, digits, "-" or ".", starting and ending with a letter or digit), or <namespace>/<ingress name> for an Ingress in no group.`,
        `${WEB}.attach.alb.cluster (line 6, column 86): is not an EKS cluster name, got "a b". Fix: write the cluster's name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit.`,
        `${WEB}.attach.alb.sslPolicy (line 6, column 104): is not an ELB security policy of Application Load Balancers, got "ELBSecurityPolicy-x". Fix: use one of AWS's predefined policies, such as ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (recommended) or ELBSecurityPolicy-TLS13-1-2-2021-06; \`aws elbv2 describe-ssl-policies\` lists them.`,
      ],
    );
  });

  it.each([
    ["shop", true],
    ["team.shop-1", true],
    ["apps/web.v2", true],
    ["Shop", false],
    ["-shop", false],
    ["a".repeat(64), false],
    ["apps/", false],
    ["a/b/c", false],
  ])("takes %j as an ingress group: %s", (ingressGroup, valid) => {
    const text = withCertificate(
      `domains: [example.com], attach: { alb: { ingressGroup: "${ingressGroup}", cluster: prod-eks_1 } }`,
    );
    if (valid) expect(() => load(text)).not.toThrow();
    else expect(() => load(text)).toThrow(/attach\.alb\.ingressGroup/);
  });

  it("fails when CloudFront policy ids or the web ACL are malformed", () => {
    expectProblems(
      withCertificate(
        `domains: [example.com], attach: { cloudfront: { origin: o.example.net, cachePolicyId: "\${x}", originRequestPolicyId: abc, webAclId: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/b" } }`,
      ),
      [
        `${WEB}.attach.cloudfront.cachePolicyId (line 6, column 100): is not a CloudFront policy id, got "\${x}". Fix: copy the policy's ID (a UUID such as 658327ea-f89d-4fab-a63d-7e88639e58f6, Managed-CachingOptimized) from the CloudFront console or \`aws cloudfront list-cache-policies\`.`,
        `${WEB}.attach.cloudfront.originRequestPolicyId (line 6, column 131): is not a CloudFront policy id, got "abc". Fix: copy the policy's ID (a UUID such as 658327ea-f89d-4fab-a63d-7e88639e58f6, Managed-CachingOptimized) from the CloudFront console or \`aws cloudfront list-cache-policies\`.`,
        `${WEB}.attach.cloudfront.webAclId (line 6, column 146): is not the ARN of a WAFv2 web ACL for CloudFront, got "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/b". Fix: copy the web ACL's ARN (scope CLOUDFRONT), of the form arn:aws:wafv2:us-east-1:<12-digit account id>:global/webacl/<name>/<id>.`,
      ],
    );
  });

  it("accepts a WAFv2 web ACL ARN of scope CLOUDFRONT", () => {
    const webAcl =
      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site-acl/626900da-5f64-418b-ba9b-743f3746cabc";
    const json = synthEnvironment(
      withCertificate(
        `domains: [example.com], hostnames: [example.com], attach: { cloudfront: { origin: o.example.net, webAclId: "${webAcl}" } }`,
      ),
    );
    const [distribution] = Object.values(json.resource?.aws_cloudfront_distribution ?? {});
    expect(distribution.web_acl_id).toBe(webAcl);
  });
});
