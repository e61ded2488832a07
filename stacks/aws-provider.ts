// The AWS provider every certkit stack uses for an environment.
import type { Construct } from "constructs";
import type { ResolvedEnvironment } from "../config/resolve";
import { regionIdPart } from "../domains/aws-names";
import { AwsProvider } from "../modules/provider-imports";

/** The provider for `region`; aliased (`aws.us_east_1`) unless it is the environment's region. */
export function addAwsProvider(
  scope: Construct,
  env: ResolvedEnvironment,
  region: string,
): AwsProvider {
  const alias = region === env.region ? undefined : regionIdPart(region);
  return new AwsProvider(scope, alias ? `aws_${alias}` : "aws", {
    region,
    alias,
    // A stack for one account can never be applied to another.
    allowedAccountIds: env.accountId ? [env.accountId] : undefined,
    defaultTags: [{ tags: env.tags }],
  });
}
