// How the stacks are deployed, for the review pages: the shared `zones` stack
// (CAA records, SSL mode) and the hand-over of certificates to the AWS Load
// Balancer Controller (Helm values, then `<env>-ingress`). Pure.
import type { ResolvedConfig, ResolvedEnvironment, ZoneSettings } from "../config/resolve";
import { ZONES_STACK, ingressStackName } from "../config/stack-names";
import { capabilitiesOf } from "../domains/dns-hosts";
import { ingressGroups } from "../domains/ingress-groups";
import { AMAZON_CAA_DOMAIN } from "../stacks/zones-stack";
import { validationFacts } from "./certificate-facts";
import { externalRecordSteps, externalRecords } from "./external-records";
import type { ReviewLayout } from "./layout";
import { backendText, code, hostText, stackLinks, table } from "./markdown";

/** One Ingress group of the controller: which certificates it takes and where its records go. */
export interface IngressHandoverFact {
  readonly cluster: string;
  readonly ingressGroup: string;
  /** Config order: the first is the listener's default certificate. */
  readonly certificates: readonly string[];
  /** The environment stack's output holding the Helm values. */
  readonly output: string;
  /** The hostnames `<env>-ingress` points at the group's ALB. */
  readonly hostnames: readonly string[];
}

/** The environment's Ingress groups, in config order (as the environment stack writes its outputs). */
export function ingressHandovers(env: ResolvedEnvironment): IngressHandoverFact[] {
  return ingressGroups(env.certificates, (c) =>
    c.attach?.kind === "alb-ingress" ? c.attach : undefined,
  ).map((g) => ({
    cluster: g.cluster,
    ingressGroup: g.ingressGroup,
    certificates: g.certificates.map((c) => c.name),
    output: g.output,
    hostnames: g.certificates.flatMap((c) => c.hostnames.map((h) => h.name)),
  }));
}

/** The steps that deploy one environment, as a numbered Markdown list, and its hand-over table. */
export function environmentDeploySteps(env: ResolvedEnvironment, hasZonesStack: boolean): string {
  const handovers = ingressHandovers(env);
  const ingress = ingressStackName(env.name);
  const external = externalRecordSteps(env);
  const steps: string[] = [];
  if (hasZonesStack) {
    steps.push(
      `\`cdktf deploy ${ZONES_STACK}\` first, when it changed: the zones' CAA records, SSL mode and edge certificates, ` +
        "shared by every environment (see [index.md](index.md)).",
    );
  }
  steps.push(...external.before);
  steps.push(
    `\`cdktf deploy ${env.name}\`: the certificates, their validation records and expiry alarms, ` +
      "what certkit attaches them to and the hostnames' records" +
      (handovers.length
        ? ", except those of the Ingress groups below, whose Helm values are outputs."
        : "."),
  );
  steps.push(...external.during);
  if (handovers.length) {
    steps.push(
      `For each Ingress group below: put the value of its output (\`cdktf output ${env.name}\`) into the ` +
        "Ingress's Helm values and `helm upgrade`: the AWS Load Balancer Controller then puts the " +
        "certificates on its ALB (certkit never changes that ALB's listeners).",
    );
  }
  if (env.ingressBackend) {
    steps.push(
      `\`cdktf deploy ${ingress}\`, once the controller has made the ALB: it finds the ALB by the ` +
        `controller's tags and points the hostnames at it. State: ${backendText(env.ingressBackend)}.`,
    );
  }
  steps.push(...external.after);
  const list = steps.map((s, i) => `${i + 1}. ${s}`).join("\n");
  const records = external.table
    ? [`### Records at an external DNS host, created by hand`, external.table]
    : [];
  if (!handovers.length) return [list, ...records].join("\n\n");
  return [
    list,
    table(
      [
        "Cluster",
        "Ingress group",
        "Certificates (first: the default)",
        "Output with the Helm values",
        `Hostnames (stack \`${ingress}\`)`,
      ],
      handovers.map((h) => [
        code(h.cluster),
        code(h.ingressGroup),
        h.certificates.map(code).join(", "),
        code(h.output),
        h.hostnames.map(code).join(", ") || "none",
      ]),
    ),
    ...records,
  ].join("\n\n");
}

