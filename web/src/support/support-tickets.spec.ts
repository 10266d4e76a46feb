import { describe, expect, it } from '@jest/globals';
import { SUPPORT_TICKET_STATUSES, type SupportTicketView } from '@wattsup/contracts';
import {
  faultReportSubject,
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
