// Config text is data: free text becomes a Terraform literal when resolved
// (domains/terraform-literal.ts), but text holding a cdktf token marker cannot be
// made literal, since cdktf resolves the marker inside any string. Refused here,
// for every string and every key of the file, whatever key a later change adds.
import { cdktfTokenMarkerIn } from "../domains/terraform-literal";
import type { ConfigIssue, KeyPath } from "./issues";
import type { CertkitConfig } from "./schema";

/** One issue per string value or object key that holds a cdktf token marker. */
export function checkTokenText(data: unknown, at: KeyPath = []): ConfigIssue[] {
  if (typeof data === "string") {
    const marker = cdktfTokenMarkerIn(data);
    return marker ? [{ path: at, message: tokenMessage("", marker, data) }] : [];
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => checkTokenText(v, [...at, i]));
  if (data === null || typeof data !== "object") return [];
  return Object.entries(data).flatMap(([k, v]) => {
    const marker = cdktfTokenMarkerIn(k);
    const own = marker ? [{ path: [...at, k], message: tokenMessage("the key ", marker, k) }] : [];
    return [...own, ...checkTokenText(v, [...at, k])];
  });
}

const tokenMessage = (what: string, marker: string, text: string) =>
  `${what}holds ${JSON.stringify(marker)}, the marker of a cdktf token, which cdktf would replace with a reference to another resource, got ${JSON.stringify(text)}. Fix: remove ${JSON.stringify(marker)}; certkit writes config text to Terraform only as literal text.`;

/**
 * Backend text may not hold `${` or `%{`. Terraform reads a JSON `backend` or
 * `cloud` block without evaluating it (terraform 1.11: a local path "a${x}" names
 * the file `a${x}`, and "a$${x}" the file `a$${x}`), while the HCL that
 * `npm run review` writes, and OpenTofu's early evaluation, would read the same
 * text as a template: refused, so that every reader finds one meaning.
 */
export function checkBackendText(cfg: CertkitConfig): ConfigIssue[] {
  const backends: [KeyPath, unknown][] = [
    [["defaults", "backend"], cfg.defaults?.backend],
    ...Object.entries(cfg.environments).map(
      ([name, env]) => [["environments", name, "backend"], env.backend] as [KeyPath, unknown],
    ),
  ];
  return backends.flatMap(([at, backend]) =>
    Object.entries(backend ?? {}).flatMap(([kind, settings]) =>
      Object.entries((settings ?? {}) as Record<string, unknown>).flatMap(([key, value]) => {
        const template = typeof value === "string" ? /[$%]\{/.exec(value)?.[0] : undefined;
        if (!template || cdktfTokenMarkerIn(value as string)) return [];
        return [
          {
            path: [...at, kind, key],
            message: `holds ${JSON.stringify(template)}, which Terraform reads as written in a backend but the review's HCL and OpenTofu read as a template, got ${JSON.stringify(value)}. Fix: remove it; {environment} (without "$") stands for the environment's name.`,
          },
        ];
      }),
    ),
  );
}
