import { describe, expect, it } from '@jest/globals';
import { SUPPORT_TICKET_STATUSES, type SupportTicketView } from '@wattsup/contracts';
import { translator } from '../lib/i18n';
import {
  applyInboxUpdate,
  faultReportSubject,
  ticketNotice,
  ticketStatusDisplay,
  ticketTopic,
  upsertTicket,
} from './support-tickets';

function aTicket(overrides: Partial<SupportTicketView> = {}): SupportTicketView {
  return {
    id: 'ticket-1',
    kind: 'FAULT',
    status: 'OPEN',
    subject: 'Charge point FRXYZ1 is not working',
    user: { id: 'user-1', email: 'driver@wattsup.test', displayName: null },
    station: { id: 'station-1', name: 'Parc Victor Hugo' },
    terminalId: 'terminal-1',
    reservationId: null,
    createdAt: '2026-11-22T14:00:00.000Z',
    updatedAt: '2026-11-22T14:00:00.000Z',
    messages: [],
    ...overrides,
  };
}

describe('ticketStatusDisplay', () => {
  it('labels every status distinctly', () => {
    const labels = SUPPORT_TICKET_STATUSES.map((status) => ticketStatusDisplay(status).label);
    expect(labels).toEqual(['Open', 'Answered', 'Closed']);
  });

  it('shows an answered request as good news and a closed one as settled', () => {
    expect(ticketStatusDisplay('ANSWERED').tone).toBe('free');
    expect(ticketStatusDisplay('CLOSED').tone).toBe('unknown');
  });
});

describe('ticketTopic', () => {
  it('names the kind and the station', () => {
    expect(ticketTopic(aTicket())).toBe('Fault report · Parc Victor Hugo');
  });

  it('names only the kind of a general question', () => {
    expect(ticketTopic(aTicket({ kind: 'QUESTION', station: null }))).toBe('Question');
  });

  it('speaks the language of the translator it is given', () => {
    expect(ticketTopic(aTicket(), translator('fr'))).toBe(
      'Signalement de panne · Parc Victor Hugo',
    );
  });
});

describe('faultReportSubject', () => {
  it('names the charge point', () => {
    expect(faultReportSubject('Charge point FRXYZE1')).toBe('Charge point FRXYZE1 is not working');
  });
});

describe('upsertTicket', () => {
  it('puts a changed request first, in its new state, once', () => {
    const first = aTicket({ id: 'a' });
    const second = aTicket({ id: 'b' });
    const answered = { ...second, status: 'ANSWERED' as const };
    expect(upsertTicket([first, second], answered)).toEqual([answered, first]);
  });

  it('adds a new request at the top', () => {
    const known = aTicket({ id: 'a' });
    const created = aTicket({ id: 'b' });
    expect(upsertTicket([known], created)).toEqual([created, known]);
  });
});

describe('applyInboxUpdate', () => {
  const message = {
    fromStaff: false,
    author: 'Driver',
    body: 'Still broken.',
    at: '2026-11-22T15:00:00.000Z',
  };

  it('replaces a listed ticket where it is, whatever its new status', () => {
    const [first, second] = [aTicket({ id: 'a' }), aTicket({ id: 'b' })];
    const added = { ...second, messages: [message], updatedAt: message.at };
    expect(applyInboxUpdate([first, second], added)).toEqual([first, added]);
    const answered = { ...first, status: 'ANSWERED' as const };
    expect(applyInboxUpdate([first, second], answered)).toEqual([answered, second]);
  });

  it('asks for a new read for a ticket it does not list', () => {
    expect(applyInboxUpdate([aTicket({ id: 'a' })], aTicket({ id: 'b' }))).toBeNull();
  });
});

describe('ticketNotice', () => {
  it('tells the driver when support answers, only then', () => {
    const ticket = aTicket({ subject: 'Card refused', status: 'ANSWERED' });
    expect(ticketNotice({ change: 'ANSWERED', ticket })).toBe(
      'Watts Up support answered “Card refused”: see My requests.',
    );
    for (const change of ['CREATED', 'MESSAGE', 'CLOSED'] as const)
      expect(ticketNotice({ change, ticket })).toBeNull();
  });
});
