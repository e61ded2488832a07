// Tags as AWS takes them, checked before apply. ACM's Tag API (the same rules as
// the other taggable resources certkit makes: SNS, KMS, CloudWatch, EventBridge,
// CloudFront): keys of 1-128 and values of 0-256 characters from
// [\p{L}\p{Z}\p{N}_.:/=+\-@] (lengths are in the schema); keys starting with
// `aws:` are AWS's own; at most 50 tags per resource (ACM's tag restrictions).
// hashicorp/aws merges the provider's default_tags into every resource's tags,
// the resource's value winning for a key in both: the count is of the union.
import { certkitTags } from "./derive";
import { ConfigIssue, KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertkitConfig } from "./schema";

export const MAX_TAGS_PER_RESOURCE = 50;
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED_TEXT = "letters, digits, spaces and _ . : / = + - @";

type Tags = Record<string, string> | undefined;

export function checkTags(cfg: CertkitConfig, out: RuleFindings): void {
  checkBlock(cfg.defaults?.tags, ["defaults", "tags"], out);
  for (const [envName, env] of Object.entries(cfg.environments)) {
    checkBlock(env.tags, ["environments", envName, "tags"], out);
    for (const [certName, cert] of Object.entries(env.certificates)) {
      checkBlock(cert.tags, ["environments", envName, "certificates", certName, "tags"], out);
    }
  }
  warnOverridden(cfg, out);
  checkCounts(cfg, out);
}

function checkBlock(tags: Tags, at: KeyPath, out: RuleFindings): void {
  for (const [key, value] of Object.entries(tags ?? {})) {
    const path = [...at, key];
    if (key.toLowerCase().startsWith("aws:")) {
      out.issues.push({
        path,
        message: `tag key "${key}" starts with "aws:", which AWS reserves for its own tags (in any case) and refuses at apply. Fix: rename the key, such as "${key.slice(4) || "name"}".`,
      });
    } else if (!ALLOWED.test(key)) {
      out.issues.push({ path, message: refused("tag key", key) });
    }
    if (!ALLOWED.test(value)) out.issues.push({ path, message: refused("tag value", value) });
  }
}

function refused(what: string, text: string): string {
  const bad = [...new Set([...text].filter((c) => !ALLOWED.test(c)))].map((c) => JSON.stringify(c));
  return `${what} ${JSON.stringify(text)} has characters AWS refuses in tags: ${bad.join(", ")}. Fix: use only ${ALLOWED_TEXT}.`;
}

/** A user tag that certkit's own replaces never reaches AWS: say so. */
function warnOverridden(cfg: CertkitConfig, out: RuleFindings): void {
  const envNames = Object.keys(cfg.environments);
  const warn = (path: KeyPath, value: string, own: string, where: string) =>
    out.warnings.push({
      path: path,
      message: `"${value}" is replaced by certkit's own tag ${String(path[path.length - 1])} = ${own} on ${where}, so it never reaches AWS. Remove it, or use another key.`,
    });
  const ownTag = (envName: string, key: string): string | undefined => {
    const own = certkitTags(cfg.project, envName);
    return Object.hasOwn(own, key) ? own[key] : undefined;
  };
  for (const [key, value] of Object.entries(cfg.defaults?.tags ?? {})) {
    const differ = envNames.filter((e) => {
      const own = ownTag(e, key);
      return own !== undefined && own !== value;
    });
    if (!differ.length) continue;
    const own = key === "environment" ? "<the environment's name>" : String(ownTag(differ[0], key));
    warn(
      ["defaults", "tags", key],
      value,
      own,
      `every resource of environment${differ.length === 1 ? "" : "s"} ${differ.join(", ")}`,
    );
  }
  for (const [envName, env] of Object.entries(cfg.environments)) {
    for (const [key, value] of Object.entries(env.tags ?? {})) {
      const own = ownTag(envName, key);
      if (own !== undefined && own !== value) {
        warn(
          ["environments", envName, "tags", key],
          value,
          own,
          `every resource of environment ${envName}`,
        );
      }
    }
    // A resource's own tags win over default_tags: resolve drops these keys instead.
    for (const [certName, cert] of Object.entries(env.certificates)) {
      for (const [key, value] of Object.entries(cert.tags ?? {})) {
        const own = ownTag(envName, key);
        if (own !== undefined && own !== value) {
          warn(
            ["environments", envName, "certificates", certName, "tags", key],
            value,
            own,
            `certificate ${certName}`,
          );
        }
      }
    }
  }
}

/** Every certificate carries the environment's default tags, `Name` and its own tags. */
function checkCounts(cfg: CertkitConfig, out: RuleFindings): void {
  const reported = new Set<string>();
  const report = (issue: ConfigIssue) => {
    if (reported.has(formatPath(issue.path))) return;
    reported.add(formatPath(issue.path));
    out.issues.push(issue);
  };
  for (const [envName, env] of Object.entries(cfg.environments)) {
    const defaults = new Set(
      Object.keys({ ...cfg.defaults?.tags, ...env.tags, ...certkitTags(cfg.project, envName) }),
    );
    const sharedAt: KeyPath = env.tags ? ["environments", envName, "tags"] : ["defaults", "tags"];
    const own = Object.keys(certkitTags(cfg.project, envName)).join(", ");
    const merged = `${env.tags && cfg.defaults?.tags ? "defaults.tags, " : ""}${formatPath(sharedAt)} and certkit's own (${own})`;
    if (defaults.size > MAX_TAGS_PER_RESOURCE) {
      report({
        path: sharedAt,
        message: `every resource of environment ${envName} would carry ${defaults.size} tags (${merged}); AWS allows at most ${MAX_TAGS_PER_RESOURCE} per resource. Fix: remove at least ${defaults.size - MAX_TAGS_PER_RESOURCE}.`,
      });
      continue;
    }
    for (const [certName, cert] of Object.entries(env.certificates)) {
      const extra = [...new Set(["Name", ...Object.keys(cert.tags ?? {})])].filter(
        (k) => !defaults.has(k),
      );
      const total = defaults.size + extra.length;
      if (total <= MAX_TAGS_PER_RESOURCE) continue;
      const at: KeyPath = cert.tags
        ? ["environments", envName, "certificates", certName, "tags"]
        : sharedAt;
      report({
        path: at,
        message: `certificate ${certName} would carry ${total} tags: ${defaults.size} default tags (${merged}) and ${extra.length} of its own (${extra.length <= 4 ? extra.join(", ") : `${extra.slice(0, 3).join(", ")}, ...`}); AWS allows at most ${MAX_TAGS_PER_RESOURCE} per resource. Fix: remove at least ${total - MAX_TAGS_PER_RESOURCE}.`,
      });
    }
  }
}
