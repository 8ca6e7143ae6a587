import { useSyncExternalStore } from 'react';

/** Whether a media query matches now (and again whenever it changes); antd's Grid breakpoints without antd. */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
