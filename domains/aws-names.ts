// Pure AWS naming rules: partitions, SNS topic and KMS key ARNs, name length limits, and
// Terraform ids derived from free text. No cdktf here.
import { createHash } from "node:crypto";
import { safeIdPart } from "./names";

export type AwsPartition = "aws" | "aws-cn" | "aws-us-gov";

/** The partition a region belongs to; an ARN for that region must name it. */
export function partitionOf(region: string): AwsPartition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/**
 * What is wrong with an ARN's partition for a region, as a sentence ending in
 * its fix; undefined when it matches (or the text is no ARN). `where` names the
 * region in the message: "region eu-west-1", "the environment's region eu-west-1".
 */
export function partitionProblem(
  arn: string,
  region: string,
  where = `region ${region}`,
): string | undefined {
  const m = /^arn:([^:]*):([^:]*):([^:]*):/.exec(arn);
  const expected = partitionOf(region);
  if (!m || m[1] === expected) return undefined;
  return `names partition ${m[1]}, but ${where} is in partition ${expected}, got "${arn}". Fix: write arn:${expected}:${m[2]}:${m[3]}:...`;
}

export interface SnsTopicArn {
  readonly partition: AwsPartition;
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
}

const SNS_TOPIC_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):sns:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

/** The parts of an SNS topic ARN, or what is wrong with it as a sentence ending in its fix. */
export function parseSnsTopicArn(arn: string): SnsTopicArn | string {
  const m = SNS_TOPIC_ARN.exec(arn);
  if (!m) {
    return `is not an SNS topic ARN, got "${arn}". Fix: copy the topic's ARN, of the form arn:aws:sns:<region>:<12-digit account id>:<topic name>.`;
  }
  const [, , region, accountId, name] = m;
  return (
    partitionProblem(arn, region) ?? { partition: partitionOf(region), region, accountId, name }
  );
}

export interface KmsKeyArn {
  readonly partition: AwsPartition;
  readonly region: string;
  readonly accountId: string;
  /** A UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
  readonly keyId: string;
}

const KMS_KEY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/** The parts of a KMS key ARN, or what is wrong with it as a sentence ending in its fix. */
export function parseKmsKeyArn(arn: string): KmsKeyArn | string {
  const m = KMS_KEY_ARN.exec(arn);
  if (!m) {
    return `is not a KMS key ARN, got "${arn}". Fix: copy the key's ARN (not an alias), of the form arn:aws:kms:<region>:<12-digit account id>:key/<key id>.`;
  }
  const [, , region, accountId, keyId] = m;
  return (
    partitionProblem(arn, region) ?? { partition: partitionOf(region), region, accountId, keyId }
  );
}

export interface PrivateCaArn {
  readonly partition: AwsPartition;
  readonly region: string;
  readonly accountId: string;
}

/** AWS Private CA's form (API reference, CreatePermission: CertificateAuthorityArn). */
const PRIVATE_CA_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):acm-pca:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):certificate-authority\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The parts of an AWS Private CA ARN, or what is wrong with it as a sentence ending in its fix. */
export function parsePrivateCaArn(arn: string): PrivateCaArn | string {
  const m = PRIVATE_CA_ARN.exec(arn);
  if (!m) {
    return `is not the ARN of an AWS Private CA, got "${arn}". Fix: copy the CA's ARN from \`aws acm-pca list-certificate-authorities\`, of the form arn:aws:acm-pca:<region>:<12-digit account id>:certificate-authority/<id>.`;
  }
  const [, , region, accountId] = m;
  return partitionProblem(arn, region) ?? { partition: partitionOf(region), region, accountId };
}

