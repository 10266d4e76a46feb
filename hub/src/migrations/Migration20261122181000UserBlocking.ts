import { Migration } from '@mikro-orm/migrations';

/**
 * Customers support can block: a blocked account cannot sign in or refresh its session, and its
 * access tokens are refused from the block on (see `SessionBlocklist`).
 */
export class Migration20261122181000UserBlocking extends Migration {
  override up(): void {
    this.addSql(`alter table users add column blocked_at timestamptz;`);
  }

  override down(): void {
    this.addSql(`alter table users drop column blocked_at;`);
  }
}
