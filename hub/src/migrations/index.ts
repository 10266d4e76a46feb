import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122100000Foundation } from './Migration20261122100000Foundation';
import { Migration20261122104000NearestFilters } from './Migration20261122104000NearestFilters';
import { Migration20261122110000Ocpp } from './Migration20261122110000Ocpp';
import { Migration20261122130000Imports } from './Migration20261122130000Imports';
import { Migration20261122140000Live } from './Migration20261122140000Live';
import { Migration20261122150000Reservations } from './Migration20261122150000Reservations';
import { Migration20261122151000ReserveConnectorZero } from './Migration20261122151000ReserveConnectorZero';
import { Migration20261122152000Support } from './Migration20261122152000Support';
import { Migration20261122153000OfferCells } from './Migration20261122153000OfferCells';
import { Migration20261122160000Mqtt } from './Migration20261122160000Mqtt';
import { Migration20261122170000StationDoubt } from './Migration20261122170000StationDoubt';
import { Migration20261122175000Fleet } from './Migration20261122175000Fleet';
import { Migration20261122180000StationFilters } from './Migration20261122180000StationFilters';
import { Migration20261122181000UserBlocking } from './Migration20261122181000UserBlocking';
import { Migration20261122220000OfferMaskPlpgsql } from './Migration20261122220000OfferMaskPlpgsql';

/** Every migration, in order. Listed explicitly so compiled and test runs see the same set. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122100000Foundation', class: Migration20261122100000Foundation },
  { name: 'Migration20261122104000NearestFilters', class: Migration20261122104000NearestFilters },
  { name: 'Migration20261122110000Ocpp', class: Migration20261122110000Ocpp },
  { name: 'Migration20261122130000Imports', class: Migration20261122130000Imports },
  { name: 'Migration20261122140000Live', class: Migration20261122140000Live },
  { name: 'Migration20261122150000Reservations', class: Migration20261122150000Reservations },
  {
    name: 'Migration20261122151000ReserveConnectorZero',
    class: Migration20261122151000ReserveConnectorZero,
  },
  { name: 'Migration20261122152000Support', class: Migration20261122152000Support },
  { name: 'Migration20261122153000OfferCells', class: Migration20261122153000OfferCells },
  { name: 'Migration20261122160000Mqtt', class: Migration20261122160000Mqtt },
  { name: 'Migration20261122170000StationDoubt', class: Migration20261122170000StationDoubt },
  { name: 'Migration20261122175000Fleet', class: Migration20261122175000Fleet },
  {
    name: 'Migration20261122180000StationFilters',
    class: Migration20261122180000StationFilters,
  },
  { name: 'Migration20261122181000UserBlocking', class: Migration20261122181000UserBlocking },
  {
    name: 'Migration20261122220000OfferMaskPlpgsql',
    class: Migration20261122220000OfferMaskPlpgsql,
  },
];
