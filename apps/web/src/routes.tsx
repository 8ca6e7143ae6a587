import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useSession, type Role } from './auth/session';
import { PageSpin } from './components/PageSpin';
import { AppLayout } from './layout/AppLayout';
import { homeFor } from './menus';
import { prefetchQuery } from './api/hooks';
import { MATRIX, PUBLISHED_PLANS } from './pages/leader/plans-query';

/** A page in its own chunk, with antd's App context (messages) loaded beside it, not in the entry. */
function page(load: () => Promise<{ default: ComponentType }>) {
  return lazy(async () => {
    const [module, { withMessages }] = await Promise.all([load(), loadMessages()]);
    return { default: withMessages(module.default) };
  });
}

const loadMatrix = () => import('./pages/leader/Matrix');
const loadMyTasks = () => import('./pages/liaison/MyTasks');
const loadMessages = () => import('./components/with-messages');

/**
 * Called by the entry before React renders: starts downloading the current route's chunk (and, for the
 * matrix, its data) while the entry's own code still runs, instead of after the first render.
 */
export function preloadRoute(): void {
  const signedIn = sessionStorage.getItem('luoshi.session') !== null;
  if (!signedIn) return;
  if (location.pathname === '/tasks') void loadMyTasks();
  if (location.pathname === '/matrix') {
    void loadMatrix();
    void loadMessages();
    prefetchQuery(PUBLISHED_PLANS, {});
    const planId = new URLSearchParams(location.search).get('plan');
    if (planId) prefetchQuery(MATRIX, { planId });
  }
}

// A liaison's first load carries only the entry, the login page and 我的任务; every other page is its own chunk.
const Login = lazy(() => import('./pages/Login'));
const MyTasks = lazy(loadMyTasks);
const NotFound = lazy(() => import('./pages/Errors'));
const Forbidden = lazy(() => import('./pages/Errors').then((m) => ({ default: m.Forbidden })));
const TaskPage = page(() => import('./pages/task/TaskPage'));
const PlanList = page(() => import('./pages/supervision/PlanList'));
const ImportPlan = page(() => import('./pages/supervision/ImportPlan'));
const PlanReview = page(() => import('./pages/supervision/PlanReview'));
const OverdueQueue = page(() => import('./pages/supervision/OverdueQueue'));
const ReviewQueue = page(() => import('./pages/supervision/ReviewQueue'));
const Evaluations = page(() => import('./pages/supervision/Evaluations'));
const Notices = page(() => import('./pages/notices/Notices'));
const Ledger = page(() => import('./pages/liaison/Ledger'));
const Notifications = page(() => import('./pages/Notifications'));
const Matrix = page(loadMatrix);
const Progress = page(() => import('./pages/leader/Progress'));
const Scorecards = page(() => import('./pages/leader/Scorecards'));

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
        <Route path="/plans/:id">{gate(READERS, <PlanReview />)}</Route>
        <Route path="/overdue">{gate(OFFICE, <OverdueQueue />)}</Route>
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
        <Route>
          <NotFound />
        </Route>
      </Switch>
    </AppLayout>
  );
}
