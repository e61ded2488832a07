// Checks of the roles AWS providers assume (roleArn, externalId, at defaults, per
// environment and per Route 53 zone). hashicorp/aws checks allowed_account_ids
// against the account of the assumed role's credentials (provider docs, "Getting
// the Account ID"), so a role in another account than accountId fails every plan:
// refused here instead.
import { accountOfRoleArn, partitionProblem, roleArnProblem } from "../domains/aws-names";
import { effectiveRegion, zonesStackRegion } from "./derive";
import { type ConfigIssue, type KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertkitConfig, EnvironmentConfig } from "./schema";

/** A key's value with the path it came from (the environment's, else defaults'). */
interface Keyed {
  readonly value: string;
  readonly at: KeyPath;
}

/** One stack's view of the keys. */
interface RoleUse {
  /** The environment, or undefined for the zones stack (defaults only). */
  readonly environment?: string;
  readonly role?: Keyed;
  readonly externalId?: Keyed;
  readonly account?: Keyed;
  readonly region?: string;
}

export function checkRoles(cfg: CertkitConfig, out: RuleFindings): void {
  const seen = new Set<string>();
  const once = (list: ConfigIssue[], path: KeyPath, message: string) => {
    const id = `${formatPath(path)} ${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    list.push({ path, message });
  };
  for (const use of roleUses(cfg)) {
    const { environment, role, account } = use;
    if (!role) {
      if (use.externalId && environment !== undefined) {
        once(
          out.issues,
          use.externalId.at,
          `is set, but environment ${environment} assumes no role (no roleArn in environments.${environment} or defaults), so nothing uses it. Fix: add roleArn, or remove externalId.`,
        );
      }
      continue;
    }
    const shape = roleArnProblem(role.value);
    if (shape) {
      once(out.issues, role.at, shape);
      continue;
    }
    const partition = use.region && partitionProblem(role.value, use.region);
    if (partition) once(out.issues, role.at, partition);
    const roleAccount = accountOfRoleArn(role.value)!;
    if (account && account.value !== roleAccount) {
      const key = formatPath(account.at);
      once(
        out.issues,
        role.at,
        `is a role of account ${roleAccount}, but ${key} is "${account.value}", got "${role.value}"; the AWS provider would refuse every plan (allowed_account_ids is checked against the assumed role's account). Fix: name the role of account ${account.value}, or correct ${key}.`,
      );
    } else if (!account && environment !== undefined) {
      once(
        out.warnings,
        role.at,
        `assumes a role of account ${roleAccount}, but environment ${environment} has no accountId, so the provider is not pinned to it and certkit cannot check what one account shares (validation records, AWS-side names). Set accountId: "${roleAccount}" in environments.${environment} or defaults.`,
      );
    }
  }
}

/** A Route 53 zone's role: an IAM role ARN in the stacks' partition; externalId only with it. */
export function checkZoneRoles(cfg: CertkitConfig, out: RuleFindings): void {
  // The zone's provider runs in the region of the stack writing to it; those share a partition.
  const region = zonesStackRegion(cfg);
  for (const [key, zone] of Object.entries(cfg.route53?.zones ?? {})) {
    const path = ["route53", "zones", key];
    if (zone.roleArn !== undefined) {
      const problem =
        roleArnProblem(zone.roleArn) ??
        (region && partitionProblem(zone.roleArn, region, `the stacks' region ${region}`));
      if (problem) out.issues.push({ path: [...path, "roleArn"], message: problem });
    } else if (zone.externalId !== undefined) {
      out.issues.push({
        path: [...path, "externalId"],
        message:
          "only goes with roleArn (it is passed when assuming that role). Fix: add roleArn, or remove externalId.",
      });
    }
  }
}

/** Every environment, then the zones stack: its AWS provider takes defaults' role. */
function roleUses(cfg: CertkitConfig): RoleUse[] {
  const pick = (
    key: "roleArn" | "externalId" | "accountId",
    env?: [string, EnvironmentConfig],
  ): Keyed | undefined => {
    const own = env?.[1][key];
    if (env && own !== undefined) return { value: own, at: ["environments", env[0], key] };
    const fallback = cfg.defaults?.[key];
    return fallback === undefined ? undefined : { value: fallback, at: ["defaults", key] };
  };
  const use = (env?: [string, EnvironmentConfig]): RoleUse => ({
    environment: env?.[0],
    role: pick("roleArn", env),
    externalId: pick("externalId", env),
    account: pick("accountId", env),
    region: env ? effectiveRegion(cfg, env[1]) : zonesStackRegion(cfg),
  });
  return [...Object.entries(cfg.environments).map((e) => use(e)), use()];
}
