import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { OcppServer } from '../src/ocpp/ocpp-server';
import { adminSession, chargerClient, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

/** A hand-driven OCPP-J socket: frames are written as raw text, answers read as they come. */
class RawCharger {
  readonly frames: unknown[] = [];
  closeCode: number | null = null;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(data.toString())));
    socket.on('close', (code) => (this.closeCode = code));
  }

  static open(
    url: string,
    identity: string,
    password: string | null,
    protocols: string[] = ['ocpp1.6'],
  ) {
    const headers: Record<string, string> = password
      ? { Authorization: `Basic ${Buffer.from(`${identity}:${password}`).toString('base64')}` }
      : {};
    const socket = new WebSocket(`${url.replace('http', 'ws')}/ocpp/${identity}`, protocols, {
      headers,
    });
    return new Promise<RawCharger>((resolve, reject) => {
      socket.once('open', () => resolve(new RawCharger(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  send(text: string): void {
    this.socket.send(text);
  }

  async answerTo(messageId: string, timeoutMs = 3000): Promise<unknown[]> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const frame = this.frames.find((f) => Array.isArray(f) && f[1] === messageId);
      if (frame) return frame as unknown[];
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no answer to ${messageId}`);
  }

  async closed(timeoutMs = 3000): Promise<number> {
    const started = Date.now();
    while (this.closeCode === null && Date.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (this.closeCode === null) throw new Error('still open');
    return this.closeCode;
  }

  async heartbeatWorks(): Promise<boolean> {
    const id = `hb-${Math.random()}`;
    this.send(JSON.stringify([2, id, 'Heartbeat', {}]));
    return (await this.answerTo(id))[0] === 3;
  }
}

describe('OCPP endpoint robustness', () => {
  let hub: TestApp;
  let password: string;
  let chargerId: string;
  const sockets: RawCharger[] = [];
  const open = async (...args: Parameters<typeof RawCharger.open>) => {
    const socket = await RawCharger.open(...args);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    hub = await startTestApp({ OCPP_MAX_FRAME_BYTES: '4096', OCPP_CALL_TIMEOUT_MS: '500' });
    const admin = await adminSession(hub);
    const { stationId } = await stationWithTerminals(hub, 'FR*ROB*P1', 1);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'ROB-1', protocol: 'ocpp1.6', stationId })
      .expect(201);
    password = created.body.password;
    chargerId = created.body.id;
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.socket.terminate());
    await hub.close();
  });

  describe('at the upgrade', () => {
    it.each([
      ['an unknown identity', 'NOBODY', 'whatever-password-123'],
      ['a wrong password', 'ROB-1', 'wrong-password-1234567'],
      ['no credentials', 'ROB-1', null],
    ])('refuses %s with 401', async (_case, identity, secret) => {
      await expect(RawCharger.open(hub.url, identity, secret)).rejects.toThrow('HTTP 401');
    });

    it('refuses a path outside /ocpp with 404', async () => {
      const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/elsewhere/ROB-1`, ['ocpp1.6']);
      const status = await new Promise((resolve) =>
        socket.once('unexpected-response', (_q, response) => resolve(response.statusCode)),
      );
      expect(status).toBe(404);
    });

    // OCPP-J §3.1.2: with no subprotocol in common, the handshake completes without one and the
    // central system closes the connection.
    it('with no subprotocol offered, completes the handshake without one and closes', async () => {
      const socket = await open(hub.url, 'ROB-1', password, []);
      expect(socket.socket.protocol).toBe('');
      expect(await socket.closed()).toBe(1002);
    });

    it('with an unsupported subprotocol, answers without one (so the client fails the connection)', async () => {
      await expect(RawCharger.open(hub.url, 'ROB-1', password, ['ocpp1.5'])).rejects.toThrow(
        'Server sent no subprotocol',
      );
    });
  });

  describe('frames', () => {
    let charger: RawCharger;
    beforeAll(async () => {
      charger = await open(hub.url, 'ROB-1', password);
    });

    it('answers an unknown action with NotImplemented', async () => {
      charger.send(JSON.stringify([2, 'u1', 'MakeCoffee', {}]));
      expect(await charger.answerTo('u1')).toEqual([
        4,
        'u1',
        'NotImplemented',
        expect.any(String),
        expect.anything(),
      ]);
    });

    it('answers a missing required field with an occurrence violation', async () => {
      charger.send(JSON.stringify([2, 'v1', 'BootNotification', { chargePointVendor: 'X' }]));
      const [type, , code] = await charger.answerTo('v1');
      expect(type).toBe(4);
      expect(code).toMatch(
        /^(OccurrenceConstraintViolation|OccurenceConstraintViolation|FormationViolation)$/,
      );
    });

    it('answers a wrong type with TypeConstraintViolation', async () => {
      charger.send(
        JSON.stringify([
          2,
          'v2',
          'StatusNotification',
          { connectorId: 'one', errorCode: 'NoError', status: 'Available' },
        ]),
      );
      expect((await charger.answerTo('v2'))[2]).toBe('TypeConstraintViolation');
    });

    it('answers an unknown field with PropertyConstraintViolation', async () => {
      charger.send(JSON.stringify([2, 'v3', 'Heartbeat', { mood: 'happy' }]));
      expect((await charger.answerTo('v3'))[2]).toBe('PropertyConstraintViolation');
    });

    it('answers a value outside its enumeration with FormationViolation (OCPP 1.6J spelling)', async () => {
      charger.send(
        JSON.stringify([
          2,
          'v4',
          'StatusNotification',
          { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' },
        ]),
      );
      expect((await charger.answerTo('v4'))[2]).toBe('FormationViolation');
    });

    it('survives malformed JSON and frames that are not arrays, and keeps serving', async () => {
      charger.send('{"not json');
      charger.send(JSON.stringify({ hello: 'world' }));
      charger.send(JSON.stringify([9, 'x', 'Nope']));
      expect(await charger.heartbeatWorks()).toBe(true);
      const metrics = await fetch(`${hub.url}/metrics`).then((response) => response.text());
      expect(metrics).toMatch(
        /wattsup_ocpp_bad_messages_total\{protocol="ocpp1.6",kind="malformed"\} [3-9]/,
      );
    });

    it('answers the first of two calls sharing a message id, refuses the second, and carries on', async () => {
      charger.send(JSON.stringify([2, 'dup', 'Heartbeat', {}]));
      charger.send(JSON.stringify([2, 'dup', 'Heartbeat', {}]));
      await charger.answerTo('dup');
      expect(await charger.heartbeatWorks()).toBe(true);
      const answers = charger.frames.filter(
        (frame) => Array.isArray(frame) && frame[1] === 'dup',
      ) as unknown[][];
      expect(answers.map((answer) => answer[0]).sort()).toEqual([3, 4]);
    });

    it('reports a charger answering after the timeout as a timeout, and keeps the connection', async () => {
      const admin = await adminSession(hub);
      // supertest sends on then(): start the request now, answer it late below.
      const command = admin
        .post(`/api/v1/admin/chargers/${chargerId}/commands/reset`)
        .send({ type: 'soft' })
        .then((answer) => answer);
      const started = Date.now();
      let call: unknown[] | undefined;
      while (!call && Date.now() - started < 3000) {
        call = charger.frames.find((f) => Array.isArray(f) && f[0] === 2 && f[2] === 'Reset') as
          unknown[] | undefined;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const response = await command;
      expect(response.status).toBe(504);
      expect(response.body.message).toMatch(/did not answer Reset within 0.5 s/);
      charger.send(JSON.stringify([3, call![1], { status: 'Accepted' }]));
      expect(await charger.heartbeatWorks()).toBe(true);
    });

    it('closes the socket on an oversized frame (1009) and serves the others', async () => {
      const big = await open(hub.url, 'ROB-1', password);
      big.send(
        JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'x', data: 'y'.repeat(10_000) }]),
      );
      expect(await big.closed()).toBe(1009);
    });
  });

  it('keeps serving while a charger connects and never boots', async () => {
    const silent = await open(hub.url, 'ROB-1', password);
    const other = await open(hub.url, 'ROB-1', password);
    expect(await silent.closed()).toBe(1000); // replaced by the newer connection
    other.send(
      JSON.stringify([
        2,
        'b1',
        'BootNotification',
        { chargePointVendor: 'X', chargePointModel: 'Y' },
      ]),
    );
    expect((await other.answerTo('b1'))[2]).toMatchObject({ status: 'Accepted' });
  });
});

