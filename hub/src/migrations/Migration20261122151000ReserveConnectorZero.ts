import { Migration } from '@mikro-orm/migrations';

/** OCPP 1.6 chargers that take reservations for the whole charge point (connector 0). */
export class Migration20261122151000ReserveConnectorZero extends Migration {
  override up(): void {
    this.addSql(
      `alter table chargers add column reserve_connector_zero boolean not null default false;`,
    );
  }

  override down(): void {
    this.addSql(`alter table chargers drop column reserve_connector_zero;`);
  }
}
