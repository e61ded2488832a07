// Read-only view of ACM through the AWS SDK for JavaScript v3: credentials the
// standard way, endpoint overridable by AWS_ENDPOINT_URL_ACM, 429/5xx and throttling
// retried with backoff (the SDK honours Retry-After). certkit only lists and describes.
import {
  ACMClient,
  DescribeCertificateCommand,
  KeyAlgorithm,
  ListCertificatesCommand,
} from "@aws-sdk/client-acm";
import { CliError } from "../errors";
import { awsReadError } from "./read-error";

/** A certificate as certkit needs it. */
export interface LiveCertificate {
  readonly arn: string;
  readonly region: string;
  /** Every name, lowercase: the domain name and the alternative names. */
  readonly names: readonly string[];
  readonly status: string;
  readonly keyAlgorithm: string;
  /** The AWS Private CA that issued a private certificate. @default - not private */
  readonly certificateAuthorityArn?: string;
  readonly renewalEligibility?: string;
  readonly inUseBy: readonly string[];
  /** Issue time, else creation time; for "the newest". */
  readonly issuedAt?: Date;
  /** The validation CNAME per validated name (lowercase, no trailing dots). */
  readonly validation: ReadonlyMap<string, { readonly name: string; readonly value: string }>;
}

const MAX_ATTEMPTS = 5;

export class AcmReader {
  private readonly clients = new Map<string, ACMClient>();

  constructor() {
    // The SDK warns on Node 20 about its releases after January 2027; this one is
    // pinned, so the warning would only be noise in the command's output.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  }

  /** ISSUED certificates in `region` whose domain name is one of `primaryNames`, described. */
  async issuedNamed(region: string, primaryNames: readonly string[]): Promise<LiveCertificate[]> {
    const arns: string[] = [];
    try {
      let NextToken: string | undefined;
      do {
        const page = await this.client(region).send(
          new ListCertificatesCommand({
            CertificateStatuses: ["ISSUED"],
            // Without it, ACM lists RSA_2048 certificates only.
            Includes: { keyTypes: Object.values(KeyAlgorithm) },
            MaxItems: 1000,
            NextToken,
          }),
        );
        for (const s of page.CertificateSummaryList ?? []) {
          if (s.CertificateArn && primaryNames.includes((s.DomainName ?? "").toLowerCase())) {
            arns.push(s.CertificateArn);
          }
        }
        NextToken = page.NextToken;
      } while (NextToken);
    } catch (e) {
      throw awsReadError(e, `the certificates in ${region}`);
    }
    const found: LiveCertificate[] = [];
    for (const arn of arns) found.push(await this.describe(arn, region));
    return found;
  }

  async describe(arn: string, region: string): Promise<LiveCertificate> {
    const found = await this.describeIfExists(arn, region);
    if (!found) throw new CliError(`certificate ${arn} does not exist in ${region}.`);
    return found;
  }

  /** The certificate, or undefined when ACM does not know the ARN (ResourceNotFoundException). */
  async describeIfExists(arn: string, region: string): Promise<LiveCertificate | undefined> {
    try {
      const { Certificate: c } = await this.client(region).send(
        new DescribeCertificateCommand({ CertificateArn: arn }),
      );
      const names = [c?.DomainName, ...(c?.SubjectAlternativeNames ?? [])]
        .filter((n): n is string => !!n)
        .map((n) => n.toLowerCase());
      const validation = new Map<string, { name: string; value: string }>();
      for (const o of c?.DomainValidationOptions ?? []) {
        const rr = o.ResourceRecord;
        if (o.DomainName && rr?.Name && rr.Value && rr.Type === "CNAME") {
          validation.set(o.DomainName.toLowerCase().replace(/^\*\./, ""), {
            name: trimDot(rr.Name),
            value: trimDot(rr.Value),
          });
        }
      }
      return {
        arn,
        region,
        names: [...new Set(names)],
        status: c?.Status ?? "UNKNOWN",
        keyAlgorithm: c?.KeyAlgorithm ?? "UNKNOWN",
        ...(c?.CertificateAuthorityArn
          ? { certificateAuthorityArn: c.CertificateAuthorityArn }
          : {}),
        ...(c?.RenewalEligibility ? { renewalEligibility: c.RenewalEligibility } : {}),
        inUseBy: c?.InUseBy ?? [],
        ...(c?.IssuedAt || c?.CreatedAt ? { issuedAt: c.IssuedAt ?? c.CreatedAt } : {}),
        validation,
      };
    } catch (e) {
      if ((e as { name?: string }).name === "ResourceNotFoundException") return undefined;
      throw awsReadError(e, `certificate ${arn}`);
    }
  }

  private client(region: string): ACMClient {
    let c = this.clients.get(region);
    if (!c) {
      c = new ACMClient({ region, maxAttempts: MAX_ATTEMPTS });
      this.clients.set(region, c);
    }
    return c;
  }
}

const trimDot = (s: string) => s.replace(/\.$/, "").toLowerCase();
