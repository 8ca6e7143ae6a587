import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useSession, type Role } from './auth/session';
import { PageSpin } from './components/PageSpin';
import { AppLayout } from './layout/AppLayout';
import { homeFor } from './menus';

type Wrap = <P extends object>(page: ComponentType<P>) => ComponentType<P>;

interface RoutePage {
  (): ReactNode;
  /** Downloads the page's code (once); resolves when it is ready to render without suspending. */
  preload(): Promise<unknown>;
}

/**
 * A page in its own chunk. Rendered straight away when its code is already in (preloaded: the entry
 * waits for the first page's code before its first render), through React.lazy otherwise. That matters:
 * once a Suspense fallback has been shown, React holds the content back for up to 300 ms after it
 * (FALLBACK_THROTTLE_MS) even when the code arrives a moment later — on a cold visit that was most of
 * the wait for the heat map.
 */
function routePage(load: () => Promise<ComponentType>): RoutePage {
  let loaded: ComponentType | undefined;
  let pending: Promise<ComponentType> | undefined;
  const preload = () => (pending ??= load().then((component) => (loaded = component)));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Page() {
    // Decided once per mount: switching between the two later would remount the page.
    const [Ready] = useState(() => loaded);
    return Ready ? <Ready /> : <Lazy />;
  }
  Page.preload = preload;
  return Page;
}

const loadProvider = () => import('./components/antd-provider').then((m) => m.withAntd as Wrap);
const loadMessages = () => import('./components/with-messages').then((m) => m.withMessages as Wrap);

/** A page wrapped in antd's context, loaded beside it (never in the entry). */
function wrapped<M>(load: () => Promise<M>, pick: (m: M) => ComponentType, wrapper: () => Promise<Wrap>) {
  return routePage(async () => {
    const [module, wrap] = await Promise.all([load(), wrapper()]);
    return wrap(pick(module));
  });
}

/** antd's context and App (messages, modals): the pages that talk back. */
function page(load: () => Promise<{ default: ComponentType }>) {
  return wrapped(load, (m) => m.default, loadMessages);
}

/** antd's context only (no message or modal code): 我的任务, the error pages. */
function antdPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  return wrapped(load, pick, loadProvider);
}

// Every visitor's first load is the login page: plain markup, no antd (its context comes with the next page).
const Login = routePage(() => import('./pages/Login').then((m) => m.default));
// A liaison's home, 我的任务, and every other page is a chunk of its own.
const MyTasks = antdPage(
  () => import('./pages/liaison/MyTasks'),
  (m) => m.default,
);
// The matrix (a leader's home) brings no antd: it paints with plain markup, and loads antd's Select for
// its plan picker itself, after the heat map is on screen (pages/leader/Matrix.tsx).
const Matrix = routePage(() => import('./pages/leader/Matrix').then((m) => m.default));
const NotFound = antdPage(
  () => import('./pages/Errors'),
  (m) => m.default,
);
const Forbidden = antdPage(
  () => import('./pages/Errors'),
  (m) => m.Forbidden,
);
const TaskPage = page(() => import('./pages/task/TaskPage'));
const PlanList = page(() => import('./pages/supervision/PlanList'));
const ImportPlan = page(() => import('./pages/supervision/ImportPlan'));
const PlanReview = page(() => import('./pages/supervision/PlanReview'));
const RevisionDiff = page(() => import('./pages/supervision/revisions/RevisionDiff'));
const OverdueQueue = page(() => import('./pages/supervision/OverdueQueue'));
const ReviewQueue = page(() => import('./pages/supervision/ReviewQueue'));
const Evaluations = page(() => import('./pages/supervision/Evaluations'));
const Notices = page(() => import('./pages/notices/Notices'));
const Ledger = page(() => import('./pages/liaison/Ledger'));
const Notifications = page(() => import('./pages/Notifications'));
const Progress = page(() => import('./pages/leader/Progress'));
const Scorecards = page(() => import('./pages/leader/Scorecards'));
const Deliveries = page(() => import('./pages/admin/Deliveries'));
const Registry = page(() => import('./pages/registry/Registry'));
const ProvisionalDepartments = page(() => import('./pages/registry/ProvisionalDepartments'));
const RegistryImport = page(() => import('./pages/registry/RegistryImport'));
const Users = page(() => import('./pages/users/Users'));

/**
 * Downloads the code of the page at `path`, for the pages a visit starts on (the login page, 我的任务,
 * the matrix): by the entry before its first render, which waits for it, and by the login page before it
 * moves on. Either way the page then renders at once instead of behind a Suspense fallback. (The page's
 * data is asked for by boot.ts on a page load, by the login page after signing in: route-data.ts.)
 */
export function preloadPage(path: string): Promise<unknown> {
  const { pathname } = new URL(path, location.origin);
  if (pathname === '/login') return Login.preload();
  if (pathname === '/tasks') return MyTasks.preload();
  if (pathname === '/matrix') return Matrix.preload();
  return Promise.resolve();
}

const OFFICE: Role[] = ['SUPERVISOR', 'ADMIN'];
const READERS: Role[] = ['SUPERVISOR', 'LEADER', 'ADMIN'];

function Gate({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { session } = useSession();
  return session && roles.includes(session.user.role) ? <>{children}</> : <Forbidden />;
}

export function AppRoutes() {
  const { session } = useSession();
  const [location] = useLocation();
  if (location === '/login') {
    return (
      <Suspense fallback={<PageSpin />}>
        <Login />
      </Suspense>
    );
  }
  if (!session) return <Redirect to="/login" replace state={{ from: location + window.location.search }} />;
  const gate = (roles: Role[], node: ReactNode) => <Gate roles={roles}>{node}</Gate>;
  return (
    <AppLayout>
      <Switch>
        <Route path="/">
          <Redirect to={homeFor(session.user.role)} replace />
        </Route>
        <Route path="/tasks">{gate(['LIAISON'], <MyTasks />)}</Route>
        <Route path="/tasks/:id">
          <TaskPage />
        </Route>
        <Route path="/plans">{gate(READERS, <PlanList />)}</Route>
        <Route path="/plans/import">{gate(OFFICE, <ImportPlan />)}</Route>
        <Route path="/plans/:id/revision-diff">{gate(OFFICE, <RevisionDiff />)}</Route>
        <Route path="/plans/:id">{gate(READERS, <PlanReview />)}</Route>
        <Route path="/overdue">{gate(READERS, <OverdueQueue />)}</Route>
        <Route path="/reviews">{gate(OFFICE, <ReviewQueue />)}</Route>
        <Route path="/evaluations">{gate(READERS, <Evaluations />)}</Route>
        <Route path="/notices">
          <Notices />
        </Route>
        <Route path="/notifications">
          <Notifications />
        </Route>
        <Route path="/ledger">{gate(['LIAISON'], <Ledger />)}</Route>
        <Route path="/matrix">{gate(READERS, <Matrix />)}</Route>
        <Route path="/progress">{gate(READERS, <Progress />)}</Route>
        <Route path="/scorecards">{gate(READERS, <Scorecards />)}</Route>
        <Route path="/deliveries">{gate(['ADMIN'], <Deliveries />)}</Route>
        <Route path="/registry">{gate(OFFICE, <Registry />)}</Route>
        <Route path="/registry/provisional">{gate(OFFICE, <ProvisionalDepartments />)}</Route>
        <Route path="/registry/import">{gate(OFFICE, <RegistryImport />)}</Route>
        <Route path="/users">{gate(OFFICE, <Users />)}</Route>
        <Route>
          <NotFound />
        </Route>
      </Switch>
    </AppLayout>
  );
}
