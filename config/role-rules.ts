// Checks of the roles AWS providers assume (roleArn, externalId, at defaults and
// per environment). hashicorp/aws checks allowed_account_ids against the account of
// the assumed role's credentials (provider docs, "Getting the Account ID"), so a
// role in another account than accountId fails every plan: refused here instead.
import { accountOfRoleArn, partitionProblem, roleArnProblem } from "../domains/aws-names";
import { effectiveRegion, zonesStackRegion } from "./derive";
import { type ConfigIssue, type KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertkitConfig } from "./schema";

/** One stack's view of the keys: each value with the path it came from. */
interface RoleUse {
  /** The environment, or undefined for the zones stack (defaults only). */
  readonly environment?: string;
  readonly role?: { readonly arn: string; readonly at: KeyPath };
  readonly externalId?: { readonly at: KeyPath };
  readonly account?: { readonly id: string; readonly at: KeyPath };
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
    const shape = roleArnProblem(role.arn);
    if (shape) {
      once(out.issues, role.at, shape);
      continue;
    }
    const partition = use.region && partitionProblem(role.arn, use.region);
    if (partition) once(out.issues, role.at, partition);
    const roleAccount = accountOfRoleArn(role.arn)!;
    if (account && account.id !== roleAccount) {
      const key = formatPath(account.at);
      once(
        out.issues,
        role.at,
        `is a role of account ${roleAccount}, but ${key} is "${account.id}", got "${role.arn}"; the AWS provider would refuse every plan (allowed_account_ids is checked against the assumed role's account). Fix: name the role of account ${account.id}, or correct ${key}.`,
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

/** Every environment, then the zones stack: its AWS provider takes defaults' role. */
function roleUses(cfg: CertkitConfig): RoleUse[] {
  const d = cfg.defaults;
  const from = <T>(own: T | undefined, at: KeyPath, key: string, fallback: T | undefined) =>
    own !== undefined
      ? { value: own, at: [...at, key] }
      : fallback !== undefined
        ? { value: fallback, at: ["defaults", key] }
        : undefined;
  const use = (
    environment: string | undefined,
    at: KeyPath,
    own: { roleArn?: string; externalId?: string; accountId?: string },
    region: string | undefined,
  ): RoleUse => {
    const role = from(own.roleArn, at, "roleArn", d?.roleArn);
    const externalId = from(own.externalId, at, "externalId", d?.externalId);
    const account = from(own.accountId, at, "accountId", d?.accountId);
    return {
      ...(environment !== undefined ? { environment } : {}),
      ...(role ? { role: { arn: role.value, at: role.at } } : {}),
      ...(externalId ? { externalId: { at: externalId.at } } : {}),
      ...(account ? { account: { id: account.value, at: account.at } } : {}),
      ...(region ? { region } : {}),
    };
  };
  return [
    ...Object.entries(cfg.environments).map(([name, env]) =>
      use(name, ["environments", name], env, effectiveRegion(cfg, env)),
    ),
    use(undefined, ["defaults"], {}, zonesStackRegion(cfg)),
  ];
}
