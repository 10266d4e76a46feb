import { Migration } from '@mikro-orm/migrations';

/**
 * The fleet dashboard's recent faults and disconnects. Connections and disconnections of chargers
 * were kept only as the current `online` flag; each is now appended with its time. Partial indexes
 * let the latest faults and disconnects be read newest first without scanning the histories.
 */
export class Migration20261122175000Fleet extends Migration {
  override up(): void {
    this.addSql(`
      create table charger_connection_history (
        id bigint generated always as identity primary key,
        charger_id uuid not null references chargers (id) on delete cascade,
        online boolean not null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null default now()
      );`);
    this.addSql(
      `create index charger_connection_history_disconnects on charger_connection_history (occurred_at desc) where not online;`,
    );
    this.addSql(
      `create index terminal_status_history_faults on terminal_status_history (occurred_at desc) where status = 'FAULTED';`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists terminal_status_history_faults;`);
    this.addSql(`drop table if exists charger_connection_history;`);
  }
}
