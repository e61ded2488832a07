// ACM facts that both the config and the Certificate construct rely on.

/** Key algorithms ACM issues public certificates with. */
export const KEY_ALGORITHMS = ["RSA_2048", "EC_prime256v1", "EC_secp384r1"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** ACM's hard ceiling of names per certificate (the default quota is 10). */
export const MAX_CERTIFICATE_NAMES = 100;

/** Public certificates live 198 days (CA/Browser Forum SC-081): a larger expiry threshold alarms at issuance. */
export const MAX_DAYS_BEFORE_EXPIRY = 197;
