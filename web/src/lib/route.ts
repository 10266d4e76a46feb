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

export function routeTitle(route: Route): string {
  switch (route.name) {
    case 'map':
      return 'Watts Up · Live EV charger map';
    case 'about':
      return 'About · Watts Up';
    case 'login':
      return 'Sign in · Watts Up';
    case 'register':
      return 'Create an account · Watts Up';
    case 'reservations':
      return 'My reservations · Watts Up';
    case 'vehicles':
      return 'My vehicles · Watts Up';
    case 'contact':
      return 'Contact us · Watts Up';
    case 'requests':
      return 'My requests · Watts Up';
    case 'admin':
      return `Fleet console: ${ADMIN_TAB_LABELS[route.tab]} · Watts Up`;
    case 'not-found':
      return 'Page not found · Watts Up';
  }
}

export const ADMIN_TAB_LABELS: Record<AdminTab, string> = {
  fleet: 'Fleet',
  chargers: 'Chargers',
  stations: 'Stations',
  reservations: 'Reservations',
  customers: 'Customers',
  support: 'Support inbox',
  imports: 'Imports',
};

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
