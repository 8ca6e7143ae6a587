// boot.ts runs first as its own <script> (vite.config.ts); imported here too so that both share one
// request cache (api/prefetch.ts), and so that it runs in the dev server as well.
import './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoutes, preloadPage } from './routes';
import { storedSession } from './auth/stored-session';
import { SessionProvider } from './auth/session';
import { homeFor } from './menus';
import './styles.css';

// No antd here: the entry is React, the router, the session and the app frame (plain markup and CSS).
// Each page brings Ant Design's context with its own chunks (components/antd-provider.tsx).
function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </StrictMode>,
  );
}

// The first render waits for the first page's code (a few ms more), so the page renders at once rather
// than behind a Suspense fallback; after 0.5 s (a slow network), the frame and a spinner come first.
const session = storedSession();
const firstPage = !session ? '/login' : location.pathname === '/' ? homeFor(session.user.role) : location.pathname;
void Promise.race([preloadPage(firstPage).catch(() => undefined), new Promise((r) => setTimeout(r, 500))]).then(render);
