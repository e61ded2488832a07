// Route 53 as a DNS host: records in hosted zones given by id or looked up by name,
// through the stack's AWS provider or, for a zone in another account, one of the
// zone's own that assumes a role there.
import { Construct } from "constructs";
import { assumeRole } from "../assume-role";
import { AwsProvider, DataAwsRoute53Zone, Route53Record } from "../provider-imports";
import { accountOfRoleArn } from "../../domains/aws-names";
import { idPart } from "../../domains/names";
import type { ZoneRoute } from "../../domains/zones";
import {
  type DnsProvider,
  type DnsRecordRef,
  type DnsRecordSpec,
  caaText,
  noProxy,
} from "./dns-provider";

export interface Route53DnsProps {
  /** Region of the providers this host makes for zones in other accounts (Route 53 itself is global). */
  readonly region: string;
  /** The stack's AWS provider for zones in its own account. @default - the stack's default provider */
  readonly provider?: () => AwsProvider | undefined;
}

/**
 * hashicorp/aws docs of aws_route53_record
 * (website/docs/r/route53_record.html.markdown): `alias` takes name, zone_id and
 * evaluate_target_health and excludes ttl and records; the import id is
 * `<zone id>_<name>_<type>`; allow_overwrite UPSERTs over an existing record.
 */
export class Route53Dns extends Construct implements DnsProvider {
  readonly kind = "route53";
  private readonly zoneIds = new Map<string, string>();
  private readonly providers = new Map<string, AwsProvider | undefined>();
  /** CAA values by zone and name: Route 53 keeps them in one record set. */
  private readonly caa = new Map<string, { record: Route53Record; values: string[] }>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: Route53DnsProps,
  ) {
    super(scope, id);
  }

  addRecord(spec: DnsRecordSpec): DnsRecordRef {
    // Route 53 takes 0 to 2147483647 s; 1 stands for Cloudflare's "automatic", which it lacks.
    if (spec.ttlSeconds === 1) {
      throw new Error(`${this.node.path}: ${spec.name}: Route 53 has no automatic TTL (1).`);
    }
    const common = {
      zoneId: this.zoneId(spec.zone),
      name: spec.name,
      provider: this.provider(spec.zone),
    };
    if (spec.type === "CAA") return this.addCaa(spec.zone, common, caaText(spec));
    // The import id is `<zone id>_<name>_<type>` (config rules check it names this record).
    const take = (record: Route53Record) => {
      record.overrideLogicalId(record.node.id);
      if (spec.importRecordId) record.importFrom(spec.importRecordId, common.provider);
      return record;
    };
    if (spec.alias !== undefined) {
      const alias = { ...spec.alias, evaluateTargetHealth: false };
      const a = take(
        new Route53Record(this, spec.id, { ...common, type: "A", alias, allowOverwrite: false }),
      );
      // Only the A record is imported: an AAAA may not exist yet, so it takes over by UPSERT.
      // "__" never comes from a name (labels are not empty): no hostname's id meets this one.
      const aaaa = `${spec.id}__aaaa`;
      new Route53Record(this, aaaa, {
        ...common,
        type: "AAAA",
        alias,
        allowOverwrite: spec.importRecordId !== undefined,
        // After the A: when a CNAME at the name becomes this alias, Route 53 refuses
        // any other type beside the CNAME (ChangeResourceRecordSets: InvalidChangeBatch,
        // "conflicting RRSet of type CNAME"), so the AAAA waits until the A replaced it;
        // the other way, Terraform deletes the AAAA before it changes the A (terraform 1.11.4).
        dependsOn: [a],
      }).overrideLogicalId(aaaa);
      return { fqdn: a.fqdn };
    }
    const record = new Route53Record(this, spec.id, {
      ...common,
      type: "CNAME",
      ttl: spec.ttlSeconds,
      records: [spec.content],
      // ACM gives every certificate of a name in one account the same CNAME
      // (terraform-aws-acm's default): an existing one is taken over, not a failure.
      allowOverwrite: spec.purpose === "validation",
    });
    return { fqdn: take(record).fqdn };
  }

  requireStrictTls(zone: ZoneRoute): void {
    throw noProxy(this, "Route 53", zone);
  }

  orderEdgeCertificate(zone: ZoneRoute): void {
    throw noProxy(this, "Route 53", zone);
  }

  coverEveryProxiedName(zone: ZoneRoute): void {
    throw noProxy(this, "Route 53", zone);
  }

  /** One CAA record set per name, holding every value asked for (issue, issuewild). */
  private addCaa(
    zone: ZoneRoute,
    common: { zoneId: string; name: string; provider?: AwsProvider },
    value: string,
  ): DnsRecordRef {
    const key = `${zone.name} ${common.name}`;
    let set = this.caa.get(key);
    if (!set) {
      const id = `caa_${idPart(common.name)}`;
      // No allow_overwrite: an existing CAA set holds other CAs' values, which an UPSERT would drop.
      const record = new Route53Record(this, id, {
        ...common,
        type: "CAA",
        ttl: 3600,
        records: [],
      });
      record.overrideLogicalId(id);
      set = { record, values: [] };
      this.caa.set(key, set);
    }
    set.values.push(value);
    set.record.records = [...set.values];
    return { fqdn: set.record.fqdn };
  }

  /** The zone's own provider when it names a role, else the stack's. */
  private provider(zone: ZoneRoute): AwsProvider | undefined {
    if (this.providers.has(zone.name)) return this.providers.get(zone.name);
    const role = zone.assumeRole;
    // The stack's provider only when asked for: a stack whose zones all name roles needs none.
    let provider: AwsProvider | undefined;
    if (!role) provider = this.props.provider?.();
    else {
      const alias = `route53_${idPart(zone.name)}`;
      provider = new AwsProvider(this, alias, {
        alias,
        region: this.props.region,
        assumeRole: assumeRole(role.roleArn, role.externalId),
        // The role's account is the zone's: a role elsewhere fails before any change.
        // Config rules (role-rules.ts) refused any roleArn accountOfRoleArn does not read.
        allowedAccountIds: [accountOfRoleArn(role.roleArn)!],
      });
    }
    this.providers.set(zone.name, provider);
    return provider;
  }

  private zoneId(zone: ZoneRoute): string {
    if (zone.zoneId) return zone.zoneId;
    let id = this.zoneIds.get(zone.name);
    if (!id) {
      const lookupId = `zone_${idPart(zone.name)}`;
      // Fails at plan unless exactly one zone of that name (public or private) is visible.
      const data = new DataAwsRoute53Zone(this, lookupId, {
        name: zone.name,
        privateZone: zone.privateZone ?? false,
        provider: this.provider(zone),
      });
      data.overrideLogicalId(lookupId);
      id = data.zoneId;
      this.zoneIds.set(zone.name, id);
    }
    return id;
  }
}
