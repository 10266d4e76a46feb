import 'reflect-metadata';
import { ConfigError, parseConfig } from './config/config';
import { createHubApp } from './http-app';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const app = await createHubApp(config);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
}

main().catch((error: unknown) => {
  // A bad environment is a clear one-paragraph message, not a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
