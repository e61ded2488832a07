// The `assume_role` block of an AWS provider, for every provider certkit makes in
// another account (an environment's, a Route 53 zone's).
//
// hashicorp/aws provider docs (website/docs/index.html.markdown, "assume_role
// Configuration Block"): role_arn is required, external_id and session_name are
// optional, and only one assume_role block is allowed. The provider assumes the
// role with the credentials it found (environment, profile, instance role), then
// checks `allowed_account_ids` against the account of the assumed role's
// credentials ("Getting the Account ID": sts:GetCallerIdentity), so the account
// pin still guards a stack whose role points at the wrong account.
import type { AwsProviderAssumeRole } from "./provider-imports";

/** CloudTrail shows it in the role's account; STS takes 2 to 64 of `[\w+=,.@-]`. */
export const DEFAULT_SESSION_NAME = "certkit";

/**
 * The provider's `assume_role` argument for `roleArn` (assign it to `assumeRole`).
 * `externalId` is left out when undefined; `sessionName` names the session in the
 * role's account (2 to 64 characters of `[\w+=,.@-]`).
 */
export function assumeRole(
  roleArn: string,
  externalId?: string,
  sessionName: string = DEFAULT_SESSION_NAME,
): AwsProviderAssumeRole[] {
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new Error(
      `assumeRole: session name must be 2 to 64 characters of letters, digits and "+=,.@_-", got "${sessionName}"`,
    );
  }
  return [{ roleArn, ...(externalId !== undefined ? { externalId } : {}), sessionName }];
}
