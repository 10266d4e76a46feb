import { Collection, Entity, Enum, OneToMany, type Opt, Property } from '@mikro-orm/core';
import { RECORD_ORIGINS, type RecordOrigin } from '@wattsup/contracts';
import { BaseEntity } from '../database/base.entity';
import { type LonLat, PointType } from '../database/point.type';
import { Terminal } from '../terminals/terminal.entity';

/** IRVE station (`id_station_itinerance`): a place with one or more terminals. */
@Entity({ tableName: 'stations' })
export class Station extends BaseEntity {
  @Property({ type: 'text' })
  irveId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  operator: string | null = null;

  @Property({ type: 'text', nullable: true })
  brand: string | null = null;

  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  @Property({ type: 'text', nullable: true })
  inseeCode: string | null = null;

  @Property({ type: PointType })
  location!: LonLat;

  @Property({ type: 'text', nullable: true })
  implantation: string | null = null;

  @Property({ type: 'text', nullable: true })
  openingHours: string | null = null;

  @Property({ type: 'text', nullable: true })
  pmrAccessibility: string | null = null;

  @Property({ type: 'text', nullable: true })
  accessCondition: string | null = null;

  @Property({ type: 'text', nullable: true })
  pricing: string | null = null;

  @Property({ type: 'boolean', nullable: true })
  free: boolean | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;

  /** `IRVE` when an import brought the station; only those are retired by `import --prune`. */
  @Enum({ items: () => RECORD_ORIGINS, type: 'text' })
  origin: Opt<RecordOrigin> = 'HUB';

  /** Big network drivers filter on (e.g. `Tesla Supercharger`, `Ionity`), null for small ones. */
  @Property({ type: 'text', nullable: true })
  network: string | null = null;

  /** False only for Tesla Superchargers reserved to Teslas. */
  @Property({ type: 'boolean' })
  openToAllVehicles: Opt<boolean> = true;

  @Property({ type: 'boolean', nullable: true })
  twoWheelersOnly: boolean | null = null;

  @Property({ type: 'date', nullable: true })
  commissionedOn: string | null = null;

  /** IRVE `date_maj` of the row the station's fields come from. */
  @Property({ type: 'date', nullable: true })
  irveUpdatedOn: string | null = null;

  @OneToMany(() => Terminal, (terminal) => terminal.station)
  terminals = new Collection<Terminal>(this);
}
