// An API Gateway custom domain name serving a certificate, mapped to API stages.
// Arguments as the hashicorp/aws docs of aws_apigatewayv2_domain_name,
// aws_apigatewayv2_api_mapping, aws_api_gateway_domain_name and
// aws_api_gateway_base_path_mapping give them (docs/endpoints.md lists each).
import { Construct } from "constructs";
import { type TerraformResource, Token } from "cdktf";
import type { KeyAlgorithm } from "../../domains/acm";
import {
  type ApiType,
  apiGatewayBasePathProblem,
  apiMappingIdPart,
} from "../../domains/api-gateway";
import { domainNameProblem, idPart, normalizeDomain } from "../../domains/names";
import {
  ApiGatewayBasePathMapping,
  ApiGatewayDomainName,
  Apigatewayv2ApiMapping,
  Apigatewayv2DomainName,
} from "../provider-imports";
import type { EndpointTarget } from "../app-records";

/** An edge domain is a CloudFront distribution: RSA 2048 and EC P-256 only. */
const EDGE_KEY_ALGORITHMS: readonly KeyAlgorithm[] = ["RSA_2048", "EC_prime256v1"];
/** HTTP APIs take TLS 1.2 only; REST domains TLS_1_0 or TLS_1_2: certkit sets the stronger. */
const SECURITY_POLICY = "TLS_1_2";

/** One API stage under a path of the domain. */
export interface ApiMapping {
  /** The API's id. */
  readonly apiId: string;
  /** The stage the path reaches. */
  readonly stage: string;
  /** Path under the domain. @default - the domain's root */
  readonly basePath?: string;
}

export interface ApiGatewayDomainProps {
  /** The custom domain name: a hostname the certificate covers, no trailing dot. */
  readonly domainName: string;
  /** Validated ARN of the certificate: in us-east-1 for `edge`, else in the API's region. */
  readonly certificateArn: string;
  /** Key algorithm of that certificate, checked against what an edge domain serves. @default - not checked */
  readonly certificateKeyAlgorithm?: KeyAlgorithm;
  /** `http` (HTTP and WebSocket APIs, API Gateway v2) or `rest` (REST APIs). */
  readonly apiType: ApiType;
  /** `regional`, or `edge` (REST only: API Gateway's own CloudFront distribution). @default "regional" */
  readonly endpoint?: "regional" | "edge";
  /** API stages mapped onto the domain, each base path once. */
  readonly mappings: readonly ApiMapping[];
  /** Terraform name of the domain; each mapping adds `__` and its path. @default - the construct id */
  readonly resourceName?: string;
}

export class ApiGatewayDomain extends Construct {
  /** What the hostname's record points at: the regional name, or the edge domain's CloudFront name. */
  readonly target: EndpointTarget;

  constructor(scope: Construct, id: string, props: ApiGatewayDomainProps) {
    super(scope, id);
    this.check(props);
    const name = props.resourceName ?? id;
    /** One mapping resource per stage, named after the domain and the stage's path. */
    const mapStages = (map: (id: string, m: ApiMapping) => TerraformResource) => {
      for (const m of props.mappings) {
        const mappingName = `${name}__${apiMappingIdPart(m.basePath)}`;
        map(mappingName, m).overrideLogicalId(mappingName);
      }
    };
    if (props.apiType === "http") {
      const domain = new Apigatewayv2DomainName(this, "domain", {
        domainName: props.domainName,
        domainNameConfiguration: {
          certificateArn: props.certificateArn,
          endpointType: "REGIONAL",
          securityPolicy: SECURITY_POLICY,
        },
      });
      domain.overrideLogicalId(name);
      mapStages(
        (mappingName, m) =>
          new Apigatewayv2ApiMapping(this, mappingName, {
            apiId: m.apiId,
            domainName: domain.id,
            stage: m.stage,
            apiMappingKey: m.basePath,
          }),
      );
      this.target = {
        dnsName: domain.domainNameConfiguration.targetDomainName,
        hostedZoneId: domain.domainNameConfiguration.hostedZoneId,
      };
      return;
    }
    const edge = props.endpoint === "edge";
    const domain = new ApiGatewayDomainName(this, "domain", {
      domainName: props.domainName,
      // certificate_arn serves an edge domain, regional_certificate_arn a regional one.
      ...(edge
        ? { certificateArn: props.certificateArn }
        : { regionalCertificateArn: props.certificateArn }),
      endpointConfiguration: { types: [edge ? "EDGE" : "REGIONAL"] },
      securityPolicy: SECURITY_POLICY,
    });
    domain.overrideLogicalId(name);
    mapStages(
      (mappingName, m) =>
        new ApiGatewayBasePathMapping(this, mappingName, {
          apiId: m.apiId,
          domainName: domain.domainName,
          stageName: m.stage,
          basePath: m.basePath,
        }),
    );
    this.target = edge
      ? { dnsName: domain.cloudfrontDomainName, hostedZoneId: domain.cloudfrontZoneId }
      : { dnsName: domain.regionalDomainName, hostedZoneId: domain.regionalZoneId };
  }

  /** What API Gateway refuses at apply, refused here with what was received. */
  private check(props: ApiGatewayDomainProps): void {
    const fail = (what: string): never => {
      throw new Error(`${this.node.path}: ${what}`);
    };
    if (!Token.isUnresolved(props.domainName)) {
      const problem = domainNameProblem(normalizeDomain(props.domainName));
      if (problem) fail(`domainName ${problem}`);
    }
    if (props.apiType === "http" && props.endpoint === "edge")
      fail("edge domains are for REST APIs only; an HTTP or WebSocket API's domain is regional.");
    const alg = props.certificateKeyAlgorithm;
    if (props.endpoint === "edge" && alg && !EDGE_KEY_ALGORITHMS.includes(alg)) {
      fail(
        `an edge domain serves ${EDGE_KEY_ALGORITHMS.join(" and ")} certificates only, got ${alg}.`,
      );
    }
    if (props.mappings.length === 0) fail("mappings is empty; a domain serves at least one API.");
    const seen = new Set<string>();
    props.mappings.forEach((m, i) => {
      const key = m.basePath ?? "";
      if (seen.has(key)) {
        const what = m.basePath === undefined ? "the root" : `base path "${key}"`;
        fail(`mappings[${i}] repeats ${what}; each path of a domain reaches one API.`);
      }
      seen.add(key);
      const problem =
        m.basePath === undefined ? undefined : apiGatewayBasePathProblem(m.basePath, props.apiType);
      if (problem) fail(`mappings[${i}].basePath ${problem}`);
    });
  }
}

/** The Terraform name of the custom domain for `hostname`: its labels joined by "_". */
export function apiDomainResourceName(hostname: string): string {
  return `domain_${idPart(hostname)}`;
}
