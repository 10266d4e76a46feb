import { limitedLog } from './log-limiter';
import { USAGE, UsageError, parseCommandLine } from './options';
import { runSimulation } from './run';
import { ScenarioError } from './scenario';

async function main(): Promise<void> {
  const commandLine = parseCommandLine(process.argv.slice(2), process.env);
  if (commandLine.help) {
    process.stdout.write(USAGE);
    return;
  }
  // Ctrl+C (or the demo stopping us) ends the run cleanly: sockets closed, summary printed.
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const write = (line: string) => process.stderr.write(`[sim] ${line}\n`);
  const summary = await runSimulation(commandLine.options, {
    log: limitedLog(write),
    summary: write,
    signal: stop.signal,
  });
  // Every socket is closed by now; whatever a library may still hold must not keep the process.
  process.stdout.write(`${JSON.stringify(summary)}\n`, () => process.exit());
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (error instanceof ScenarioError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
