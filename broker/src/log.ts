export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** One JSON object per line, ready for any log shipper. */
export function createJsonLogger(write: (line: string) => void = writeStdout): Logger {
  const log =
    (level: string) =>
    (message: string, fields: LogFields = {}) =>
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`,
      );
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

function writeStdout(line: string): void {
  process.stdout.write(line);
}
