// Config for what serves a certificate (`attach`) and the app records pointing at it
// (`hostnames`). Part of the schema in schema.ts.
import { z } from "zod";

/** Recommended ALB policy (TLS 1.3 + 1.2, post-quantum key exchange) as of 2025-09. */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";
/** AWS managed cache policy "Managed-CachingOptimized". */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";
/**
 * TLS 1.2+ viewer security policies hashicorp/aws 6.25 accepts (it validates against
 * the AWS SDK's enum, which has the 2025 policies since October 2025): docs/endpoints.md.
 */
export const CLOUDFRONT_TLS_VERSIONS = [
  "TLSv1.2_2021",
  "TLSv1.2_2025",
  "TLSv1.3_2025",
  "TLSv1.2_2019",
  "TLSv1.2_2018",
] as const;
export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export const ALB_SCHEMES = ["internet-facing", "internal"] as const;

export const AlbAttachSchema = z
  .strictObject({
    ingressGroup: z.string().min(1).optional().meta({
      description:
        'ALB made by the AWS Load Balancer Controller: its `group.name` (63 lowercase letters, digits, "-" or "."), or `<namespace>/<ingress>` for an ungrouped Ingress. Needs `cluster`. certkit never touches its listeners.',
    }),
    cluster: z.string().min(1).optional().meta({
      description: 'EKS cluster name (with ingressGroup): 1-100 letters, digits, "-" or "_".',
    }),
    listenerArn: z.string().optional().meta({
      description: "An existing HTTPS listener: the certificate is added to it for SNI.",
    }),
    loadBalancerArn: z.string().optional().meta({
      description:
        "An ALB whose HTTPS:443 and HTTP:80 (redirect) listeners certkit creates. Needs targetGroupArn.",
    }),
    targetGroupArn: z.string().optional().meta({
      description: "Where the HTTPS listener forwards (with loadBalancerArn).",
    }),
    dnsName: z.string().optional().meta({
      description:
        "The ALB's DNS name. Alone: only point hostnames at it. With listenerArn/loadBalancerArn: saves the lookup. @default - looked up at plan time",
    }),
    sslPolicy: z
      .string()
      .default(DEFAULT_SSL_POLICY)
      .meta({
        description: `TLS policy of listeners certkit creates, and of the Ingress annotation: one of AWS's predefined ELB security policies (ELB_SECURITY_POLICIES in config/id-shapes.ts). @default ${DEFAULT_SSL_POLICY}`,
      }),
    scheme: z.enum(ALB_SCHEMES).default("internet-facing").meta({
      description:
        "Scheme of the ALB the controller makes (with ingressGroup; its annotation `alb.ingress.kubernetes.io/scheme`). internal only when every hostname of that ALB is DNS-only: Cloudflare's proxy cannot reach an internal ALB. @default internet-facing",
    }),
  })
  .meta({
    description: "Serve the certificate on an Application Load Balancer: exactly one form.",
  });

/**
 * ALPN policies of an NLB TLS listener (AWS, "Listeners for your Network Load Balancers",
 * ALPN policies; hashicorp/aws docs of aws_lb_listener, alpn_policy). None is AWS's default.
 */
export const ALPN_POLICIES = [
  "None",
  "HTTP1Only",
  "HTTP2Only",
  "HTTP2Optional",
  "HTTP2Preferred",
] as const;

