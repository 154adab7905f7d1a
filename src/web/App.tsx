import { Fragment } from 'react';
import { AuthLayout } from './features/auth/AuthLayout.tsx';
import { ForcedPasswordPage } from './features/auth/ForcedPasswordPage.tsx';
import { ForcedTotpPage } from './features/auth/ForcedTotpPage.tsx';
import { MfaPage } from './features/auth/MfaPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { IdleLockScreen } from './features/offline/IdleLockScreen.tsx';
import { renderOfflineRoute } from './features/offline/offlineRoutes.tsx';
import { UnlockScreen } from './features/offline/UnlockScreen.tsx';
import { useLocation } from './lib/router.tsx';
import { useOffline } from './offline/OfflineContext.tsx';
import { renderRoute } from './routes.tsx';
import { useSession } from './session/SessionContext.tsx';
import { Layout } from './shell/Layout.tsx';
import { useOnline } from './shell/OfflineBadge.tsx';
import { OfflineScreen } from './shell/OfflineScreen.tsx';
import { Loading } from './ui/Loading.tsx';

/**
 * Chooses the screen from the session: sign-in, second factor, a required
 * first step (new password, two-step enrolment), or the app itself.
 */
export function App() {
  const { status, user, can } = useSession();
  const { path } = useLocation();
  const offline = useOffline();
  const online = useOnline();

  if (status === 'loading') {
    return (
      <AuthLayout>
        <Loading />
      </AuthLayout>
    );
  }
  // Idle lock: nothing of the case data shows until the PIN or the password is given.
  if (offline.idleLocked) return <IdleLockScreen />;
  if (status === 'offline') {
    // No server: the device store, once unlocked, runs the field work.
    if (user)
      return (
        <Layout>
          <Fragment key={path}>{renderOfflineRoute(path, can)}</Fragment>
        </Layout>
      );
    if (offline.phase === 'locked')
      return (
        <AuthLayout>
          <UnlockScreen />
        </AuthLayout>
      );
    return <OfflineScreen />;
  }
  if (status === 'anonymous' || !user) return status === 'mfa' ? <MfaPage /> : <SignInPage />;
  if (user.restrictions.includes('password_change')) return <ForcedPasswordPage />;
  if (user.restrictions.includes('mfa_setup')) return <ForcedTotpPage />;
  return (
    <Layout>
      <Fragment key={path}>
        {online ? renderRoute(path, can) : renderOfflineRoute(path, can)}
      </Fragment>
    </Layout>
  );
}
