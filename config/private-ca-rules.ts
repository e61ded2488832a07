// Checks of `certificateAuthorityArn` (private certificates): an AWS Private CA ARN,
// in the certificate's own region, an endpoint that takes private certificates, and
// no key that only public certificates take.
import { parsePrivateCaArn } from "../domains/aws-names";
import { certificateRegion, proxiedAtHost } from "./derive";
import { ZONE_SECTIONS } from "../domains/dns-hosts";
import { normalizeDomain } from "../domains/names";
import type { ZoneRouter } from "../domains/zones";
import type { KeyPath, RuleFindings } from "./issues";
import type { AwsRegion } from "./regions";
import type { CertificateConfig } from "./schema";

/**
 * `region`: the environment's, undefined when it has none (reported elsewhere).
 * Private CAs are regional and cannot be copied between regions (AWS Private CA
 * user guide, "Regions": docs.aws.amazon.com/privateca/latest/userguide/PcaRegions.html),
 * and a certificate lives in one region: ACM's CA must be in it. The CA may be in
 * another account (shared through AWS RAM), so its account is not compared.
 */
export function checkPrivateCa(
  cert: CertificateConfig,
  at: KeyPath,
  region: AwsRegion | undefined,
  router: ZoneRouter,
  out: RuleFindings,
): void {
  const arn = cert.certificateAuthorityArn;
  if (arn === undefined) return;
  const path = [...at, "certificateAuthorityArn"];
  const refused = publicOnlyEndpoint(cert.attach);
  if (refused) {
    out.issues.push({
      path: [...at, "attach", refused.key],
      message: `${refused.why}; got certificateAuthorityArn "${arn}". Fix: remove certificateAuthorityArn to request a public certificate (its domains then need their zones under ${ZONE_SECTIONS}), or serve the private certificate from a load balancer (attach.alb or attach.nlb).`,
    });
  }
  const ca = parsePrivateCaArn(arn);
  if (typeof ca === "string") out.issues.push({ path, message: ca });
  // The region is moot on an endpoint that takes no private certificate at all.
  else if (region && !refused) {
    const lives = certificateRegion(region, cert);
    if (ca.region !== lives) {
      out.issues.push({
        path,
        message: `is a CA in ${ca.region}, but the certificate lives in ${lives}; ACM issues a private certificate only from a CA in the certificate's region (private CAs are regional and cannot be copied). Fix: use a CA in ${lives}, creating one there if needed.`,
      });
    }
  }
  if (cert.exportable) {
    out.issues.push({
      path: [...at, "exportable"],
      message:
        "asks for an exportable public certificate, but certificateAuthorityArn makes this a private one, which ACM exports without it (ExportCertificate). Fix: remove exportable.",
    });
  }
  // Cloudflare's proxy in Full (strict) trusts public CAs only, unless the zone's Custom
  // Origin Trust Store holds the CA (developers.cloudflare.com/ssl/origin-configuration/custom-origin-trust-store/).
  (cert.hostnames ?? []).forEach((h, i) => {
    const name = typeof h === "string" ? h : h.name;
    const zone = router.route(normalizeDomain(name));
    if (!zone || !proxiedAtHost(h, cert.attach, zone)) return;
    out.warnings.push({
      path: typeof h === "string" ? [...at, "hostnames", i] : [...at, "hostnames", i, "name"],
      message: `"${name}" is proxied, but its certificate is private: Cloudflare's proxy trusts only public CAs at the origin (in Full (strict) visitors get error 526) unless the zone's Custom Origin Trust Store (Advanced Certificate Manager, paid) holds your CA. Set proxied: false, or upload the CA there.`,
    });
  });
  if (!cert.waitForValidation) {
    out.warnings.push({
      path: [...at, "waitForValidation"],
      message:
        "false changes nothing for a private certificate (certificateAuthorityArn): ACM validates nothing, and certkit writes no validation record and waits for nothing. Remove it.",
    });
  }
}

/**
 * The attached endpoint that takes publicly trusted certificates only, and why, or
 * undefined. CloudFront serves an alternate domain name only with a certificate from a
 * CA on Mozilla's Included CA Certificate List (CloudFront developer guide, "Requirements
 * for using SSL/TLS certificates with CloudFront", certificate issuer); API Gateway's
 * custom domain names, edge-optimized and regional, need a certificate "signed by a
 * publicly trusted Certificate Authority" (API Gateway developer guide, "Getting
 * certificates ready in AWS Certificate Manager"). An AWS Private CA is neither.
 */
function publicOnlyEndpoint(
  attach: CertificateConfig["attach"],
): { key: "cloudfront" | "apiGateway"; why: string } | undefined {
  if (attach?.cloudfront)
    return {
      key: "cloudfront",
      why: "cannot serve a private certificate: CloudFront takes for alternate domain names only certificates from a CA on Mozilla's Included CA Certificate List (ACM's public certificates among them), and an AWS Private CA is not one, so CloudFront refuses the distribution at apply",
    };
  if (attach?.apiGateway) {
    const form = attach.apiGateway.endpoint === "edge" ? "an edge-optimized" : "a regional";
    return {
      key: "apiGateway",
      why: `cannot serve a private certificate: ${form} API Gateway custom domain name takes only a certificate signed by a publicly trusted CA, and an AWS Private CA is not one`,
    };
  }
  return undefined;
}