export const NlbAttachSchema = z
  .strictObject({
    listenerArn: z.string().optional().meta({
      description: "An existing TLS listener of the NLB: the certificate is added to it for SNI.",
    }),
    loadBalancerArn: z.string().optional().meta({
      description:
        "An NLB whose TLS:443 listener certkit creates, forwarding to targetGroupArn. Needs targetGroupArn.",
    }),
    targetGroupArn: z.string().optional().meta({
      description:
        "Where the TLS listener forwards (with loadBalancerArn): a TCP or TLS target group.",
    }),
    dnsName: z.string().optional().meta({
      description:
        "The NLB's DNS name. Alone: only point hostnames at it. With listenerArn/loadBalancerArn: saves the lookup. @default - looked up at plan time",
    }),
    sslPolicy: z
      .string()
      .default(DEFAULT_SSL_POLICY)
      .meta({
        description: `TLS policy of the TLS listener certkit creates: one of AWS's predefined ELB security policies (ELB_SECURITY_POLICIES in config/id-shapes.ts). @default ${DEFAULT_SSL_POLICY}`,
      }),
    alpnPolicy: z.enum(ALPN_POLICIES).default("None").meta({
      description:
        "ALPN policy of the TLS listener certkit creates. Anything but None needs targets that speak what is negotiated (HTTP/2 for h2) behind a TLS target group: docs/endpoints.md. @default None",
    }),
  })
  .meta({
    description:
      "Serve the certificate on a Network Load Balancer's TLS listener: listenerArn, loadBalancerArn (+ targetGroupArn), or dnsName alone.",
  });

export const CloudFrontAttachSchema = z
  .strictObject({
    origin: z
      .string()
      .min(1)
      .meta({ description: "Origin domain name; CloudFront reaches it over HTTPS only." }),
    originPath: z
      .string()
      .optional()
      .meta({ description: "Path prefix added to origin requests. @default - none" }),
    priceClass: z
      .enum(PRICE_CLASSES)
      .default("PriceClass_100")
      .meta({ description: "Which edge locations serve it (cost). @default PriceClass_100" }),
    cachePolicyId: z.string().default(CACHING_OPTIMIZED_POLICY_ID).meta({
      description: "Cache policy id (a UUID). @default Managed-CachingOptimized",
    }),
    originRequestPolicyId: z
      .string()
      .optional()
      .meta({ description: "Origin request policy id (a UUID). @default - none" }),
    minimumProtocolVersion: z.enum(CLOUDFRONT_TLS_VERSIONS).default("TLSv1.2_2021").meta({
      description: "Minimum TLS version for viewers. @default TLSv1.2_2021",
    }),
    webAclId: z.string().optional().meta({
      description:
        "ARN of a WAFv2 web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>). @default - none",
    }),
  })
  .meta({
    description:
      "Serve the certificate on a CloudFront distribution certkit creates (certificate in us-east-1).",
  });

export const API_GATEWAY_TYPES = ["http", "rest"] as const;
export const API_GATEWAY_ENDPOINTS = ["regional", "edge"] as const;

const apiMappingFields = {
  apiId: z.string().meta({
    description:
      "The API's id, 10 lowercase letters and digits (as in <apiId>.execute-api.<region>.amazonaws.com).",
  }),
  stage: z.string().meta({
    description:
      'Stage the path reaches: letters, digits, "-" or "_" (up to 128), or $default for an HTTP API.',
  }),
  basePath: z.string().optional().meta({
    description:
      "Path under the domain that reaches this API: letters, digits and $-_.+!*'(), with \"/\" between levels for type http only. Unique per domain. @default - the domain's root",
  }),
};

export const ApiMappingSchema = z
  .strictObject(apiMappingFields)
  .meta({ description: "One more API stage on the same custom domains." });

export const ApiGatewayAttachSchema = z
  .strictObject({
    type: z.enum(API_GATEWAY_TYPES).meta({
      description:
        "http: an HTTP or WebSocket API (aws_apigatewayv2_domain_name and aws_apigatewayv2_api_mapping); rest: a REST API (aws_api_gateway_domain_name and aws_api_gateway_base_path_mapping).",
    }),
    endpoint: z.enum(API_GATEWAY_ENDPOINTS).default("regional").meta({
      description:
        "regional: the certificate lives in the environment's region; edge (rest only): API Gateway's own CloudFront distribution, the certificate in us-east-1. @default regional",
    }),
    ...apiMappingFields,
    extraMappings: z.array(ApiMappingSchema).optional().meta({
      description:
        "More APIs (of the same type) on the same domains, each under its own basePath. @default - none",
    }),
  })
  .meta({
    description:
      "Serve the certificate on API Gateway: each hostname becomes a custom domain name (TLS 1.2) mapped to the API stage.",
  });

