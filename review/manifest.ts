// The review's baseline: `certkit-review.json`, written beside the HCL. A later
// review reads it (`--previous`, or the output folder's earlier run) to find the
// certificates a change replaces or removes; the HCL is never read back. Pure.
import { z } from "zod";
import type { ResolvedConfig } from "../config/resolve";
import { ingressHandovers } from "./deployment";
import type { Attachment, ManifestCertificate } from "./replacements";
import { PLAIN_ATTACH_KINDS, certificatesInStack, createsBeforeDestroying } from "./replacements";
import type { SynthesizedStack } from "./synthesize";

export const MANIFEST_FILE = "certkit-review.json";
/** Changes when the fields change, so that a review never misreads another version's file. */
export const MANIFEST_FORMAT = "certkit-review/1";

const attachment = z.union([
  z.strictObject({
    kind: z.literal("alb-ingress"),
    cluster: z.string(),
    ingressGroup: z.string(),
    output: z.string(),
  }),
  z.strictObject({ kind: z.enum(PLAIN_ATTACH_KINDS) }),
]);
const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  stacks: z.array(
    z.strictObject({
      name: z.string(),
      certificates: z.array(
        z.strictObject({
          name: z.string(),
          domains: z.array(z.string()).min(1),
          region: z.string().optional(),
          keyAlgorithm: z.string(),
          certificateAuthorityArn: z.string().optional(),
          createBeforeDestroy: z.boolean(),
          attachedTo: attachment.optional(),
        }),
      ),
    }),
  ),
});

/** The certificates of the synthesized stacks, with what the config attaches each to. */
export function manifestCertificates(
  config: ResolvedConfig,
  stacks: readonly SynthesizedStack[],
): ManifestCertificate[] {
  return stacks.flatMap((s) => {
    const env = config.environments.find((e) => e.name === s.name);
    const groups = env ? ingressHandovers(env) : [];
    return certificatesInStack(s.name, s.json).map((c) => {
      const kind = env?.certificates.find((e) => e.name === c.name)?.attach?.kind;
      const group = groups.find((g) => g.certificates.includes(c.name));
      const attachedTo: Attachment | undefined =
        kind === "alb-ingress" && group
          ? {
              kind,
              cluster: group.cluster,
              ingressGroup: group.ingressGroup,
              output: group.output,
            }
          : kind && kind !== "alb-ingress"
            ? { kind }
            : undefined;
      return {
        ...c,
        createBeforeDestroy: createsBeforeDestroying(s.json, c.name),
        ...(attachedTo ? { attachedTo } : {}),
      };
    });
  });
}

/** The manifest's text: every stack by name, its certificates by name, fields in a fixed order. */
export function manifestText(
  stacks: readonly string[],
  certificates: readonly ManifestCertificate[],
): string {
  const byName = <T extends { name: string }>(a: T, b: T) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const manifest: z.input<typeof manifestSchema> = {
    format: MANIFEST_FORMAT,
    stacks: [...new Set(stacks)]
      .map((name) => ({
        name,
        certificates: certificates
          .filter((c) => c.stack === name)
          .sort(byName)
          .map((c) => ({
            name: c.name,
            domains: [...c.domains],
            ...(c.region === undefined ? {} : { region: c.region }),
            keyAlgorithm: c.keyAlgorithm,
            ...(c.certificateAuthorityArn
              ? { certificateAuthorityArn: c.certificateAuthorityArn }
              : {}),
            createBeforeDestroy: c.createBeforeDestroy,
            ...(c.attachedTo ? { attachedTo: { ...c.attachedTo } } : {}),
          })),
      }))
      .sort(byName),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The certificates of a manifest's text, or why it cannot be read, as a phrase. */
export function parseManifest(text: string): ManifestCertificate[] | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: "is not valid JSON" };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== MANIFEST_FORMAT) {
    return {
      problem: `is not a manifest this certkit reads: its format is ${JSON.stringify(format ?? null)}, not "${MANIFEST_FORMAT}"`,
    };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
    return {
      problem: `does not have the shape of a manifest at ${at.replace(/^\./, "") || "its top"}`,
    };
  }
  return parsed.data.stacks.flatMap((s) => s.certificates.map((c) => ({ stack: s.name, ...c })));
}
