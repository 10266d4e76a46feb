import { randomBytes } from 'node:crypto';

/**
 * Names this run's template database. The first test file to need it migrates it (see
 * createTestDatabase); MikroORM must not load here, in the parent process, since its metadata
 * would then belong to another JavaScript realm than the tests'.
 */
export default function globalSetup(): void {
  process.env.WATTSUP_TEMPLATE_DB = `wattsup_template_${process.pid}_${randomBytes(3).toString('hex')}`;
}
