/** The pages of the app, addressed by the location hash (`#/about`, `#/stations/{id}`). */
export type Route =
  | { name: 'map'; stationId: string | null }
  | { name: 'about' }
  | { name: 'login' }
  | { name: 'register' }
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
    }
  }
  if (segments.length === 2 && segments[0] === 'stations') {
    return { name: 'map', stationId: decodeURIComponent(segments[1]) };
  }
  return { name: 'not-found', path: `/${segments.join('/')}` };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'map':
      return route.stationId ? `#/stations/${encodeURIComponent(route.stationId)}` : '#/';
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
    case 'not-found':
      return 'Page not found · Watts Up';
  }
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}