/**
 * `name` if it fits in `max` characters, else a prefix of it with a hash of the
 * whole name: deterministic, and distinct names stay distinct.
 */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max - 9)}-${shortHash(name)}`;
}

/**
 * A readable Terraform id part for each value: lowercased, anything but letters,
 * digits and "-" turned into "_". Values that would share one (`a.b@x.io` and
 * `a_b@x.io`) each get a hash of the value appended, so ids never collide.
 */
export function readableIds(values: readonly string[]): Map<string, string> {
  const plain = (v: string) => v.toLowerCase().replace(/[^a-z0-9-]/g, "_");
  const uses = new Map<string, number>();
  for (const v of new Set(values)) uses.set(plain(v), (uses.get(plain(v)) ?? 0) + 1);
  return new Map(
    values.map((v) => [v, uses.get(plain(v))! > 1 ? `${plain(v)}_${shortHash(v)}` : plain(v)]),
  );
}

/** An IAM role ARN: `arn:<partition>:iam::<account>:role/<optional path/><name>`. */
const IAM_ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;

/** What is wrong with an IAM role ARN, as a sentence ending in its fix, or undefined. */
export function roleArnProblem(arn: string): string | undefined {
  if (IAM_ROLE_ARN.test(arn)) return undefined;
  return `is not an IAM role ARN, got "${arn}". Fix: copy the role's ARN, of the form arn:aws:iam::<12-digit account id>:role/<role name>.`;
}

/** The account of an IAM role ARN that roleArnProblem accepts: `arn:aws:iam::<account>:role/...`. */
export function accountOfRoleArn(arn: string): string | undefined {
  return /^arn:[^:]*:iam::(\d{12}):role\//.exec(arn)?.[1];
}

/** STS takes role session names of 2 to 64 characters. */
const MAX_SESSION_NAME = 64;

/** The session name certkit's providers assume a role with: `certkit-<base>`, shown in the role account's CloudTrail. */
export function roleSessionName(base: string): string {
  return fitName(`certkit-${base}`, MAX_SESSION_NAME);
}

const shortHash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 8);

/** `us-east-1` -> `us_east_1`: a region as part of a Terraform id or provider alias. */
export function regionIdPart(region: string): string {
  return region.replace(/-/g, "_");
}

/** `...:listener/<app|net>/<name>/<lb-id>/<listener-id>` -> `...:loadbalancer/<app|net>/<name>/<lb-id>`. */
export function loadBalancerOfListener(listenerArn: string): string {
  return listenerArn.replace(":listener/", ":loadbalancer/").replace(/\/[0-9a-f]+$/, "");
}

/**
 * `alb_<name>_<id>` of an ALB ARN (`loadbalancer/app/`), `nlb_<name>_<id>` of an NLB's
 * (`loadbalancer/net/`): its lookup's and listeners' Terraform names. Unique per account
 * and region only: config rules refuse two load balancers of one stack sharing it.
 */
export function loadBalancerId(lbArn: string): string {
  const [, name, id] = lbArn.split(":loadbalancer/")[1].split("/");
  return `${loadBalancerType(lbArn) === "net" ? "nlb" : "alb"}_${safeIdPart(`${name}_${id}`)}`;
}

/** `app` (ALB) or `net` (NLB): the type a load balancer ARN names after `loadbalancer/`. */
export function loadBalancerType(lbArn: string): "app" | "net" {
  return lbArn.split(":loadbalancer/")[1].startsWith("net/") ? "net" : "app";
}

/** What certkit puts in front of an environment's AWS-side names: `<project>-<environment>`. */
export function awsNameBase(environment: string, project?: string): string {
  return `${project ? `${project}-` : ""}${environment}`;
}

/** EventBridge rule names: 64 characters at most. */
const MAX_RULE_NAME = 64;

/** The name of an environment's ACM event rule in each region (see fitName). */
export function expiryRuleName(base: string): string {
  return fitName(`${base}-certificate-expiry`, MAX_RULE_NAME);
}

/** The name of the expiry topic certkit creates for an environment in each region. */
export function expiryTopicName(base: string): string {
  return `${base}-certificate-expiry`;
}

/** The alias of the key certkit creates for that topic. */
export function expiryKeyAlias(base: string): string {
  return `alias/certkit-${base}-expiry`;
}

/** A certificate's DaysToExpiry alarm name. Every name here is unique per account and region: config rules check it. */
export function expiryAlarmName(
  base: string,
  certificate: string,
  domains: readonly string[],
): string {
  const [primary, ...others] = domains;
  return `${base}-${certificate} certificate expiry: ${primary}${others.length ? ` (+${others.length} more)` : ""}`;
}
