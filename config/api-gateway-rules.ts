// Checks on `attach.apiGateway`: ids and paths of the shapes API Gateway takes, edge
// only for REST APIs, base paths unique per domain, hostnames to make domains of.
import { apiGatewayBasePathProblem } from "../domains/api-gateway";
import { type ApiGatewayAttachConfig, type ApiMappingConfig } from "./endpoint-schema";
import { apiGatewayIdProblem, apiGatewayStageProblem } from "./id-shapes";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertificateConfig } from "./schema";

export function checkApiGateway(cert: CertificateConfig, at: KeyPath, out: RuleFindings): void {
  const api = cert.attach?.apiGateway;
  if (api === undefined) return;
  const base: KeyPath = [...at, "attach", "apiGateway"];
  const mappings: [ApiMappingConfig, KeyPath][] = [
    [api, base],
    ...(api.extraMappings ?? []).map((m, i): [ApiMappingConfig, KeyPath] => [
      m,
      [...base, "extraMappings", i],
    ]),
  ];
  const basePaths = new Map<string, KeyPath>();
  for (const [m, path] of mappings) {
    checkMapping(m, api.type, path, out);
    const first = basePaths.get(m.basePath ?? "");
    if (!first) basePaths.set(m.basePath ?? "", path);
    else {
      const where = m.basePath === undefined ? "the domain's root" : `base path "${m.basePath}"`;
      out.issues.push({
        path: m.basePath === undefined ? path : [...path, "basePath"],
        message: `maps ${where} again, as ${formatPath(first)} does; a path of a custom domain reaches one API. Fix: give each mapping its own basePath.`,
      });
    }
  }
  if (api.type === "http" && api.endpoint === "edge") {
    out.issues.push({
      path: [...base, "endpoint"],
      message:
        "edge is for REST APIs only: HTTP and WebSocket APIs have regional custom domain names (aws_apigatewayv2_domain_name takes endpoint type REGIONAL only). Fix: use endpoint: regional, or type: rest if the API is a REST API.",
    });
  }
  if (api.endpoint === "edge" && cert.keyAlgorithm === "EC_secp384r1") {
    out.issues.push({
      path: [...at, "keyAlgorithm"],
      message:
        "EC_secp384r1 cannot be served by an edge-optimized API Gateway domain: API Gateway serves it from a CloudFront distribution, which takes RSA_2048 and EC_prime256v1 only. Fix: use EC_prime256v1, or RSA_2048 (the default), or endpoint: regional.",
    });
  }
  if (!cert.hostnames?.length) {
    out.issues.push({
      path: [...at, "hostnames"],
      message:
        "are required with attach.apiGateway: each hostname becomes a custom domain name serving the certificate. Fix: add the API's hostnames (covered by the certificate's domains).",
    });
  }
}

function checkMapping(
  m: ApiMappingConfig,
  type: ApiGatewayAttachConfig["type"],
  at: KeyPath,
  out: RuleFindings,
): void {
  const add = (key: string, problem: string | undefined) => {
    if (problem) out.issues.push({ path: [...at, key], message: problem });
  };
  add("apiId", apiGatewayIdProblem(m.apiId));
  add("stage", apiGatewayStageProblem(m.stage, type));
  if (m.basePath !== undefined) add("basePath", apiGatewayBasePathProblem(m.basePath, type));
}

/**
 * The hostname claimed twice is an API Gateway domain both times: say how to share
 * the domain (one certificate, several mappings) instead of the generic claim message.
 * Across environments sharing is no fix: a domain and the APIs mapped onto it are in
 * one account (AWS, "Map API stages to a custom domain name for HTTP APIs",
 * restrictions) and region, and a custom domain name "must be unique within a Region
 * across all AWS accounts" (AWS, "Custom domain name for public REST APIs", considerations).
 */
export function apiGatewayDomainClaimProblem(
  name: string,
  first: KeyPath,
  at: KeyPath,
  cert: CertificateConfig,
  firstIsApiDomain: boolean,
): string | undefined {
  if (!firstIsApiDomain || cert.attach?.apiGateway === undefined) return undefined;
  // Listed twice by one certificate: the generic "keep one" is the fix.
  if (first[1] === at[1] && first[3] === at[3]) return undefined;
  const claim = `"${name}" is already an API Gateway custom domain name of ${formatPath(first)}; a domain name carries one certificate.`;
  if (first[1] !== at[1]) {
    // An environment name as a DNS label: "_" is none of its characters, nor a final "-".
    const label = String(at[1]).replace(/_/g, "-").replace(/-+$/, "");
    return `${claim} Environment ${at[1]} cannot map its APIs onto environment ${first[1]}'s domain: a custom domain and the APIs mapped onto it are in one account and region, and the name is unique in a region across all AWS accounts. Fix: give each environment its own hostname, such as "${label}.${name}", covered by this certificate's domains.`;
  }
  return `${claim} Fix: remove it here and map this API onto that domain: add it to that certificate's attach.apiGateway.extraMappings with its own basePath.`;
}