describe('OCPP auto-registration', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp({ OCPP_AUTO_REGISTER: 'true' });
  });
  afterAll(() => hub.close());

  it('answers Pending and refuses other work until an admin accepts the charger', async () => {
    const client = chargerClient(hub, 'NEW-1', 'its-own-secret-123', 'ocpp1.6');
    await client.connect();
    const boot = { chargePointVendor: 'V', chargePointModel: 'M' };
    expect(await client.call('BootNotification', boot)).toMatchObject({ status: 'Pending' });
    await expect(
      client.call('StatusNotification', {
        connectorId: 1,
        errorCode: 'NoError',
        status: 'Available',
      }),
    ).rejects.toMatchObject({
      rpcErrorCode: 'SecurityError',
    });
    const admin = await adminSession(hub);
    const list = await admin.get('/api/v1/admin/chargers').expect(200);
    const pending = list.body.find((charger: { identity: string }) => charger.identity === 'NEW-1');
    expect(pending.registrationStatus).toBe('Pending');
    await admin.post(`/api/v1/admin/chargers/${pending.id}/accept`).expect(200);
    expect(await client.call('BootNotification', boot)).toMatchObject({ status: 'Accepted' });
    await client.close();
  });
});

describe('OCPP security profile 2 (TLS)', () => {
  let hub: TestApp;
  let certificate: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wattsup-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
    hub = await startTestApp({
      OCPP_TLS_PORT: '0',
      OCPP_TLS_CERT_FILE: join(dir, 'cert.pem'),
      OCPP_TLS_KEY_FILE: join(dir, 'key.pem'),
    });
  });
  afterAll(() => hub.close());

  it('authenticates a charger over wss', async () => {
    const admin = await adminSession(hub);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'TLS-1', protocol: 'ocpp2.0.1' })
      .expect(201);
    const port = hub.app.get(OcppServer).tlsPort;
    const socket = new WebSocket(`wss://localhost:${port}/ocpp/TLS-1`, ['ocpp2.0.1'], {
      ca: certificate,
      headers: {
        Authorization: `Basic ${Buffer.from(`TLS-1:${created.body.password}`).toString('base64')}`,
      },
    });
    const answer = await new Promise<unknown[]>((resolve, reject) => {
      socket.once('open', () =>
        socket.send(
          JSON.stringify([
            2,
            't1',
            'BootNotification',
            { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } },
          ]),
        ),
      );
      socket.on('message', (data) => resolve(JSON.parse(data.toString())));
      socket.once('error', reject);
    });
    expect(answer).toMatchObject([3, 't1', { status: 'Accepted' }]);
    socket.terminate();
  });
});
