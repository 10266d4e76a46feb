import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../migrations';
import { ENTITIES } from './entities';

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  debug?: boolean;
}

/** The single MikroORM configuration, used by the Nest module, the CLI and the tests. */
export function mikroOrmConfig({ url, poolMax = 10, debug = false }: DatabaseOptions) {
  return defineConfig({
    clientUrl: url,
    entities: ENTITIES,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'mikro_orm_migrations',
      silent: true,
    },
    pool: { min: 0, max: poolMax },
    // Schema changes only ever come from committed migrations.
    ensureDatabase: false,
    allowGlobalContext: false,
    debug,
  });
}
