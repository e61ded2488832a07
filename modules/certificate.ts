// An ACM certificate validated by DNS, and the waiter consumers take its ARN from;
// or a private certificate an AWS Private CA issues, which needs neither.
import { Construct } from "constructs";
import { Token, type TerraformProvider } from "cdktf";
import { AcmCertificate, AcmCertificateValidation } from "./provider-imports";
import { type KeyAlgorithm, MAX_CERTIFICATE_NAMES } from "../domains/acm";
import { parsePrivateCaArn } from "../domains/aws-names";
import { MAX_PRIMARY_NAME_LENGTH, domainNameProblem, normalizeDomain } from "../domains/names";

export interface CertificateProps {
  /** Terraform name of the certificate and its validation (`aws_acm_certificate.<name>`). @default - the construct id */
  readonly resourceName?: string;
  /** Names the certificate covers; the first is the primary name. Changing them replaces the certificate. */
  readonly domains: readonly string[];
  /** Key algorithm. Changing it replaces the certificate. */
  readonly keyAlgorithm: KeyAlgorithm;
  /** Log the certificate to Certificate Transparency (browsers distrust unlogged ones). */
  readonly transparencyLogging: boolean;
  /** Request an exportable public certificate (charged). */
  readonly exportable: boolean;
  /** How long apply waits for issuance, in minutes. */
  readonly validationTimeoutMinutes: number;
  /**
   * Wait for issuance (aws_acm_certificate_validation) and hand consumers the ARN
   * from that waiter. false: no waiter, consumers get the ARN at once.
   */
  readonly waitForValidation: boolean;
  /** Tags on the certificate, on top of the provider's default tags. @default - none */
  readonly tags?: Record<string, string>;
  /** AWS provider to create it with (CloudFront needs us-east-1). @default - the stack's default AWS provider */
  readonly provider?: TerraformProvider;
  /** ARN of an existing certificate to take over with an import block. @default - a new certificate is requested */
  readonly importArn?: string;
  /**
   * ARN of the AWS Private CA that issues it as a private certificate: no validation
   * method, no waiter (`waitForValidation` and `validationTimeoutMinutes` are unused).
   * The CA must be in the provider's region. Changing it replaces the certificate.
   * @default - a public certificate validated by DNS
   */
  readonly certificateAuthorityArn?: string;
}

/** A validation CNAME as Terraform expressions (known after the certificate is requested). */
export interface ValidationRecordValue {
  /** The record's name, `_<token>.<domain>`, without the trailing dot. */
  readonly name: string;
  /** Its target under acm-validations.aws, without the trailing dot. */
  readonly content: string;
}

export class Certificate extends Construct {
  /** The ACM certificate (`aws_acm_certificate`). */
  readonly certificate: AcmCertificate;
  /** The waiter for issuance; undefined with `waitForValidation: false` and for a private certificate. */
  readonly validation?: AcmCertificateValidation;
  /** The ARN for listeners and distributions: from the validation (if any), so they wait for issuance. */
  readonly arn: string;
  /** The certificate's ARN as soon as it is requested (alarms and event rules need no issuance). */
  readonly requestedArn: string;
  /** The names it covers, the primary first. */
  readonly domains: readonly string[];
  /** Issued by an AWS Private CA: ACM asks for no validation record. */
  readonly isPrivate: boolean;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    this.checkDomains(props.domains);
    this.checkPrivateCa(props);
    const name = props.resourceName ?? id;
    const [primary, ...alternatives] = props.domains;
    this.domains = props.domains;
    this.certificate = new AcmCertificate(this, "certificate", {
      provider: props.provider,
      domainName: primary,
      subjectAlternativeNames: alternatives.length ? alternatives : undefined,
      // hashicorp/aws: certificate_authority_arn conflicts with validation_method (and
      // forces a new certificate); for a PRIVATE certificate the create waits until ACM
      // has filled in its details (internal/service/acm/certificate.go).
      ...(props.certificateAuthorityArn
        ? { certificateAuthorityArn: props.certificateAuthorityArn }
        : { validationMethod: "DNS" }),
      keyAlgorithm: props.keyAlgorithm,
      // Both options are for public certificates (CT logs, exportable public certificates);
      // the provider's `options` is optional and computed, so leaving it out shows no diff.
      options: props.certificateAuthorityArn
        ? undefined
        : {
            certificateTransparencyLoggingPreference: props.transparencyLogging
              ? "ENABLED"
              : "DISABLED",
            // Only when asked: hashicorp/aws before 6.x does not know the argument.
            ...(props.exportable ? { export: "ENABLED" } : {}),
          },
      tags: props.tags && Object.keys(props.tags).length ? props.tags : undefined,
      // A certificate in use by a listener cannot be deleted: create the new one first.
      lifecycle: { createBeforeDestroy: true },
    });
    this.certificate.overrideLogicalId(name);
    // Import through the provider that manages it: its region is the certificate's.
    if (props.importArn) this.certificate.importFrom(props.importArn, props.provider);
    this.requestedArn = this.certificate.arn;
    this.isPrivate = props.certificateAuthorityArn !== undefined;
    if (!props.waitForValidation || this.isPrivate) {
      this.arn = this.requestedArn;
      return;
    }

