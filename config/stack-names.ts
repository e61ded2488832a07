// Names of the stacks certkit makes besides one per environment.

/** Zone-wide settings (CAA, SSL mode), shared by every environment. */
export const ZONES_STACK = "zones";
/** App records for ALBs the AWS Load Balancer Controller makes: `<env>-ingress`. */
export const INGRESS_STACK_SUFFIX = "-ingress";

export const ingressStackName = (environment: string) => `${environment}${INGRESS_STACK_SUFFIX}`;

/** The review's summary of all environments, `index.md`: no environment may be named so. */
export const REVIEW_INDEX = "index";
