import { MikroORM } from '@mikro-orm/postgresql';
import { mikroOrmConfig } from './mikro-orm.config';

/** Applies pending migrations; returns the names it applied. */
export async function migrate(url: string): Promise<string[]> {
  const orm = await MikroORM.init(mikroOrmConfig({ url, poolMax: 2 }));
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}
