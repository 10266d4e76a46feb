import { describe, expect, it } from '@jest/globals';
import { translator } from './i18n';
import {
  ADMIN_TABS,
  parseRoute,
  routeAfterSignIn,
  routeHref,
  routeTitle,
  signInHref,
  type Route,
} from './route';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { name: 'map', stationId: null }],
    ['#', { name: 'map', stationId: null }],
    ['#/', { name: 'map', stationId: null }],
    ['#/about', { name: 'about' }],
    ['#/about/', { name: 'about' }],
    ['#/login?next=%2F', { name: 'login' }],
    ['#/register', { name: 'register' }],
    ['#/reservations', { name: 'reservations' }],
    ['#/vehicles', { name: 'vehicles' }],
    ['#/contact', { name: 'contact' }],
    ['#/requests', { name: 'requests' }],
    ['#/admin', { name: 'admin', tab: 'fleet' }],
    ['#/admin/chargers?charger=x', { name: 'admin', tab: 'chargers' }],
    ['#/admin/support', { name: 'admin', tab: 'support' }],
    ['#/admin/nope', { name: 'not-found', path: '/admin/nope' }],
    [
      '#/stations/6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10',
      { name: 'map', stationId: '6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10' },
    ],
    ['#/stations', { name: 'not-found', path: '/stations' }],
    ['#/stations/a/b', { name: 'not-found', path: '/stations/a/b' }],
    ['#/nope', { name: 'not-found', path: '/nope' }],
  ])('parses %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});

describe('routeHref', () => {
  it.each<Route>([
    { name: 'map', stationId: null },
    { name: 'map', stationId: 'station 1/2' },
    { name: 'about' },
    { name: 'login' },
    { name: 'register' },
    { name: 'reservations' },
    { name: 'vehicles' },
    { name: 'contact' },
    { name: 'requests' },
    { name: 'admin', tab: 'imports' },
    { name: 'not-found', path: '/nope' },
  ])('round-trips %j through parseRoute', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('links the map to the root hash', () => {
    expect(routeHref({ name: 'map', stationId: null })).toBe('#/');
  });
});

describe('routeAfterSignIn', () => {
  const station: Route = { name: 'map', stationId: '6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10' };

  it.each<Route>([
    station,
    { name: 'reservations' },
    { name: 'vehicles' },
    { name: 'requests' },
    { name: 'admin', tab: 'support' },
  ])('comes back to %j', (route) => {
    expect(routeAfterSignIn(signInHref('login', route))).toEqual(route);
    expect(routeAfterSignIn(signInHref('register', route))).toEqual(route);
  });

  it.each(['#/login', '#/login?next=', '#/login?next=%23%2Flogin', '#/login?next=%23%2Fnope'])(
    'goes to the map from %s',
    (hash) => {
      expect(routeAfterSignIn(hash)).toEqual({ name: 'map', stationId: null });
    },
  );
});

describe('routeTitle', () => {
  it('names the page in English', () => {
    expect(routeTitle({ name: 'map', stationId: null })).toBe('Watts Up · Live EV charger map');
    expect(routeTitle({ name: 'vehicles' })).toBe('My vehicles · Watts Up');
    expect(routeTitle({ name: 'admin', tab: 'support' })).toBe(
      'Fleet console: Support inbox · Watts Up',
    );
  });

  it('names the page and the console tab in French', () => {
    const french = translator('fr');
    expect(routeTitle({ name: 'reservations' }, french)).toBe('Mes réservations · Watts Up');
    expect(routeTitle({ name: 'not-found', path: '/nope' }, french)).toBe(
      'Page introuvable · Watts Up',
    );
    expect(ADMIN_TABS.map((tab) => routeTitle({ name: 'admin', tab }, french))).toEqual([
      'Console du parc : Parc · Watts Up',
      'Console du parc : Bornes · Watts Up',
      'Console du parc : Stations · Watts Up',
      'Console du parc : Réservations · Watts Up',
      'Console du parc : Clients · Watts Up',
      'Console du parc : Assistance · Watts Up',
      'Console du parc : Imports · Watts Up',
    ]);
  });
});
