// The first script of every page load, a module of its own (index.html lists it before the entry; see
// vite.config.ts): it starts the current route's data requests at once, while React and the app are still
// downloading, compiling and starting (a few hundred ms on a slow machine). It imports no React and no
// antd, only the GraphQL client and the route's queries, which the entry shares with it.
import { configureClient } from './api/client';
import { storedSession } from './auth/stored-session';
import { prefetchRouteData } from './route-data';

const session = storedSession();
if (session) {
  // auth/session.tsx configures the client again when the entry runs (the expiry handler included).
  configureClient({ getToken: () => session.token, onUnauthenticated: () => undefined });
  prefetchRouteData(location.pathname + location.search);
}
