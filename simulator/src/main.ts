import { USAGE, UsageError, parseCommandLine } from './options';
import { simulateStatuses } from './simulate';

const TICK_MS = 1000;

async function main(): Promise<void> {
  const commandLine = parseCommandLine(process.argv.slice(2), process.env);
  if (commandLine.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { options } = commandLine;
  const summary = await simulateStatuses({
    brokerUrl: options.broker,
    brokerUser: options.brokerUser,
    brokerPassword: options.brokerPassword,
    seed: options.seed,
    chargers: options.chargers,
    durationMs: options.duration * 1000,
    tickMs: TICK_MS,
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
