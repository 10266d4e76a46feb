import type { SupportTicketView } from '@wattsup/contracts';
import request from 'supertest';
import { adminSession, eventually, stationWithTerminals } from './support/ocpp';
import { onlineCharger, quickDriver, type TestCharger } from './support/reservations';
import { startTestApp, type TestApp } from './support/test-app';

describe('customer support', () => {
  let hub: TestApp;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  let charger: TestCharger;
  const terminal = async (id: string) =>
    (
      await hub.orm.em
        .fork()
        .getConnection()
        .execute<{ status: string; status_source: string }[]>(
          'select status, status_source from terminals where id = ?',
          [id],
        )
    )[0];

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await adminSession(hub);
    charger = await onlineCharger(hub, admin, {
      identity: 'SUP-16',
      protocol: 'ocpp1.6',
      terminals: 2,
    });
  });

  afterAll(async () => {
    await charger?.client.close({ force: true });
    await hub.close();
  });

  it('runs a question from the driver through the admin inbox and back', async () => {
    const driver = await quickDriver(hub);
    const stranger = await quickDriver(hub);
    const opened = await driver
      .post('/api/v1/support/tickets', {
        subject: 'Card refused',
        message: 'My card was refused at this station.',
        stationId: charger.stationId,
      })
      .expect(201);
    const ticket = opened.body as SupportTicketView;
    expect(ticket).toMatchObject({
      kind: 'QUESTION',
      status: 'OPEN',
      station: { id: charger.stationId, name: 'Station FR*SUP-16*P1' },
      messages: [{ fromStaff: false, body: 'My card was refused at this station.' }],
    });
    await stranger.get(`/api/v1/support/tickets/${ticket.id}`).expect(404);
    await stranger
      .post(`/api/v1/support/tickets/${ticket.id}/messages`, { message: 'hi' })
      .expect(404);

    const inbox = await admin.get('/api/v1/admin/support/tickets?status=OPEN').expect(200);
    expect(inbox.body.map((t: SupportTicketView) => t.id)).toContain(ticket.id);
    const answered = await admin
      .post(`/api/v1/support/tickets/${ticket.id}/messages`)
      .send({ message: 'We refunded you.' })
      .expect(201);
    expect(answered.body.status).toBe('ANSWERED');
    expect(answered.body.messages.at(-1)).toMatchObject({
      fromStaff: true,
      body: 'We refunded you.',
    });

    const reopened = await driver
      .post(`/api/v1/support/tickets/${ticket.id}/messages`, { message: 'Thanks, one more thing' })
      .expect(201);
    expect(reopened.body.status).toBe('OPEN');
    const closed = await driver.post(`/api/v1/support/tickets/${ticket.id}/close`).expect(200);
    expect(closed.body.status).toBe('CLOSED');
    const mine = await driver.get('/api/v1/support/tickets/mine').expect(200);
    expect(mine.body.map((t: SupportTicketView) => [t.id, t.messages.length])).toEqual([
      [ticket.id, 3],
    ]);
  });

  it('makes a reported terminal doubtful until its charger confirms a status', async () => {
    const driver = await quickDriver(hub);
    const report = {
      kind: 'FAULT',
      subject: 'Broken',
      message: 'The screen is black.',
      terminalId: charger.terminalIds[1],
    };
    const { body } = await driver.post('/api/v1/support/tickets', report).expect(201);
    expect(body).toMatchObject({ kind: 'FAULT', station: { id: charger.stationId } });
    expect(await terminal(charger.terminalIds[1])).toEqual({
      status: 'UNKNOWN',
      status_source: 'SUPPORT',
    });
    const twice = await driver.post('/api/v1/support/tickets', report).expect(409);
    expect(twice.body.message).toMatch(/already reported/);

    // The hub asks the charger to confirm; its answer settles the doubt.
    await eventually(async () =>
      expect(charger.received.map((c) => c.action)).toContain('TriggerMessage'),
    );
    expect(charger.received.find((c) => c.action === 'TriggerMessage')?.params).toEqual({
      requestedMessage: 'StatusNotification',
      connectorId: 2,
    });
    await charger.status(2, 'Available');
    await eventually(async () =>
      expect(await terminal(charger.terminalIds[1])).toEqual({
        status: 'AVAILABLE',
        status_source: 'OCPP',
      }),
    );
  });

  it('refuses bad reports with clear errors', async () => {
    const driver = await quickDriver(hub);
    const other = await stationWithTerminals(hub, 'FR*SUP-OTHER*P1', 1);
    const cases: [object, RegExp][] = [
      [{ kind: 'FAULT', subject: 'x', message: 'y' }, /terminalId/],
      [
        { subject: 'x', message: 'y', terminalId: '00000000-0000-4000-8000-000000000000' },
        /no such charge point/,
      ],
      [
        { subject: 'x', message: 'y', reservationId: '00000000-0000-4000-8000-000000000000' },
        /not one of your reservations/,
      ],
      [
        {
          subject: 'x',
          message: 'y',
          stationId: charger.stationId,
          terminalId: other.terminalIds[0],
        },
        /another station/,
      ],
      [{ subject: 'x', message: 'y'.repeat(4001) }, /4000/],
      [{ subject: '', message: 'y' }, /subject/],
      [{ subject: 'x', message: 'y', extra: true }, /extra/],
    ];
    for (const [body, message] of cases) {
      const response = await driver.post('/api/v1/support/tickets', body).expect(400);
      expect(JSON.stringify(response.body)).toMatch(message);
    }
    await request(hub.url)
      .post('/api/v1/support/tickets')
      .send({ subject: 'x', message: 'y' })
      .expect(401);
    await driver.get('/api/v1/admin/support/tickets').expect(403);
  });
});
