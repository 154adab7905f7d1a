import { Fragment } from 'react';
import { AuthLayout } from './features/auth/AuthLayout.tsx';
import { ForcedPasswordPage } from './features/auth/ForcedPasswordPage.tsx';
import { ForcedTotpPage } from './features/auth/ForcedTotpPage.tsx';
import { MfaPage } from './features/auth/MfaPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { useLocation } from './lib/router.tsx';
import { renderRoute } from './routes.tsx';
import { useSession } from './session/SessionContext.tsx';
import { Layout } from './shell/Layout.tsx';
import { OfflineScreen } from './shell/OfflineScreen.tsx';
import { Loading } from './ui/Loading.tsx';

/**
 * Chooses the screen from the session: sign-in, second factor, a required
 * first step (new password, two-step enrolment), or the app itself.
 */
export function App() {
  const { status, user, can } = useSession();
  const { path } = useLocation();

  if (status === 'loading') {
    return (
      <AuthLayout>
        <Loading />
      </AuthLayout>
    );
  }
  if (status === 'offline') return <OfflineScreen />;
  if (status === 'anonymous' || !user) return status === 'mfa' ? <MfaPage /> : <SignInPage />;
  if (user.restrictions.includes('password_change')) return <ForcedPasswordPage />;
  if (user.restrictions.includes('mfa_setup')) return <ForcedTotpPage />;
  return (
    <Layout>
      <Fragment key={path}>{renderRoute(path, can)}</Fragment>
    </Layout>
  );
}
