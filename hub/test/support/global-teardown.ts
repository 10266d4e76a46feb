import { dropDatabase } from './databases';

export default async function globalTeardown(): Promise<void> {
  if (process.env.WATTSUP_TEMPLATE_DB) await dropDatabase(process.env.WATTSUP_TEMPLATE_DB);
}
