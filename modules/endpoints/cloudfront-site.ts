// A CloudFront distribution serving a us-east-1 certificate for its aliases,
// HTTPS to viewers (redirected) and to the origin.
import { Construct } from "constructs";
import { Token } from "cdktf";
import type { KeyAlgorithm } from "../../domains/acm";
import { domainNameProblem, normalizeDomain } from "../../domains/names";
import { CloudfrontDistribution } from "../provider-imports";

/** CloudFront serves RSA 2048 and EC P-256 certificates only. */
const SERVED_KEY_ALGORITHMS: readonly KeyAlgorithm[] = ["RSA_2048", "EC_prime256v1"];

export interface CloudFrontSiteProps {
  /** Terraform name of the distribution: the certificate's name. @default - the construct id */
  readonly resourceName?: string;
  /** Validated ARN of a certificate in us-east-1 that covers every alias. */
  readonly certificateArn: string;
  /** Key algorithm of that certificate, checked against what CloudFront serves. @default - not checked */
  readonly certificateKeyAlgorithm?: KeyAlgorithm;
  /** Names the distribution answers to. @default - none (only its cloudfront.net name) */
  readonly aliases?: readonly string[];
  /** Origin domain name, reached over HTTPS only. */
  readonly origin: string;
  /** Path prefix for origin requests. @default - none */
  readonly originPath?: string;
  /** Edge locations to pay for (`PriceClass_100`, `PriceClass_200`, `PriceClass_All`). */
  readonly priceClass: string;
  /** Cache policy id of the default behaviour, such as Managed-CachingOptimized's. */
  readonly cachePolicyId: string;
  /** Origin request policy id. @default - none */
  readonly originRequestPolicyId?: string;
  /** Minimum viewer TLS version, such as `TLSv1.2_2021`. */
  readonly minimumProtocolVersion: string;
  /** WAF web ACL ARN. @default - none */
  readonly webAclId?: string;
  /** Shown in the console. */
  readonly comment: string;
}

/**
 * The hosted zone id of every CloudFront distribution, for alias records: the
 * provider's `hosted_zone_id` attribute is "simply an alias for the zone ID
 * Z2FDTNDATAQYW2" (aws_cloudfront_distribution docs; AWS CDK's CloudFrontTarget:
 * "This value never changes"). Written as is, the plan shows it.
 */
const CLOUDFRONT_HOSTED_ZONE_ID = "Z2FDTNDATAQYW2";

export class CloudFrontSite extends Construct {
  readonly distribution: CloudfrontDistribution;
  /** `dxxxx.cloudfront.net`, for CNAMEs. */
  readonly domainName: string;
  /** CloudFront's hosted zone id, for alias records. */
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: CloudFrontSiteProps) {
    super(scope, id);
    this.check(props);
    const originId = "origin";
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: props.comment,
      aliases: props.aliases?.length ? [...props.aliases] : undefined,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: props.priceClass,
      webAclId: props.webAclId,
      origin: [
        {
          originId,
          domainName: props.origin,
          originPath: props.originPath,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
          },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: props.cachePolicyId,
        originRequestPolicyId: props.originRequestPolicyId,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: props.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: props.minimumProtocolVersion,
      },
    });
    this.distribution.overrideLogicalId(props.resourceName ?? id);
    this.domainName = this.distribution.domainName;
    this.hostedZoneId = CLOUDFRONT_HOSTED_ZONE_ID;
  }

  /** What CloudFront refuses at apply, refused here with what was received. */
  private check(props: CloudFrontSiteProps): void {
    const fail = (what: string): never => {
      throw new Error(`${this.node.path}: ${what}`);
    };
    const alg = props.certificateKeyAlgorithm;
    if (alg && !SERVED_KEY_ALGORITHMS.includes(alg)) {
      fail(
        `CloudFront serves ${SERVED_KEY_ALGORITHMS.join(" and ")} certificates only, got ${alg}.`,
      );
    }
    // Not their number: CloudFront's quota of 100 aliases can be raised.
    const seen = new Set<string>();
    (props.aliases ?? []).forEach((a, i) => {
      if (Token.isUnresolved(a)) return;
      const name = normalizeDomain(a);
      const problem = domainNameProblem(name);
      if (problem) fail(`aliases[${i}] ${problem}`);
      if (seen.has(name)) fail(`aliases[${i}] repeats "${a}"; each alias is listed once.`);
      seen.add(name);
    });
  }
}
