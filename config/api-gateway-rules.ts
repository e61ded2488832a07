// Checks on `attach.apiGateway`: ids and paths of the shapes API Gateway takes, edge
// only for REST APIs, one type and endpoint per domain, base paths unique per domain.
import { type ApiGatewayMappingConfig, apiGatewayMappings } from "./endpoint-schema";
import { apiGatewayBasePathProblem } from "../domains/api-gateway";
import { apiGatewayIdProblem, apiGatewayStageProblem } from "./id-shapes";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertificateConfig } from "./schema";

export function checkApiGateway(cert: CertificateConfig, at: KeyPath, out: RuleFindings): void {
  const raw = cert.attach?.apiGateway;
  if (raw === undefined) return;
  const base: KeyPath = [...at, "attach", "apiGateway"];
  const mappings = apiGatewayMappings(cert.attach);
  const pathOf = (i: number): KeyPath => (Array.isArray(raw) ? [...base, i] : base);
  mappings.forEach((m, i) => checkMapping(m, pathOf(i), out));

  const first = mappings[0];
  const basePaths = new Map<string, number>();
  mappings.forEach((m, i) => {
    if (i > 0 && (m.type !== first.type || m.endpoint !== first.endpoint)) {
      out.issues.push({
        path: pathOf(i),
        message: `is a ${m.type} API on a ${m.endpoint} domain, but ${formatPath(pathOf(0))} is a ${first.type} API on a ${first.endpoint} domain; each hostname becomes one custom domain name, of one kind. Fix: give every entry the same type and endpoint, or serve the other API from a certificate of its own with its own hostname.`,
      });
    }
    const key = m.basePath ?? "";
    const seen = basePaths.get(key);
    if (seen === undefined) basePaths.set(key, i);
    else {
      const where = m.basePath === undefined ? "the domain's root" : `base path "${key}"`;
      out.issues.push({
        path: [...pathOf(i), "basePath"],
        message: `maps ${where} again, as ${formatPath(pathOf(seen))} does; a path of a custom domain reaches one API. Fix: give each entry its own basePath.`,
      });
    }
  });

  if (first.endpoint === "edge" && cert.keyAlgorithm === "EC_secp384r1") {
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

function checkMapping(m: ApiGatewayMappingConfig, at: KeyPath, out: RuleFindings): void {
  const add = (key: string, problem: string | undefined) => {
    if (problem) out.issues.push({ path: [...at, key], message: problem });
  };
  add("apiId", apiGatewayIdProblem(m.apiId));
  add("stage", apiGatewayStageProblem(m.stage, m.type));
  if (m.basePath !== undefined) add("basePath", apiGatewayBasePathProblem(m.basePath, m.type));
  if (m.type === "http" && m.endpoint === "edge") {
    out.issues.push({
      path: [...at, "endpoint"],
      message:
        "edge is for REST APIs only: HTTP and WebSocket APIs have regional custom domain names (aws_apigatewayv2_domain_name takes endpoint type REGIONAL only). Fix: use endpoint: regional, or type: rest if the API is a REST API.",
    });
  }
}

/**
 * The hostname claimed twice is an API Gateway domain both times: say how to share
 * the domain (one certificate, several mappings) instead of the generic claim message.
 */
export function apiGatewayDomainClaimProblem(
  name: string,
  first: KeyPath,
  cert: CertificateConfig,
  firstIsApiDomain: boolean,
): string | undefined {
  if (!firstIsApiDomain || cert.attach?.apiGateway === undefined) return undefined;
  return `"${name}" is already an API Gateway custom domain name of ${formatPath(first)}; a domain name carries one certificate. Fix: remove it here and map this API onto that domain: make that certificate's attach.apiGateway a list and add this API with its own basePath.`;
}