/** The order of deployment across the whole config, for index.md. */
export function deployOrder(config: ResolvedConfig): string {
  const steps: string[] = [];
  if (config.zoneSettings.length) {
    steps.push(
      `\`cdktf deploy ${ZONES_STACK}\`: the zone settings below, shared by every environment; ` +
        "first, since ACM can issue only where the zone's CAA records allow Amazon.",
    );
  }
  const after = config.environments.flatMap((env) => {
    const owners = [
      ...new Set(
        env.certificates.flatMap((c) => validationFacts(env, c).flatMap((v) => v.ownedBy ?? [])),
      ),
    ].sort();
    return owners.length
      ? [
          `${owners.map(code).join(", ")} before ${code(env.name)}: its certificates wait for ` +
            `validation records created by ${owners.map(code).join(" and ")}`,
        ]
      : [];
  });
  steps.push(
    `Each environment: ${config.environments.map((e) => code(`cdktf deploy ${e.name}`)).join(", ")}` +
      (after.length ? `; ${after.join("; ")}.` : ", in any order."),
  );
  const byHand = config.environments.filter((env) => externalRecords(env).length);
  if (byHand.length) {
    steps.push(
      `${byHand.map((e) => `[${e.name}](${e.name}.md#deploying)`).join(", ")}: records at an external DNS host, ` +
        "which certkit cannot write: create them around the deploy as the page says.",
    );
  }
  for (const env of config.environments) {
    const handovers = ingressHandovers(env);
    if (!handovers.length) continue;
    const outputs = handovers.map((h) => code(h.output)).join(", ");
    const then = env.ingressBackend
      ? `, then \`cdktf deploy ${ingressStackName(env.name)}\` for the hostnames`
      : "";
    steps.push(
      `[${env.name}](${env.name}.md) hands certificates over to the AWS Load Balancer Controller: ` +
        `output ${outputs} into the Ingress's Helm values, \`helm upgrade\`${then}.`,
    );
  }
  return steps.map((s, i) => `${i + 1}. ${s}`).join("\n");
}

/** A zone's settings as table cells: zone, CAA records, SSL mode. */
export function zoneSettingsRow(s: ZoneSettings): [string, string, string, string] {
  const host = capabilitiesOf(s.zone.provider);
  const zone = `${code(s.zone.name)} at ${hostText(s.zone.provider, s.zone.assumeRole?.roleArn)}${s.zone.zoneId ? ` (id ${code(s.zone.zoneId)})` : ""}`;
  // RFC 8659: the closest name with CAA records decides, and the apex's restrict every other CA.
  const caa = s.caa
    ? `\`issue\` and \`issuewild\` for \`${AMAZON_CAA_DOMAIN}\` at \`${s.zone.name}\`: ACM may issue ` +
      "for every name without CAA records of its own or closer to it; another CA only if a CAA record names it too"
    : "not managed";
  if (!host.proxy) return [zone, caa, "none (no proxy)", "none (no proxy)"];
  const ssl =
    s.sslMode === "strict"
      ? "Full (strict): Cloudflare reaches every proxied origin of the zone over HTTPS and checks its certificate"
      : "not managed (left as it is)";
  return [zone, caa, ssl, edgeCertificateText(s)];
}

/** What browsers get from the proxy for the zone's proxied names, and whether it is paid. */
function edgeCertificateText(s: ZoneSettings): string {
  switch (s.edge?.kind) {
    case undefined:
      return `Universal SSL (free): \`${s.zone.name}\` and one level under it`;
    case "advanced":
      return `certificate pack (paid add-on): ${s.edge.hosts.map(code).join(", ")}`;
    case "total-tls":
      return "Total TLS (paid add-on): a certificate for each proxied name";
  }
}

/** The `zones` stack for index.md: where its state lives and each zone's settings. */
export function zoneSettingsMarkdown(config: ResolvedConfig, layout?: ReviewLayout): string {
  return [
    `One stack for every environment, ${stackLinks([ZONES_STACK], layout)}: ` +
      `\`cdktf deploy ${ZONES_STACK}\`; state: ${backendText(config.zonesBackend)}. ` +
      "A setting applies to the whole zone, records certkit does not manage included.",
    table(
      ["Zone", "CAA records", "SSL mode", "Edge certificate"],
      config.zoneSettings.map(zoneSettingsRow),
    ),
  ].join("\n\n");
}
