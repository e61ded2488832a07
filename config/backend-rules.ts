// Checks of an s3 backend that `terraform init` or S3 would otherwise refuse:
// the key (Terraform's s3 backend refuses a leading or trailing "/" and "//":
// hashicorp/terraform#15738, #23965, #33869; since the AWS SDK v2 no longer cleans
// object paths, "." and ".." segments are kept literally too), the bucket name (S3's
// general purpose bucket naming rules), and the ARNs' partition.
import { partitionProblem, roleArnProblem } from "../domains/aws-names";
import { effectiveRegion, hasZoneSettings, resolveBackend, zonesStackRegion } from "./derive";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { BackendConfig, CertkitConfig } from "./schema";
import { ZONES_STACK } from "./stack-names";

type S3Backend = NonNullable<BackendConfig["s3"]>;

export function checkS3Backends(cfg: CertkitConfig, out: RuleFindings): void {
  const seen = new Set<string>();
  const once = (path: KeyPath, message: string) => {
    const id = `${formatPath(path)} ${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.issues.push({ path, message });
  };
  // Every stack using a backend, with what {environment} stands for and its region.
  const uses: { s3: S3Backend; at: KeyPath; environment: string; region?: string }[] = [];
  const add = (environment: string, region: string | undefined, own?: BackendConfig) => {
    const s3 = (own ?? cfg.defaults?.backend)?.s3;
    const at: KeyPath = own
      ? ["environments", environment, "backend", "s3"]
      : ["defaults", "backend", "s3"];
    if (s3) uses.push({ s3, at, environment, region: s3.region ?? region });
  };
  for (const [name, env] of Object.entries(cfg.environments)) {
    add(name, effectiveRegion(cfg, env), env.backend);
  }
  if (hasZoneSettings(cfg)) add(ZONES_STACK, zonesStackRegion(cfg));

  for (const { s3, at, environment, region } of uses) {
    const key = keyProblem(s3.key);
    if (key) once([...at, "key"], key);
    const resolved = resolveBackend({ s3 }, environment);
    const bucket = resolved.kind === "s3" ? resolved.bucket : s3.bucket;
    const problem = bucketProblem(bucket);
    if (problem) {
      const given =
        bucket === s3.bucket
          ? `"${bucket}"`
          : `"${s3.bucket}" (with {environment} = ${environment}: "${bucket}")`;
      once(
        [...at, "bucket"],
        `${given} is not a name S3 accepts: ${problem}. Fix: name an existing bucket; S3 bucket names are 3 to 63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit.`,
      );
    }
    if (s3.roleArn !== undefined) {
      const role = roleArnProblem(s3.roleArn);
      if (role) once([...at, "roleArn"], role);
      else if (region) {
        const partition = partitionProblem(
          s3.roleArn,
          region,
          `the state bucket's region ${region}`,
        );
        if (partition) once([...at, "roleArn"], partition);
      }
    }
    if (s3.kmsKeyId !== undefined && region) {
      const partition = partitionProblem(
        s3.kmsKeyId,
        region,
        `the state bucket's region ${region}`,
      );
      if (partition) once([...at, "kmsKeyId"], partition);
    }
  }
}

/** Every problem of an S3 state key at once, with a key that passes. */
function keyProblem(key: string): string | undefined {
  const refused = "(Terraform's s3 backend refuses it)";
  const problems = [
    ...(key.startsWith("/") || key.endsWith("/") ? [`starts or ends with "/" ${refused}`] : []),
    ...(key.includes("//") ? [`holds "//" ${refused}`] : []),
    ...(key.split("/").some((s) => s === "." || s === "..")
      ? [
          'holds a "." or ".." segment (S3 keeps such keys literally while tools and SDKs that normalise paths do not, so the state would not be where it seems)',
        ]
      : []),
  ];
  if (!problems.length) return undefined;
  const fixed =
    key
      .split("/")
      .filter((s) => s && s !== "." && s !== "..")
      .join("/") || "certkit/{environment}.tfstate";
  return `${problems.join(" and ")}, got "${key}". Fix: write "${fixed}".`;
}

/** Why S3 refuses a general purpose bucket name, or undefined. */
export function bucketProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `it has ${name.length} characters`;
  if (!/^[a-z0-9.-]+$/.test(name))
    return 'it holds characters other than lowercase letters, digits, "." and "-"';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return "it does not start and end with a letter or digit";
  if (name.includes("..")) return "it has two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "it is formatted as an IP address";
  const prefix = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => name.startsWith(p));
  if (prefix) return `the prefix "${prefix}" is reserved`;
  const suffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((s) =>
    name.endsWith(s),
  );
  if (suffix) return `the suffix "${suffix}" is reserved`;
  return undefined;
}
