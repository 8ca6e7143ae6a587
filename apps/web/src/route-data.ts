import { prefetchQuery } from './api/prefetch';
import { MATRIX, PUBLISHED_PLANS } from './pages/leader/plans-query';

/**
 * Starts the requests a route's first paint waits for, before its page's code (or React) has arrived:
 * called by boot.ts on a page load, by the entry, and by the login page on its way to the first page.
 * Only where it pays: the responsibility matrix (a leader's home), whose data is the slowest to come.
 * No React in here (boot.ts runs before React has downloaded).
 */
export function prefetchRouteData(path: string): void {
  const url = new URL(path, location.origin);
  if (url.pathname !== '/matrix') return;
  const planId = url.searchParams.get('plan');
  // The plan list (for the picker) waits until the heat map is in: the server answers one request at a time.
  if (planId) {
    prefetchQuery(MATRIX, { planId });
    return;
  }
  // Without ?plan= the page shows the first published plan: ask for its matrix as soon as that is known.
  prefetchQuery(PUBLISHED_PLANS, {}).then(
    (data) => {
      const first = data.plans[0]?.id;
      if (first) prefetchQuery(MATRIX, { planId: first });
    },
    () => undefined,
  );
}
