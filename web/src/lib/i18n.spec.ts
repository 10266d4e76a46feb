import { describe, expect, it } from '@jest/globals';
import { adminEn } from '../admin/messages-admin-en';
import { adminFr } from '../admin/messages-admin-fr';
import { chooseLanguage, formatOneDecimal, interpolate, MESSAGES, translator } from './i18n';
import { en } from './messages-en';
import { fr } from './messages-fr';

describe('chooseLanguage', () => {
  it.each([
    [null, 'fr-FR', 'fr'],
    [null, 'fr', 'fr'],
    [null, 'FR-ca', 'fr'],
    [null, 'en-US', 'en'],
    [null, 'de-DE', 'en'],
    [null, undefined, 'en'],
    ['en', 'fr-FR', 'en'],
    ['fr', 'en-GB', 'fr'],
    ['klingon', 'fr-FR', 'fr'],
    ['', 'de', 'en'],
  ] as const)('stored %p, browser %p → %s', (stored, browser, chosen) => {
    expect(chooseLanguage(stored, browser)).toBe(chosen);
  });
});

describe('interpolate', () => {
  it('replaces each {name} by its parameter, numbers too', () => {
    expect(interpolate('{free} of {total} free', { free: 3, total: 8 })).toBe('3 of 8 free');
    expect(interpolate('Bon retour, {name}.', { name: 'Zoé' })).toBe('Bon retour, Zoé.');
  });

  it('leaves text without placeholders, and placeholders without a value, as they are', () => {
    expect(interpolate('Map')).toBe('Map');
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });

  it('inserts a value as it is, braces and dollars included', () => {
    expect(interpolate('{a} {b}', { a: '{b}', b: '$&' })).toBe('{b} $&');
  });
});

describe('dictionaries', () => {
  it('has a non-empty French text for every English key, and no other', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const text of Object.values(fr)) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(MESSAGES.fr[key])]).toEqual([key, placeholders(en[key])]);
    }
  });

  it('speaks the chosen language', () => {
    expect(translator('fr')('header.signIn')).toBe('Se connecter');
    expect(translator('en')('auth.welcomeName', { name: 'Ada' })).toBe('Welcome back, Ada.');
  });
});

describe("the console's dictionaries", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has a non-empty French text for every English key, with the same placeholders', () => {
    expect(Object.keys(adminFr).sort()).toEqual(Object.keys(adminEn).sort());
    for (const key of Object.keys(adminEn) as (keyof typeof adminEn)[]) {
      expect(adminFr[key].trim()).not.toBe('');
      expect([key, placeholders(adminFr[key])]).toEqual([key, placeholders(adminEn[key])]);
    }
  });

  it("keeps its keys under `admin.`, apart from the driver's", () => {
    for (const key of Object.keys(adminEn)) expect(key).toMatch(/^admin\./);
    for (const key of Object.keys(en)) expect(key).not.toMatch(/^admin\./);
  });

  it('speaks the chosen language through the same translator', () => {
    expect(translator('fr')('admin.tab.chargers')).toBe('Bornes');
    expect(translator('fr')('admin.status.FAULTED')).toBe('En défaut');
    expect(translator('en')('admin.chargers.onlineCount', { online: 3, total: 4 })).toBe(
      '3 of 4 online',
    );
    expect(MESSAGES.fr['header.signIn']).toBe('Se connecter');
  });
});

describe('formatOneDecimal', () => {
  it('writes the decimal mark of the language, to one decimal at most', () => {
    expect([7.4, 3.68, 22, 0].map((value) => formatOneDecimal(value))).toEqual([
      '7.4',
      '3.7',
      '22',
      '0',
    ]);
    expect([7.4, 3.68, 22, 0].map((value) => formatOneDecimal(value, 'fr'))).toEqual([
      '7,4',
      '3,7',
      '22',
      '0',
    ]);
  });
});
