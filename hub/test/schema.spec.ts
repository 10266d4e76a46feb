import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { mikroOrmConfig } from '../src/database/mikro-orm.config';
import { writeStations } from '../src/seed/station-writer';
import { createTestDatabase, type TestDatabase } from './support/databases';

/** Rules the database itself enforces, whatever the code above it does. */
describe('database constraints', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const sql = <T = unknown>(query: string, params: unknown[] = []) =>
    orm.em.fork().getConnection().execute<T[]>(query, params);

  let terminalIds: string[];
  let userIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await MikroORM.init(mikroOrmConfig({ url: database.url, poolMax: 2 }));
    await writeStations(orm.em.fork(), [
      {
        irveId: 'FR*C*P1',
        name: 'Constraint station',
        operator: null as unknown as string,
        brand: 'B',
        address: 'a',
        inseeCode: '31555',
        lon: 1.44,
        lat: 43.6,
        implantation: 'Voirie',
        openingHours: '24/7',
        pmrAccessibility: 'Accessibilité inconnue',
        accessCondition: 'Accès libre',
        pricing: null,
        free: false,
        terminals: [
          { pdcId: 'FR*C*E1', powerKw: 22, plugs: ['TYPE_2'], status: 'AVAILABLE' },
          { pdcId: 'FR*C*E2', powerKw: 22, plugs: ['TYPE_2'], status: 'AVAILABLE' },
        ],
      },
    ]);
    terminalIds = (await sql<{ id: string }>('select id from terminals order by pdc_id')).map(
      (row) => row.id,
    );
    userIds = [randomUUID(), randomUUID()];
    for (const [index, id] of userIds.entries()) {
      await sql(`insert into users (id, email, password_hash) values (?, ?, 'x')`, [
        id,
        `u${index}@wattsup.test`,
      ]);
    }
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  const reserve = (userId: string, terminalId: string, status = 'ACTIVE') =>
    sql(
      `insert into reservations (id, user_id, terminal_id, status, expires_at) values (?, ?, ?, ?, now() + interval '30 minutes')`,
      [randomUUID(), userId, terminalId, status],
    );

  it('allows one live reservation per terminal', async () => {
    await reserve(userIds[0], terminalIds[0]);
    await expect(reserve(userIds[1], terminalIds[0])).rejects.toThrow(
      /reservations_one_live_per_terminal/,
    );
  });

  it('allows one live reservation per user', async () => {
    await expect(reserve(userIds[0], terminalIds[1], 'IN_USE')).rejects.toThrow(
      /reservations_one_live_per_user/,
    );
  });

  it('keeps any number of ended reservations', async () => {
    await reserve(userIds[0], terminalIds[0], 'COMPLETED');
    await reserve(userIds[0], terminalIds[0], 'EXPIRED');
    await reserve(userIds[1], terminalIds[1]);
  });

  it('refuses an unknown reservation or terminal status', async () => {
    await expect(reserve(userIds[1], terminalIds[0], 'PAUSED')).rejects.toThrow(/check constraint/);
    await expect(
      sql(`update terminals set status = 'BROKEN' where id = ?`, [terminalIds[0]]),
    ).rejects.toThrow(/check constraint/);
  });

  it('keeps the status history append-only', async () => {
    await sql(
      `insert into terminal_status_history (terminal_id, status, source, occurred_at) values (?, 'FAULTED', 'OCPP', now())`,
      [terminalIds[0]],
    );
    await expect(sql(`update terminal_status_history set status = 'AVAILABLE'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(`delete from terminal_status_history`)).rejects.toThrow(/append-only/);
  });

  it('never cascades a station delete onto its terminals', async () => {
    await expect(sql(`delete from stations`)).rejects.toThrow(/foreign key/);
  });

  it('stores locations as PostGIS points in WGS84', async () => {
    const [row] = await sql<{ type: string; srid: number }>(
      `select geometrytype(location) as type, st_srid(location) as srid from stations limit 1`,
    );
    expect(row).toEqual({ type: 'POINT', srid: 4326 });
  });
});
