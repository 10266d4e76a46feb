import { english, type AdminMessageKey, type Translate } from './i18n';

/** The tabs of the fleet console (`#/admin/{tab}`). */
export const ADMIN_TABS = [
  'fleet',
  'chargers',
  'stations',
  'reservations',
  'customers',
  'support',
  'imports',
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

const isAdminTab = (segment: string): segment is AdminTab =>
  (ADMIN_TABS as readonly string[]).includes(segment);

/** The pages of the app, addressed by the location hash (`#/about`, `#/stations/{id}`). */
export type Route =
  | { name: 'map'; stationId: string | null }
  | { name: 'about' }
  | { name: 'login' }
  | { name: 'register' }
  | { name: 'reservations' }
  | { name: 'vehicles' }
  | { name: 'contact' }
  | { name: 'requests' }
  | { name: 'admin'; tab: AdminTab }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0];
  const segments = path.split('/').filter((segment) => segment !== '');

  if (segments.length === 0) return { name: 'map', stationId: null };
  if (segments.length === 1) {
    switch (segments[0]) {
      case 'about':
        return { name: 'about' };
      case 'login':
        return { name: 'login' };
      case 'register':
        return { name: 'register' };
      case 'reservations':
        return { name: 'reservations' };
      case 'vehicles':
        return { name: 'vehicles' };
      case 'contact':
        return { name: 'contact' };
      case 'requests':
        return { name: 'requests' };
      case 'admin':
        return { name: 'admin', tab: 'fleet' };
    }
  }
  if (segments.length === 2 && segments[0] === 'stations') {
    return { name: 'map', stationId: decodeURIComponent(segments[1]) };
  }
  if (segments.length === 2 && segments[0] === 'admin' && isAdminTab(segments[1])) {
    return { name: 'admin', tab: segments[1] };
  }
  return { name: 'not-found', path: `/${segments.join('/')}` };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'map':
      return route.stationId ? `#/stations/${encodeURIComponent(route.stationId)}` : '#/';
    case 'admin':
      return `#/admin/${route.tab}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

/** The key of a console tab's name: `admin.tab.fleet`… */
export const adminTabKey = (tab: AdminTab): AdminMessageKey => `admin.tab.${tab}`;

/** The document title of a page, in the language of `t`. */
export function routeTitle(route: Route, t: Translate = english): string {
  switch (route.name) {
    case 'map':
      return t('pageTitle.map');
    case 'about':
      return t('pageTitle.about');
    case 'login':
      return t('pageTitle.login');
    case 'register':
      return t('pageTitle.register');
    case 'reservations':
      return t('pageTitle.reservations');
    case 'vehicles':
      return t('pageTitle.vehicles');
    case 'contact':
      return t('pageTitle.contact');
    case 'requests':
      return t('pageTitle.requests');
    case 'admin':
      return t('pageTitle.admin', {
        console: t('admin.console.title'),
        tab: t(adminTabKey(route.tab)),
      });
    case 'not-found':
      return t('pageTitle.notFound');
  }
}

/** Pages a driver may be sent back to once signed in. */
const RETURNABLE: ReadonlySet<Route['name']> = new Set([
  'map',
  'reservations',
  'vehicles',
  'contact',
  'requests',
  'admin',
]);

/** `#/login` or `#/register` that come back to `returnTo` once the driver is signed in. */
export function signInHref(page: 'login' | 'register', returnTo: Route): string {
  return `#/${page}?next=${encodeURIComponent(routeHref(returnTo))}`;
}

/** Where signing in leads: back to the page that asked for it (`?next=`), else the map. */
export function routeAfterSignIn(hash: string): Route {
  const next = new URLSearchParams(hash.split('?')[1] ?? '').get('next');
  const route = next === null ? null : parseRoute(next);
  return route && RETURNABLE.has(route.name) ? route : { name: 'map', stationId: null };
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}
