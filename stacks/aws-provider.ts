// The AWS provider every certkit stack uses for an environment (or for the zones stack).
import type { Construct } from "constructs";
import type { ResolvedAssumeRole } from "../config/resolve";
import { regionIdPart } from "../domains/aws-names";
import { assumeRole } from "../modules/assume-role";
import { AwsProvider } from "../modules/provider-imports";

/** Where a stack's AWS providers act; a ResolvedEnvironment is one. */
export interface AwsAccess {
  /** The stack's home region: its provider there has no alias. */
  readonly region: string;
  /** Pins allowed_account_ids. @default - not pinned */
  readonly accountId?: string;
  /** The role to assume. @default - the credentials' own account */
  readonly assumeRole?: ResolvedAssumeRole;
  /** Provider default_tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** The provider for `region`; aliased (`aws.us_east_1`) unless it is the stack's home region. */
export function addAwsProvider(scope: Construct, access: AwsAccess, region: string): AwsProvider {
  const alias = region === access.region ? undefined : regionIdPart(region);
  const role = access.assumeRole;
  return new AwsProvider(scope, alias ? `aws_${alias}` : "aws", {
    region,
    alias,
    // A stack for one account can never be applied to another: with a role, the
    // provider checks the assumed role's account (modules/assume-role.ts).
    allowedAccountIds: access.accountId ? [access.accountId] : undefined,
    assumeRole: role ? assumeRole(role.roleArn, role.externalId, role.sessionName) : undefined,
    defaultTags: access.tags ? [{ tags: access.tags }] : undefined,
  });
}
