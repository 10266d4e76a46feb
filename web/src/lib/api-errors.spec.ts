import { describe, expect, it } from '@jest/globals';
import { RESERVATION_ERROR_CODES } from '@wattsup/contracts';
import { apiErrorText, reasonText, WEB_ERROR_CODES } from './api-errors';

const HUB_MESSAGE = 'This charge point was just reserved by someone else.';
const taken = { message: HUB_MESSAGE, reason: { code: 'TERMINAL_TAKEN' } };

describe('apiErrorText', () => {
  it('shows an English reader the hub’s own message', () => {
    expect(apiErrorText(taken, 'en')).toBe(HUB_MESSAGE);
  });

  it('shows a French reader the French text of a known code', () => {
    expect(apiErrorText(taken, 'fr')).toBe(
      'Ce point de charge vient d’être réservé par quelqu’un d’autre.',
    );
  });

  it('falls back to the hub’s message for an unknown code, or none', () => {
    const novel = { message: 'Something new.', reason: { code: 'SOMETHING_NEW' } };
    expect(apiErrorText(novel, 'fr')).toBe('Something new.');
    expect(apiErrorText({ message: 'No such charge point.' }, 'fr')).toBe('No such charge point.');
  });
});

describe('reasonText in French', () => {
  const fr = (code: string, details?: Record<string, unknown>) =>
    reasonText({ code, details }, 'fr');

  it('knows every reservation code of the contracts', () => {
    for (const code of RESERVATION_ERROR_CODES) expect(fr(code)).toEqual(expect.any(String));
  });

  it('names the station and the end time of the reservation already held', () => {
    const expiresAt = new Date('2026-11-22T14:05:00Z');
    const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }).format(
      expiresAt,
    );
    expect(time).toMatch(/^\d\d:\d\d$/);
    const held = { stationName: 'Gare de Rennes', status: 'ACTIVE' };
    expect(fr('ALREADY_HOLDING', { ...held, expiresAt: expiresAt.toISOString() })).toBe(
      `Vous avez déjà une réservation à Gare de Rennes jusqu’à ${time}.`,
    );
    expect(fr('ALREADY_HOLDING', held)).toBe('Vous avez déjà une réservation à Gare de Rennes.');
    expect(fr('ALREADY_HOLDING', { ...held, status: 'IN_USE' })).toBe(
      'Vous êtes déjà en charge à Gare de Rennes.',
    );
    expect(fr('ALREADY_HOLDING', { ...held, status: 'PENDING' })).toBe(
      'Votre réservation à Gare de Rennes est en cours de confirmation par la borne.',
    );
  });

  it('says it generally when the details are missing or odd', () => {
    expect(fr('ALREADY_HOLDING')).toBe('Vous avez déjà une réservation en cours.');
    expect(fr('ALREADY_HOLDING', { stationName: 42 })).toBe(
      'Vous avez déjà une réservation en cours.',
    );
    expect(fr('NOT_AVAILABLE', { status: 'toString' })).toBe(
      'Ce point de charge ne peut pas être réservé pour le moment.',
    );
    expect(fr('CHARGER_REFUSED', { answer: 'Rejected' })).toBe('La borne a refusé la réservation.');
  });

  it('follows the status or the charger’s answer in the details', () => {
    expect(fr('NOT_AVAILABLE', { status: 'OCCUPIED' })).toBe(
      'Ce point de charge est utilisé en ce moment.',
    );
    expect(fr('CHARGER_REFUSED', { answer: 'Faulted' })).toBe(
      'La borne signale une panne sur ce point de charge.',
    );
    expect(fr('CANNOT_CANCEL', { status: 'IN_USE' })).toBe(
      'La recharge a commencé : arrêtez-la à la borne.',
    );
    expect(fr('CANNOT_CANCEL', { status: 'EXPIRED' })).toBe(
      'Cette réservation est déjà terminée (expirée).',
    );
  });

  it('words the failures the web app sees itself', () => {
    expect(fr(WEB_ERROR_CODES.unreachable)).toBe(
      'Le hub Watts Up est injoignable. Vérifiez votre connexion.',
    );
    expect(fr(WEB_ERROR_CODES.unexpectedAnswer, { answer: '502 Bad Gateway' })).toBe(
      'Le hub a répondu 502 Bad Gateway.',
    );
  });
});
