import { Collection, Entity, OneToMany, Property } from '@mikro-orm/core';
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

  @OneToMany(() => Terminal, (terminal) => terminal.station)
  terminals = new Collection<Terminal>(this);
}