    this.validation = new AcmCertificateValidation(this, "validation", {
      provider: props.provider,
      certificateArn: this.certificate.arn,
      timeouts: { create: `${props.validationTimeoutMinutes}m` },
      // certificate_arn forces a new waiter when the certificate is replaced: the new one
      // must exist before the old goes, or its consumers lose their ARN for the gap.
      lifecycle: { createBeforeDestroy: true },
    });
    this.validation.overrideLogicalId(name);
    this.arn = this.validation.certificateArn;
  }

  /** ACM's limits on names, checked here so that the construct is safe without the config's rules. */
  private checkDomains(domains: readonly string[]): void {
    const fail = (what: string): never => {
      throw new Error(`${this.node.path}: ${what}`);
    };
    if (domains.length < 1 || domains.length > MAX_CERTIFICATE_NAMES) {
      fail(`a certificate has 1 to ${MAX_CERTIFICATE_NAMES} names, got ${domains.length}.`);
    }
    // A name known only at apply is left to ACM.
    const [primary] = domains;
    if (!Token.isUnresolved(primary) && primary.length > MAX_PRIMARY_NAME_LENGTH) {
      fail(
        `the primary name must be ${MAX_PRIMARY_NAME_LENGTH} characters or less (ACM's limit on the first name), got ${primary.length}: "${primary}".`,
      );
    }
    domains.forEach((d, i) => {
      const problem = Token.isUnresolved(d) ? undefined : domainNameProblem(normalizeDomain(d));
      if (problem) fail(`domains[${i}] ${problem}`);
    });
  }

  /** Limits of a private certificate, checked here so that the construct is safe without the config's rules. */
  private checkPrivateCa(props: CertificateProps): void {
    const arn = props.certificateAuthorityArn;
    if (arn === undefined || Token.isUnresolved(arn)) return;
    const ca = parsePrivateCaArn(arn);
    if (typeof ca === "string") throw new Error(`${this.node.path}: certificateAuthorityArn ${ca}`);
    if (props.exportable) {
      throw new Error(
        `${this.node.path}: exportable is for public certificates; ACM exports private ones without it.`,
      );
    }
  }

  /**
   * The validation CNAME ACM gives for `domain` (one of this certificate's names),
   * trailing dots trimmed (Cloudflare strips them, and the provider would then show
   * a diff forever). Picked by name, not by position, so that adding a name changes nothing.
   */
  validationRecord(domain: string): ValidationRecordValue {
    this.checkPublic("validationRecord");
    if (!this.domains.includes(domain)) {
      throw new Error(
        `${this.node.path}: "${domain}" is not one of the certificate's names (${this.domains.join(", ")}).`,
      );
    }
    const pick = (attr: string) =>
      `\${trimsuffix(one([for o in ${this.certificate.terraformResourceType}.${this.certificate.friendlyUniqueId}.domain_validation_options : o.${attr} if o.domain_name == "${domain}"]), ".")}`;
    return { name: pick("resource_record_name"), content: pick("resource_record_value") };
  }

  /**
   * The validation records ACM asks for, one per validated name (`x` and `*.x`
   * share one), as terraform-aws-acm's `validation_domains` gives them: a list of
   * domain_name, resource_record_name, resource_record_type, resource_record_value.
   */
  validationRecords(): string {
    this.checkPublic("validationRecords");
    const options = `${this.certificate.terraformResourceType}.${this.certificate.friendlyUniqueId}.domain_validation_options`;
    return `\${distinct([for o in ${options} : merge(o, { domain_name = trimprefix(o.domain_name, "*.") })])}`;
  }

  /** A private certificate has no validation records: asking for them is a bug in the caller. */
  private checkPublic(what: string): void {
    if (this.isPrivate) {
      throw new Error(
        `${this.node.path}: ${what}: a private certificate (certificateAuthorityArn) has no validation records.`,
      );
    }
  }

  /** Make the waiter depend on the records that answer ACM: it then starts only once they exist. */
  waitForRecords(fqdns: readonly string[]): void {
    if (this.validation) this.validation.validationRecordFqdns = [...fqdns];
  }
}
