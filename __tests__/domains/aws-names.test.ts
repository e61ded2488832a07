// Partitions, SNS topic ARNs, AWS name limits and ids from free text.
import {
  accountOfRoleArn,
  roleSessionName,
  fitName,
  loadBalancerId,
  loadBalancerOfListener,
  parseKmsKeyArn,
  parseSnsTopicArn,
  partitionOf,
  readableIds,
} from "../../domains/aws-names";

describe("parseSnsTopicArn", () => {
  it.each([
    ["arn:aws:sns:eu-west-1:123456789012:ops", "aws", "eu-west-1", "ops"],
    [
      "arn:aws-us-gov:sns:us-gov-west-1:123456789012:ops_alerts",
      "aws-us-gov",
      "us-gov-west-1",
      "ops_alerts",
    ],
    ["arn:aws-cn:sns:cn-north-1:123456789012:ops-cn", "aws-cn", "cn-north-1", "ops-cn"],
    ["arn:aws:sns:us-east-1:123456789012:ops.fifo", "aws", "us-east-1", "ops.fifo"],
  ])("reads %s", (arn, partition, region, name) => {
    expect(parseSnsTopicArn(arn)).toEqual({ partition, region, accountId: "123456789012", name });
  });

  it.each([
    "arn:aws:sns:eu-west-1:12345678901:ops", // 11 digits
    "arn:aws:sns:eu-west-1:123456789012:", // no name
    "arn:aws:sns:eu-west-1:123456789012:ops:subscription-id", // a subscription
    "arn:aws:sns:eu-west-1:123456789012:o p s",
    "arn:aws:sqs:eu-west-1:123456789012:ops",
    "ops",
  ])("fails for %s", (arn) => {
    expect(parseSnsTopicArn(arn)).toBe(
      `is not an SNS topic ARN, got "${arn}". Fix: copy the topic's ARN, of the form arn:aws:sns:<region>:<12-digit account id>:<topic name>.`,
    );
  });

  it("fails when the partition does not hold the region", () => {
    expect(parseSnsTopicArn("arn:aws:sns:cn-north-1:123456789012:ops")).toBe(
      'names partition aws, but region cn-north-1 is in partition aws-cn, got "arn:aws:sns:cn-north-1:123456789012:ops". Fix: write arn:aws-cn:sns:cn-north-1:...',
    );
    expect(parseSnsTopicArn("arn:aws-us-gov:sns:eu-west-1:123456789012:ops")).toMatch(
      /^names partition aws-us-gov, but region eu-west-1 is in partition aws,/,
    );
  });
});

describe("parseKmsKeyArn", () => {
  const UUID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  it.each([
    [`arn:aws:kms:eu-west-1:123456789012:key/${UUID}`, "aws", "eu-west-1", UUID],
    [
      "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
      "aws",
      "us-east-1",
      "mrk-1234abcd12ab34cd56ef1234567890ab",
    ],
    [`arn:aws-cn:kms:cn-north-1:123456789012:key/${UUID}`, "aws-cn", "cn-north-1", UUID],
  ])("reads %s", (arn, partition, region, keyId) => {
    expect(parseKmsKeyArn(arn)).toEqual({ partition, region, accountId: "123456789012", keyId });
  });

  it.each([
    "arn:aws:kms:eu-west-1:123456789012:alias/ops", // an alias
    `arn:aws:kms:eu-west-1:12345678901:key/${UUID}`, // 11 digits
    "arn:aws:kms:eu-west-1:123456789012:key/not-a-key-id",
    `arn:aws:sns:eu-west-1:123456789012:key/${UUID}`,
    UUID, // a key id alone names no region
  ])("fails for %s", (arn) => {
    expect(parseKmsKeyArn(arn)).toBe(
      `is not a KMS key ARN, got "${arn}". Fix: copy the key's ARN (not an alias), of the form arn:aws:kms:<region>:<12-digit account id>:key/<key id>.`,
    );
  });

  it("fails when the partition does not hold the region", () => {
    expect(parseKmsKeyArn(`arn:aws:kms:us-gov-east-1:123456789012:key/${UUID}`)).toBe(
      `names partition aws, but region us-gov-east-1 is in partition aws-us-gov, got "arn:aws:kms:us-gov-east-1:123456789012:key/${UUID}". Fix: write arn:aws-us-gov:kms:us-gov-east-1:...`,
    );
  });
});

