import { type Opt, type Rel, Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import {
  RECORD_ORIGINS,
  type RecordOrigin,
  STATUS_SOURCES,
  TERMINAL_STATUSES,
  type PlugType,
  type StatusSource,
  type TerminalStatus,
} from '@wattsup/contracts';
import { BaseEntity } from '../database/base.entity';
import { Charger } from '../chargers/charger.entity';
import { Station } from '../stations/station.entity';

/** IRVE point de charge (`id_pdc_itinerance`), "borne" in the French UI. */
@Entity({ tableName: 'terminals' })
export class Terminal extends BaseEntity {
  @ManyToOne(() => Station, { deleteRule: 'restrict' })
  station!: Rel<Station>;

  @Property({ type: 'text' })
  pdcId!: string;

  @Property({ type: 'double', columnType: 'numeric(7,2)' })
  powerKw!: number;

  @Property({ type: 'text[]' })
  plugs: Opt<PlugType[]> = [];

  @Enum({ items: () => TERMINAL_STATUSES, type: 'text' })
  status: Opt<TerminalStatus> = 'UNKNOWN';

  @Enum({ items: () => STATUS_SOURCES, type: 'text' })
  statusSource: Opt<StatusSource> = 'IRVE';

  /** When the status last changed value. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  statusChangedAt: Date | null = null;

  /** When a source last confirmed the status, changed or not: the map's measure of freshness. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  statusConfirmedAt: Date | null = null;

  /** The power the terminal really delivers, learnt from its charging sessions. */
  @Property({ type: 'double', columnType: 'numeric(7,2)', nullable: true })
  observedPowerKw: number | null = null;

  @ManyToOne(() => Charger, { nullable: true, deleteRule: 'set null' })
  charger: Rel<Charger> | null = null;

  /** OCPP 1.6 connectorId, OCPP 2.0.1 evseId, or the MQTT connector number. */
  @Property({ type: 'integer', nullable: true })
  connectorId: number | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;

  /** `IRVE` when an import brought the terminal; only those are retired by `import --prune`. */
  @Enum({ items: () => RECORD_ORIGINS, type: 'text' })
  origin: Opt<RecordOrigin> = 'HUB';

  /** IRVE `date_maj` of the row the terminal comes from. */
  @Property({ type: 'date', nullable: true })
  irveUpdatedOn: string | null = null;
}
