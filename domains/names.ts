// Pure DNS-name rules for ACM. No cdktf here: these run before any construct exists.

/** ACM limits the certificate's first name (its CN) to this many characters. */
export const MAX_PRIMARY_NAME_LENGTH = 64;
const MAX_NAME_LENGTH = 253;
/**
 * ACM validates a name with the CNAME `_<32 hex digits>.<name>`: 34 characters
 * more, and a DNS name has at most 253, so a longer name can never be validated.
 */
export const MAX_VALIDATED_NAME_LENGTH = MAX_NAME_LENGTH - 34;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** DNS is case-insensitive; ACM and the providers want lowercase. */
export function normalizeDomain(name: string): string {
  return name.toLowerCase();
}

export function isWildcard(name: string): boolean {
  return name.startsWith("*.");
}

/** The name a wildcard stands for one level under; the name itself otherwise. */
export function baseName(name: string): string {
  return isWildcard(name) ? name.slice(2) : name;
}

/**
 * What is wrong with a certificate name, as a sentence with its fix, or undefined
 * when it is valid. Expects lowercase input: callers normalise case first.
 */
export function domainNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty. Fix: write a DNS name such as app.example.com.";
  if (name.endsWith(".")) {
    return `ends with a dot, got "${name}". Fix: write "${name.replace(/\.+$/, "")}" (ACM rejects the trailing dot).`;
  }
  if (/\s/.test(name)) return `contains white space, got "${name}". Fix: remove it.`;
  if (name.length > MAX_NAME_LENGTH) {
    return `must be ${MAX_NAME_LENGTH} characters or less (DNS's limit), got ${name.length}: "${name}". Fix: use a name of at most ${MAX_VALIDATED_NAME_LENGTH} characters (${MAX_VALIDATED_NAME_LENGTH + 2} for a wildcard), so that its ACM validation record _<32 hex digits>.<name> fits too.`;
  }
  const labels = name.split(".");
  const starAt = labels.findIndex((l, i) => l.includes("*") && !(i === 0 && l === "*"));
  if (starAt >= 0) {
    return `has "*" outside the leftmost label, got "${name}". Fix: a wildcard is only "*." in front of a name, such as "*.${labels.slice(starAt + 1).join(".") || "example.com"}", and covers one level.`;
  }
  const rest = isWildcard(name) ? labels.slice(1) : labels;
  if (rest.length < 2) {
    // `*.com` most likely lost the registered name; `localhost` lacks its domain.
    const example = isWildcard(name) ? `*.example.${rest[0]}` : `${rest[0]}.example.com`;
    return `must have at least two labels, got "${name}". Fix: write a full name such as "${example}".`;
  }
  const bad = rest.find((l) => !LABEL.test(l));
  if (bad !== undefined) {
    return `has an invalid label "${bad}" in "${name}". Fix: labels are 1-63 letters, digits or hyphens, not starting or ending with a hyphen (punycode "xn--" for non-ASCII names).`;
  }
  if (/^[0-9]+$/.test(rest[rest.length - 1])) {
    return `ends in an all-numeric label, got "${name}". Fix: certificates are for DNS names, not IP addresses.`;
  }
  return undefined;
}

/**
 * What is wrong with a valid DNS name as a certificate name, beyond
 * domainNameProblem: its validation record must be a valid DNS name too.
 */
export function validationRecordProblem(name: string): string | undefined {
  const base = baseName(name);
  if (base.length <= MAX_VALIDATED_NAME_LENGTH) return undefined;
  return `is too long to validate: ACM checks "${base}" through the record _<32 hex digits>.${base}, 34 characters longer, and a DNS name has at most ${MAX_NAME_LENGTH}, so the certificate could never be issued; got ${base.length} characters${base === name ? "" : ` after "*."`}. Fix: use a name of at most ${MAX_VALIDATED_NAME_LENGTH} characters (${MAX_VALIDATED_NAME_LENGTH + 2} for a wildcard).`;
}

/**
 * Whether a certificate with these names serves `host`. A wildcard covers exactly
 * one level: `*.example.com` covers `a.example.com`, not `example.com` or `a.b.example.com`.
 */
export function covers(certificateNames: readonly string[], host: string): boolean {
  const dot = host.indexOf(".");
  const parent = dot < 0 ? undefined : host.slice(dot + 1);
  return certificateNames.some((n) => n === host || (isWildcard(n) && parent === baseName(n)));
}

/** A DNS name as part of a Terraform id: injective, since valid labels hold no "_". */
export function idPart(name: string): string {
  return name.replace(/\./g, "_");
}

/** Any config name as part of a Terraform id (letters, digits, "-", "_"). */
export function safeIdPart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_");
}