describe("partitionOf", () => {
  it.each([
    ["us-east-1", "aws"],
    ["us-gov-east-1", "aws-us-gov"],
    ["cn-northwest-1", "aws-cn"],
  ])("puts %s in %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe("fitName", () => {
  it("keeps a name that fits", () => {
    expect(fitName("shop-prod-certificate-expiry", 64)).toBe("shop-prod-certificate-expiry");
  });

  it("cuts a long name to the limit and keeps distinct names distinct", () => {
    const a = fitName(`${"a".repeat(61)}-one`, 64);
    const b = fitName(`${"a".repeat(61)}-two`, 64);
    expect(a).toHaveLength(64);
    expect(a).toMatch(/^a{55}-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(fitName(`${"a".repeat(61)}-one`, 64)).toBe(a);
  });
});

describe("readableIds", () => {
  it("turns addresses into readable id parts", () => {
    expect(readableIds(["ops@example.com", "Team+Certs@example.org"])).toEqual(
      new Map([
        ["ops@example.com", "ops_example_com"],
        ["Team+Certs@example.org", "team_certs_example_org"],
      ]),
    );
  });

  it("adds a hash to values that would share an id, and only to those", () => {
    const ids = readableIds(["a.b@example.com", "a_b@example.com", "ops@example.com"]);
    expect(ids.get("a.b@example.com")).toMatch(/^a_b_example_com_[0-9a-f]{8}$/);
    expect(ids.get("a_b@example.com")).toMatch(/^a_b_example_com_[0-9a-f]{8}$/);
    expect(ids.get("a.b@example.com")).not.toBe(ids.get("a_b@example.com"));
    expect(ids.get("ops@example.com")).toBe("ops_example_com");
  });
});

describe("roleSessionName", () => {
  it("is certkit- and the AWS name base", () => {
    expect(roleSessionName("shop-prod")).toBe("certkit-shop-prod");
  });

  it("fits STS's 64 characters, with a hash keeping long names distinct", () => {
    const [a, b] = [`${"p".repeat(40)}-${"e".repeat(39)}a`, `${"p".repeat(40)}-${"e".repeat(39)}b`];
    const names = [roleSessionName(a), roleSessionName(b)];
    expect(names.map((n) => [n.length, /^[\w+=,.@-]+$/.test(n)])).toEqual([
      [64, true],
      [64, true],
    ]);
    expect(names[0]).not.toBe(names[1]);
  });
});

describe("accountOfRoleArn", () => {
  it("reads the account of a role ARN", () => {
    expect(accountOfRoleArn("arn:aws-cn:iam::123456789012:role/ci/deploy")).toBe("123456789012");
  });

  it("is undefined for another ARN", () => {
    expect(accountOfRoleArn("arn:aws:iam::123456789012:user/ci")).toBeUndefined();
  });
});

describe("load balancer names", () => {
  const arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012";

  it("names an ALB alb_ and an NLB nlb_, so one name and id of each stay apart", () => {
    expect([
      loadBalancerId(`${arn}:loadbalancer/app/shop/50dc6c495c0c9188`),
      loadBalancerId(`${arn}:loadbalancer/net/shop/50dc6c495c0c9188`),
    ]).toEqual(["alb_shop_50dc6c495c0c9188", "nlb_shop_50dc6c495c0c9188"]);
  });

  it("finds the load balancer of an NLB's listener as of an ALB's", () => {
    expect(
      loadBalancerOfListener(`${arn}:listener/net/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`),
    ).toBe(`${arn}:loadbalancer/net/shop/50dc6c495c0c9188`);
  });
});
