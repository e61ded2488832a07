// Failures to read live state, as one message each (exit 2). Built from the status
// and the API's own error text: never from request headers, so never with a token;
// an SDK's own text passes redactUrls, as it can echo a base URL with a password.
import { APIConnectionError, APIError } from "cloudflare";
import { CliError, redactUrls } from "../errors";

/** A Cloudflare SDK error (after its retries) as a CliError saying what to do. */
export function cloudflareReadError(e: unknown, what: string): CliError {
  if (e instanceof APIConnectionError) {
    return new CliError(
      `could not reach the Cloudflare API while reading ${what} (${causeOf(e)}). Fix: check the network, or CLOUDFLARE_BASE_URL if set.`,
    );
  }
  if (e instanceof APIError) {
    const said = apiErrors(e.error);
    const fix =
      e.status === 401 || e.status === 403
        ? "Fix: use a token with Zone:Read and DNS:Read on this zone (Zone Settings:Read and SSL and Certificates:Read for check)."
        : e.status === 429 || (e.status ?? 0) >= 500
          ? "Fix: try again later (certkit already retried with backoff)."
          : "Fix: check the zone and the token's permissions.";
    return new CliError(
      `Cloudflare answered ${e.status ?? "an error"} while reading ${what}${said ? `: ${said}` : ""}. ${fix}`,
    );
  }
  return new CliError(`reading ${what} from Cloudflare failed: ${messageOf(e)}`);
}

/** An AWS SDK error (after its retries) as a CliError saying what to do. */
export function awsReadError(e: unknown, what: string): CliError {
  const err = e as {
    name?: string;
    message?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const name = err.name ?? "Error";
  if (name === "CredentialsProviderError") {
    return new CliError(
      `no AWS credentials found while reading ${what}. Fix: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (read-only ACM access is enough).`,
    );
  }
  const status = err.$metadata?.httpStatusCode;
  if (status === undefined) {
    return new CliError(
      `could not reach ACM while reading ${what} (${causeOf(e)}). Fix: check the network, or AWS_ENDPOINT_URL_ACM if set.`,
    );
  }
  const fix =
    name === "AccessDeniedException" || status === 403
      ? "Fix: allow acm:ListCertificates and acm:DescribeCertificate to these credentials."
      : name === "ThrottlingException" || status === 429 || status >= 500
        ? "Fix: try again later (certkit already retried with backoff)."
        : "Fix: check the region and the credentials' account.";
  return new CliError(`ACM answered ${status} ${name} while reading ${what}. ${fix}`);
}

function apiErrors(body: unknown): string {
  const errors = (body as { errors?: { code?: number; message?: string }[] } | undefined)?.errors;
  return (errors ?? [])
    .map((x) => `${x.message ?? "error"}${x.code === undefined ? "" : ` (code ${x.code})`}`)
    .join("; ");
}

function causeOf(e: unknown): string {
  let c: unknown = e;
  // The innermost cause names the network problem (ECONNREFUSED, ENOTFOUND).
  while ((c as { cause?: unknown })?.cause) c = (c as { cause: unknown }).cause;
  const code = (c as { code?: string }).code;
  return code ?? messageOf(c);
}

const messageOf = (e: unknown) =>
  redactUrls((e instanceof Error ? e.message : String(e)).split("\n")[0] || "failed").slice(0, 200);
