// A fake ACM endpoint speaking the AWS JSON 1.1 protocol (POST /, X-Amz-Target
// CertificateManager.<Operation>), with ListCertificates (NextToken pagination) and
// DescribeCertificate only. The region comes from the SigV4 credential scope.
import type { ServerResponse } from "node:http";
import { FakeServer, sendJson, startFake } from "./http";

export interface FakeCertificate {
  arn: string;
  names: string[];
  status: "ISSUED" | "PENDING_VALIDATION" | "FAILED" | "EXPIRED";
  keyAlgorithm?: string;
  /** A private certificate's CA; its Type is then PRIVATE. */
  certificateAuthorityArn?: string;
  renewalEligibility?: "ELIGIBLE" | "INELIGIBLE";
  inUseBy?: string[];
  /** Epoch seconds. */
  issuedAt?: number;
  /** Validation CNAME per name (name, value with trailing dots, as ACM gives them). */
  validation: Record<string, { name: string; value: string }>;
}

export interface AcmFakeOptions {
  certificates: FakeCertificate[];
  pageSize?: number;
  /** Answer every request with this status and error type. */
  failWith?: { status: number; type: string };
  /** Answer the first n requests with 429 ThrottlingException, Retry-After: 0. */
  throttleFirst?: number;
}

const JSON_11 = { "content-type": "application/x-amz-json-1.1" };

export async function startAcmFake(o: AcmFakeOptions): Promise<FakeServer> {
  let throttled = 0;
  return startFake((req, body, res) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const region = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/acm\//.exec(
      String(req.headers.authorization ?? ""),
    )?.[1];
    if (req.method !== "POST" || !region) return error(res, 400, "MissingAuthenticationToken", "");
    if (o.failWith) return error(res, o.failWith.status, o.failWith.type, "denied");
    if (o.throttleFirst && throttled < o.throttleFirst) {
      throttled++;
      return error(res, 429, "ThrottlingException", "Rate exceeded", { "retry-after": "0" });
    }
    const input = JSON.parse(body || "{}") as Record<string, unknown>;
    const inRegion = o.certificates.filter((c) => c.arn.split(":")[3] === region);
    if (target === "CertificateManager.ListCertificates") {
      const statuses = (input.CertificateStatuses as string[] | undefined) ?? [];
      const keyTypes = (input.Includes as { keyTypes?: string[] } | undefined)?.keyTypes;
      // As ACM: without Includes.keyTypes only RSA_2048 certificates are listed.
      const listed = inRegion.filter(
        (c) =>
          (!statuses.length || statuses.includes(c.status)) &&
          (keyTypes ?? ["RSA_2048"]).includes(c.keyAlgorithm ?? "RSA_2048"),
      );
      const size = Math.min(Number(input.MaxItems ?? 1000), o.pageSize ?? 1);
      const start = Number(input.NextToken ?? 0);
      const slice = listed.slice(start, start + size);
      return sendJson(
        res,
        200,
        {
          CertificateSummaryList: slice.map((c) => ({
            CertificateArn: c.arn,
            DomainName: c.names[0],
            SubjectAlternativeNameSummaries: c.names,
            Status: c.status,
            KeyAlgorithm: c.keyAlgorithm ?? "RSA_2048",
            Type: c.certificateAuthorityArn ? "PRIVATE" : "AMAZON_ISSUED",
          })),
          ...(start + size < listed.length ? { NextToken: String(start + size) } : {}),
        },
        JSON_11,
      );
    }
    if (target === "CertificateManager.DescribeCertificate") {
      const c = inRegion.find((x) => x.arn === input.CertificateArn);
      if (!c)
        return error(
          res,
          400,
          "ResourceNotFoundException",
          `Could not find certificate ${String(input.CertificateArn)}.`,
        );
      return sendJson(
        res,
        200,
        {
          Certificate: {
            CertificateArn: c.arn,
            DomainName: c.names[0],
            SubjectAlternativeNames: c.names,
            // ACM gives a private certificate no validation options.
            DomainValidationOptions: (c.certificateAuthorityArn ? [] : c.names).map((n) => ({
              DomainName: n,
              ValidationDomain: n,
              ValidationMethod: "DNS",
              ValidationStatus: c.status === "ISSUED" ? "SUCCESS" : "PENDING_VALIDATION",
              ResourceRecord: { ...c.validation[n.replace(/^\*\./, "")], Type: "CNAME" },
            })),
            Status: c.status,
            KeyAlgorithm: c.keyAlgorithm ?? "RSA_2048",
            InUseBy: c.inUseBy ?? [],
            Type: c.certificateAuthorityArn ? "PRIVATE" : "AMAZON_ISSUED",
            ...(c.certificateAuthorityArn
              ? { CertificateAuthorityArn: c.certificateAuthorityArn }
              : {}),
            CreatedAt: (c.issuedAt ?? 1767225600) - 600,
            ...(c.status === "ISSUED" ? { IssuedAt: c.issuedAt ?? 1767225600 } : {}),
            ...(c.renewalEligibility ? { RenewalEligibility: c.renewalEligibility } : {}),
          },
        },
        JSON_11,
      );
    }
    return error(res, 400, "UnknownOperationException", target);
  });
}

function error(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { __type: type, message }, { ...JSON_11, ...headers });
}
