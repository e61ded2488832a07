// Keys where only a known set or shape of value is valid: refused with a fix
// rather than escaped (domains/terraform-literal.ts escapes free text).
import type { ApiType } from "../domains/api-gateway";

/**
 * The predefined security policies an Application Load Balancer's HTTPS
 * listener accepts (ALBs take no custom policies). Source: AWS, "Security
 * policies for your Application Load Balancer"
 * (docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html),
 * as of 2026-11; ELBSecurityPolicy-TLS-1-0-2015-04 is aws-cdk-lib's SslPolicy.LEGACY.
 * Add a policy here when AWS publishes one.
 */
export const ELB_SECURITY_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-1-2021-06",
  "ELBSecurityPolicy-TLS13-1-0-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07",
  "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07",
  "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07",
  "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07",
  "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07",
  "ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-1-2019-08",
  "ELBSecurityPolicy-FS-2018-06",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-1-2017-01",
  "ELBSecurityPolicy-2016-08",
  "ELBSecurityPolicy-TLS-1-0-2015-04",
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What is wrong with an `sslPolicy` of `of` ("Application Load Balancers"), as a sentence
 * ending in its fix. NLB TLS listeners take the same predefined ELBSecurityPolicy-*
 * policies (AWS, "Security policies for your Network Load Balancer"; no custom ones).
 */
export function sslPolicyProblem(
  value: string,
  of = "Application Load Balancers",
): string | undefined {
  if ((ELB_SECURITY_POLICIES as readonly string[]).includes(value)) return undefined;
  return `is not an ELB security policy of ${of}, got ${JSON.stringify(value)}. Fix: use one of AWS's predefined policies, such as ${ELB_SECURITY_POLICIES[0]} (recommended) or ELBSecurityPolicy-TLS13-1-2-2021-06; \`aws elbv2 describe-ssl-policies\` lists them.`;
}

/** CloudFront cache and origin request policy ids are UUIDs (managed ones too). */
export function cloudFrontPolicyIdProblem(value: string): string | undefined {
  if (UUID.test(value)) return undefined;
  return `is not a CloudFront policy id, got ${JSON.stringify(value)}. Fix: copy the policy's ID (a UUID such as 658327ea-f89d-4fab-a63d-7e88639e58f6, Managed-CachingOptimized) from the CloudFront console or \`aws cloudfront list-cache-policies\`.`;
}

/**
 * CloudFront takes a WAFv2 web ACL by its ARN (provider docs of
 * aws_cloudfront_distribution, web_acl_id); CloudFront's web ACLs have scope
 * CLOUDFRONT, so they live in us-east-1 under `global/`.
 */
const WEB_ACL_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]{1,128}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function webAclIdProblem(value: string): string | undefined {
  if (WEB_ACL_ARN.test(value)) return undefined;
  return `is not the ARN of a WAFv2 web ACL for CloudFront, got ${JSON.stringify(value)}. Fix: copy the web ACL's ARN (scope CLOUDFRONT), of the form arn:aws:wafv2:us-east-1:<12-digit account id>:global/webacl/<name>/<id>.`;
}

/** EKS: 1-100 characters, a letter or digit first, then letters, digits, "-" or "_". */
const EKS_CLUSTER = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

export function eksClusterProblem(value: string): string | undefined {
  if (EKS_CLUSTER.test(value)) return undefined;
  return `is not an EKS cluster name, got ${JSON.stringify(value)}. Fix: write the cluster's name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit.`;
}

/** AWS Load Balancer Controller: group.name is at most 63 lowercase letters, digits, "-" or ".", alphanumeric at both ends. */
const GROUP_NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;
/** Kubernetes: a namespace is a DNS label (63), an Ingress name a DNS subdomain (253). */
const NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const INGRESS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

export function ingressGroupProblem(value: string): string | undefined {
  const slash = value.indexOf("/");
  const valid =
    slash < 0
      ? GROUP_NAME.test(value)
      : NAMESPACE.test(value.slice(0, slash)) && INGRESS_NAME.test(value.slice(slash + 1));
  if (valid) return undefined;
  return `is neither an Ingress group name nor <namespace>/<ingress>, got ${JSON.stringify(value)}. Fix: write the value of the Ingress annotation alb.ingress.kubernetes.io/group.name (at most 63 lowercase letters, digits, "-" or ".", starting and ending with a letter or digit), or <namespace>/<ingress name> for an Ingress in no group.`;
}

/**
 * API Gateway ids (REST, HTTP and WebSocket alike): the 10 lowercase letters and
 * digits AWS generates, the first label of the API's default endpoint
 * `https://<api-id>.execute-api.<region>.amazonaws.com`. AWS publishes no pattern:
 * this is the generated shape, to refuse a URL or a name pasted instead.
 */
const API_ID = /^[a-z0-9]{10}$/;

export function apiGatewayIdProblem(value: string): string | undefined {
  if (API_ID.test(value)) return undefined;
  return `is not an API Gateway API id, got ${JSON.stringify(value)}. Fix: copy the API's ID (10 lowercase letters and digits, the first label of https://<api-id>.execute-api.<region>.amazonaws.com) from the console or \`aws apigateway get-rest-apis\` / \`aws apigatewayv2 get-apis\`.`;
}

/** REST stage names: letters, digits, "-" and "_", at most 128 (CreateStage); HTTP APIs also have `$default`. */
const STAGE = /^[A-Za-z0-9_-]{1,128}$/;

export function apiGatewayStageProblem(value: string, type: ApiType): string | undefined {
  if (STAGE.test(value) || (type === "http" && value === "$default")) return undefined;
  const extra = type === "http" ? ", or $default" : "";
  return `is not an API Gateway stage name, got ${JSON.stringify(value)}. Fix: write the stage's name: 1 to 128 letters, digits, "-" or "_"${extra}.`;
}
