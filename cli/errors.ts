// What the command line reports instead of a stack trace.

/** Exit codes of every certkit command. */
export const EXIT = {
  /** Done; for `check`: nothing blocks. */
  ok: 0,
  /** A config error; for `check`: something blocks apply or renewal. */
  problem: 1,
  /** Could not run or read: bad arguments, no token, access denied, network. */
  failed: 2,
} as const;

/** A failure with a message the user can act on, and the exit code it gives. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = "CliError";
  }
}
