import { randomUUID } from 'node:crypto';
import type { RPCClient } from 'ocpp-rpc';
import request from 'supertest';
import { AccessTokenService } from '../../src/auth/access-token.service';
import { ACCESS_COOKIE } from '../../src/auth/session.guard';
import { chargerClient, type OcppTestProtocol, stationWithTerminals } from './ocpp';
import type { TestApp } from './test-app';

type AdminAgent = ReturnType<typeof request.agent>;

/** What a test charger answers to each hub command; tests change it between requests. */
export type ChargerAnswers = Record<string, (params: Record<string, unknown>) => object>;

export interface TestCharger {
  client: RPCClient;
  chargerId: string;
  stationId: string;
  terminalIds: string[];
  answers: ChargerAnswers;
  /** Every command received, with its params, in order. */
  received: { action: string; params: Record<string, unknown> }[];
  /** Reports a connector (1-based) status the way this charger's protocol does. */
  status(
    connector: number,
    status: 'Available' | 'Faulted' | 'Occupied' | 'Reserved',
  ): Promise<void>;
}

/**
 * A station with `terminals` terminals behind a registered, connected, booted charger whose
 * connectors all report Available, answering ReserveNow, CancelReservation and TriggerMessage
 * with Accepted.
 */
export async function onlineCharger(
  hub: TestApp,
  admin: AdminAgent,
  options: {
    identity: string;
    protocol: OcppTestProtocol;
    terminals: number;
    lon?: number;
    lat?: number;
    reserveConnectorZero?: boolean;
  },
): Promise<TestCharger> {
  const station = await stationWithTerminals(hub, `FR*${options.identity}*P1`, options.terminals);
  if (options.lon !== undefined && options.lat !== undefined) {
    await hub.orm.em
      .fork()
      .getConnection()
      .execute('update stations set location = st_setsrid(st_makepoint(?, ?), 4326) where id = ?', [
        options.lon,
        options.lat,
        station.stationId,
      ]);
  }
  const created = await admin
    .post('/api/v1/admin/chargers')
    .send({
      identity: options.identity,
      protocol: options.protocol,
      stationId: station.stationId,
      reserveConnectorZero: options.reserveConnectorZero,
    })
    .expect(201);
  const client = chargerClient(hub, options.identity, created.body.password, options.protocol);
  const accepted = () => ({ status: 'Accepted' });
  const answers: ChargerAnswers = {
    ReserveNow: accepted,
    CancelReservation: accepted,
    TriggerMessage: accepted,
  };
  const received: TestCharger['received'] = [];
  for (const action of Object.keys(answers)) {
    client.handle(action, async ({ params }) => {
      received.push({ action, params: params as Record<string, unknown> });
      return answers[action](params as Record<string, unknown>) as Record<string, unknown>;
    });
  }
  await client.connect();
  await client.call('BootNotification', bootParams(options.protocol));
  const charger: TestCharger = {
    client,
    chargerId: created.body.id,
    stationId: station.stationId,
    terminalIds: station.terminalIds,
    answers,
    received,
    async status(connector, status) {
      if (options.protocol === 'ocpp1.6') {
        await client.call('StatusNotification', {
          connectorId: connector,
          errorCode: 'NoError',
          // OCPP 1.6 says what the connector is doing; Charging is one way of being occupied.
          status: status === 'Occupied' ? 'Charging' : status,
        });
        return;
      }
      await client.call('StatusNotification', {
        timestamp: new Date().toISOString(),
        connectorStatus: status,
        evseId: connector,
        connectorId: 1,
      });
    },
  };
  for (let connector = 1; connector <= options.terminals; connector += 1)
    await charger.status(connector, 'Available');
  return charger;
}

function bootParams(protocol: OcppTestProtocol) {
  return protocol === 'ocpp1.6'
    ? { chargePointVendor: 'Watts', chargePointModel: 'Up-22' }
    : { reason: 'PowerUp', chargingStation: { vendorName: 'Watts', model: 'Up-22' } };
}

/**
 * A driver account written straight into the database with a signed access token: tests that
 * need a hundred drivers do not spend minutes hashing passwords or trip the login rate limit.
 */
export async function quickDriver(hub: TestApp) {
  const id = randomUUID();
  const [user] = await hub.orm.em
    .fork()
    .getConnection()
    .execute<{ id_tag: string }[]>(
      `insert into users (id, email, password_hash) values (?, ?, 'not-a-hash') returning id_tag`,
      [id, `quick-${id}@wattsup.test`],
    );
  const token = await hub.app.get(AccessTokenService).sign({ id, role: 'DRIVER' });
  const cookie = `${ACCESS_COOKIE}=${token}`;
  return {
    id,
    idTag: user.id_tag,
    cookie,
    /** `baseUrl` picks another hub instance sharing this one's database and Redis. */
    post: (path: string, body?: object, baseUrl = hub.url) =>
      request(baseUrl).post(path).set('Cookie', cookie).send(body),
    get: (path: string, baseUrl = hub.url) => request(baseUrl).get(path).set('Cookie', cookie),
  };
}