export const AttachSchema = z
  .strictObject({
    alb: AlbAttachSchema.optional(),
    cloudfront: CloudFrontAttachSchema.optional(),
    nlb: NlbAttachSchema.optional(),
    apiGateway: ApiGatewayAttachSchema.optional(),
  })
  .meta({
    description:
      "What serves the certificate: exactly one of alb, nlb, cloudfront, apiGateway. ACM renews only certificates in use.",
  });

export const HostnameSchema = z.union([
  z.string(),
  z.strictObject({
    name: z.string().meta({
      description:
        "The hostname: a CNAME to the endpoint (Cloudflare, external), or alias A and AAAA records (Route 53).",
    }),
    proxied: z.boolean().optional().meta({
      description:
        "Through the DNS host's proxy (Cloudflare's; Route 53 and external zones have none). @default true in a zone whose host has a proxy; false elsewhere, and with attach.cloudfront or attach.apiGateway (CDNs in series) or attach.nlb (not only HTTP): docs/endpoints.md",
    }),
    ttlSeconds: z.int().min(60).max(86400).optional().meta({
      description:
        "TTL of a DNS-only record (proxied records always use automatic TTL; a Route 53 alias record has none). @default 300",
    }),
  }),
]);

type AttachForms = {
  readonly cloudfront?: unknown;
  readonly apiGateway?: unknown;
  readonly nlb?: unknown;
};

/**
 * Whether a hostname is proxied unless it says: where its zone's host has a proxy, and
 * not in front of CloudFront, itself a CDN, nor of API Gateway (an edge domain is
 * CloudFront too; a regional one follows the same default so that one key behaves
 * alike for both endpoints), nor of an NLB, whose TLS traffic need not be HTTP
 * (Cloudflare proxies only records that serve HTTP or HTTPS:
 * developers.cloudflare.com/dns/proxy-status/limitations).
 */
function proxiedByDefault(attach: AttachForms | undefined, hostHasProxy: boolean): boolean {
  return (
    hostHasProxy &&
    attach?.cloudfront === undefined &&
    attach?.apiGateway === undefined &&
    attach?.nlb === undefined
  );
}

/** A hostname entry as name and proxied flag, the default applied. */
export function hostnameEntry(
  h: HostnameConfig,
  attach: AttachForms | undefined,
  hostHasProxy: boolean,
): { name: string; proxied: boolean; ttlSeconds?: number } {
  if (typeof h === "string") return { name: h, proxied: proxiedByDefault(attach, hostHasProxy) };
  return { ...h, proxied: h.proxied ?? proxiedByDefault(attach, hostHasProxy) };
}

export const endpointFields = {
  attach: AttachSchema.optional(),
  hostnames: z.array(HostnameSchema).optional().meta({
    description:
      "App records pointing at the endpoint, in the zone that holds each (docs/dns-hosts.md); each must be covered by the certificate.",
  }),
  target: z.string().optional().meta({
    description:
      "CNAME target of the hostnames when the certificate has no `attach` (a CNAME in Route 53 too: not at a zone apex).",
  }),
};

export type AlbAttachConfig = z.infer<typeof AlbAttachSchema>;
export type CloudFrontAttachConfig = z.infer<typeof CloudFrontAttachSchema>;
export type NlbAttachConfig = z.infer<typeof NlbAttachSchema>;
export type HostnameConfig = z.infer<typeof HostnameSchema>;
export type ApiGatewayAttachConfig = z.infer<typeof ApiGatewayAttachSchema>;
export type ApiMappingConfig = z.infer<typeof ApiMappingSchema>;

/** Every API mapping of `attach.apiGateway`: its own first, then extraMappings. */
export function apiGatewayMappings(apiGateway: ApiGatewayAttachConfig): ApiMappingConfig[] {
  const { apiId, stage, basePath } = apiGateway;
  return [
    basePath === undefined ? { apiId, stage } : { apiId, stage, basePath },
    ...(apiGateway.extraMappings ?? []),
  ];
}
