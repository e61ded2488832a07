// A construct scope for constructs named after config names. Config names never
// share a scope with certkit's own construct ids (backend, aws, cloudflare,
// expiry...), so no name the schema accepts can collide with one; and they get
// "@" in front, because constructs keeps children in a plain object where a bare
// `constructor` is already taken (by Object.prototype). Construct ids are not
// Terraform addresses: every resource under a namespace sets its logical id.
import { Construct } from "constructs";

export class Namespace extends Construct {
  /** The construct id of the config name `name` in this namespace. */
  id(name: string): string {
    return `@${name}`;
  }
}
