// The customer managed KMS key that encrypts one region's expiry topic. The AWS
// managed key alias/aws/sns cannot: its key policy, which nobody can change, lets
// neither CloudWatch alarms nor EventBridge use it, and every notification would
// be dropped. This key's policy lets both services encrypt for the topic.
import { Construct } from "constructs";
import { Fn, TerraformLocal, type TerraformProvider } from "cdktf";
import { expiryKeyAlias, partitionOf, regionIdPart } from "../domains/aws-names";
import { KmsAlias, KmsKey, KmsKeyPolicy } from "./provider-imports";

/** Days a deleted key can still be restored (KMS allows 7 to 30). */
export const KEY_DELETION_WINDOW_DAYS = 30;
/** KMS alias names: `alias/`, then letters, digits, "/", "_", "-"; 256 characters in all. */
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;
const MAX_ALIAS_NAME = 256;

export interface ExpiryTopicKeyProps {
  /** Names the alias, `alias/certkit-<name>-expiry`: project and environment, such as `shop-prod`. */
  readonly name: string;
  /** Said in the key's description. */
  readonly description: string;
  /** The topic's region, where the key is created. */
  readonly region: string;
  /** The account of the key and of the alarms and rules that publish to the topic. @default - read from the key's ARN at apply */
  readonly accountId?: string;
  /** The provider for `region`. @default - the stack's default AWS provider */
  readonly provider?: TerraformProvider;
}

export class ExpiryTopicKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  readonly policy: KmsKeyPolicy;

  constructor(scope: Construct, id: string, props: ExpiryTopicKeyProps) {
    super(scope, id);
    const regionId = regionIdPart(props.region);
    const aliasName = expiryKeyAlias(props.name);
    if (!ALIAS_NAME.test(aliasName) || aliasName.length > MAX_ALIAS_NAME) {
      throw new Error(
        `${this.node.path}: KMS alias "${aliasName}" must be at most ${MAX_ALIAS_NAME} characters of letters, digits, "/", "_" and "-".`,
      );
    }
    this.key = new KmsKey(this, "key", {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
    });
    this.key.overrideLogicalId(`expiry_key_${regionId}`);
    // A policy of its own, so that it can name the account from the key's ARN when
    // the config gives no accountId (no AWS call at plan time, unlike a data source).
    const account = props.accountId ?? this.accountFromKey(`expiry_key_account_${regionId}`);
    this.policy = new KmsKeyPolicy(this, "policy", {
      provider: props.provider,
      keyId: this.key.keyId,
      // JSON, like the topic policy: readable in cdk.tf.json, compared as JSON by the provider.
      policy: JSON.stringify(expiryTopicKeyPolicy(props.region, account)),
    });
    this.policy.overrideLogicalId(`expiry_key_policy_${regionId}`);
    this.alias = new KmsAlias(this, "alias", {
      provider: props.provider,
      name: aliasName,
      targetKeyId: this.key.keyId,
    });
    this.alias.overrideLogicalId(`expiry_key_alias_${regionId}`);
  }

  /** The account id, element 4 of the key's ARN: known at apply, no AWS call at plan. */
  private accountFromKey(id: string): string {
    const local = new TerraformLocal(this, id, Fn.element(Fn.split(":", this.key.arn), 4));
    local.overrideLogicalId(id);
    return local.asString;
  }
}

/**
 * The key policy: the account administers the key (so that IAM policies apply to
 * it), CloudWatch alarms and EventBridge may use it to publish to the topic.
 */
export function expiryTopicKeyPolicy(region: string, accountId: string) {
  const use = ["kms:Decrypt", "kms:GenerateDataKey*"];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${partitionOf(region)}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        // No condition, as AWS documents CloudWatch's grant: a condition key the
        // KMS request lacks would drop every alarm notification. The topic policy
        // already admits only this environment's alarms.
        Sid: "ExpiryAlarms",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: use,
        Resource: "*",
      },
      {
        // No condition: AWS documents EventBridge's grant on an encrypted SNS
        // target without one, and a source key the KMS request lacks would drop
        // every event. The topic policy already admits only this rule.
        Sid: "AcmExpiryEvents",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: use,
        Resource: "*",
      },
    ],
  };
}
