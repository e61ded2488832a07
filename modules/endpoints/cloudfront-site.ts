// A CloudFront distribution serving a us-east-1 certificate for its aliases,
// HTTPS to viewers (redirected) and to the origin.
import { Construct } from "constructs";
import { CACHING_OPTIMIZED_POLICY_ID } from "../../config/endpoint-schema";
import { CloudfrontDistribution } from "../provider-imports";

export interface CloudFrontSiteProps {
  /** Terraform name of the distribution: the certificate's name. @default - the construct id */
  readonly resourceName?: string;
  /** Validated ARN of a certificate in us-east-1 that covers every alias. */
  readonly certificateArn: string;
  /** Names the distribution answers to. @default - none (only its cloudfront.net name) */
  readonly aliases?: readonly string[];
  /** Origin domain name, reached over HTTPS only. */
  readonly origin: string;
  /** Path prefix for origin requests. @default - none */
  readonly originPath?: string;
  /** Edge locations to pay for. @default "PriceClass_100" */
  readonly priceClass?: string;
  /** Cache policy id. @default - Managed-CachingOptimized */
  readonly cachePolicyId?: string;
  /** Origin request policy id. @default - none */
  readonly originRequestPolicyId?: string;
  /** Minimum viewer TLS version. @default "TLSv1.2_2021" */
  readonly minimumProtocolVersion?: string;
  /** WAF web ACL ARN. @default - none */
  readonly webAclId?: string;
  /** Shown in the console. */
  readonly comment: string;
}

export class CloudFrontSite extends Construct {
  readonly distribution: CloudfrontDistribution;
  /** `dxxxx.cloudfront.net`, for CNAMEs. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: CloudFrontSiteProps) {
    super(scope, id);
    const originId = "origin";
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: props.comment,
      aliases: props.aliases?.length ? [...props.aliases] : undefined,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: props.priceClass ?? "PriceClass_100",
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
        cachePolicyId: props.cachePolicyId ?? CACHING_OPTIMIZED_POLICY_ID,
        originRequestPolicyId: props.originRequestPolicyId,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: props.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: props.minimumProtocolVersion ?? "TLSv1.2_2021",
      },
    });
    this.distribution.overrideLogicalId(props.resourceName ?? id);
    this.domainName = this.distribution.domainName;
  }
}
