// `npx certkit <command>`: the kit's command line. Every command reads the config
// file synthesis reads (certkit.yaml, or the file in CERTKIT_CONFIG) and reports a
// problem as one message, never as a stack trace.
import { ConfigError } from "../config/issues";
import { BaselineError } from "../review/baseline";
import { ReviewOutputError } from "../review/write-review";
import { ADOPT_USAGE, adopt } from "./adopt";
import { CHECK_USAGE, check } from "./check";
import { CliError, EXIT, redactUrls } from "./errors";
import { REVIEW_USAGE, review } from "./review";

interface Command {
  /** One line for `certkit --help`. */
  readonly summary: string;
  readonly usage: string;
  /** Whether it synthesizes (a config error then says "nothing was synthesized", else "nothing was written"). */
  readonly synthesizes: boolean;
  run(args: string[], configFile: string): number | Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  adopt: {
    summary: "find certificates and records made by hand; write the environment's adopt section",
    usage: ADOPT_USAGE,
    synthesizes: false,
    run: adopt,
  },
  check: {
    summary: "read live state and report what would break apply or renewal (exit 1 if anything)",
    usage: CHECK_USAGE,
    synthesizes: false,
    run: check,
  },
  review: {
    summary: "synthesize every stack and write reviewable HCL and summaries",
    usage: REVIEW_USAGE,
    synthesizes: true,
    run: review,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "usage: certkit <command> [options]   (certkit <command> --help for its options)",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "The config file is certkit.yaml, or the file named by CERTKIT_CONFIG.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? EXIT.failed : EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`certkit: unknown command "${name}".\n${usage()}`);
    return EXIT.failed;
  }
  if (args.includes("--help") || args.includes("-h")) {
    console.log(command.usage);
    return EXIT.ok;
  }
  const configFile = process.env.CERTKIT_CONFIG || "certkit.yaml";
  try {
    return await command.run(args, configFile);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(command.synthesizes ? e.message : e.report("nothing was written"));
      return EXIT.problem;
    }
    if (e instanceof BaselineError || e instanceof ReviewOutputError) {
      console.error(e.message);
      return EXIT.problem;
    }
    if (e instanceof CliError) {
      console.error(`certkit ${name}: ${redactUrls(e.message)}`);
      return e.exitCode;
    }
    // Anything else is a bug or an environment problem: one line, no stack trace.
    console.error(`certkit ${name}: ${oneLine(e)}`);
    return EXIT.failed;
  }
}

// An unexpected error's text may echo a URL from the environment: no credentials in it.
const oneLine = (e: unknown) =>
  redactUrls((e instanceof Error ? e.message : String(e)).split("\n")[0] || "failed");

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`certkit: ${oneLine(e)}`);
    process.exitCode = EXIT.failed;
  },
);
