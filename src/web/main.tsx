import { registerSW } from 'virtual:pwa-register';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n.ts';
import { OfflineProvider } from './offline/OfflineContext.tsx';
import { SessionProvider } from './session/SessionContext.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/usermenu.css';
import './styles/forms.css';
import './styles/forms-country.css';
import './styles/lists.css';
import './styles/cases.css';

async function start(): Promise<void> {
  await initI18n();
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <SessionProvider>
        <OfflineProvider>
          <App />
        </OfflineProvider>
      </SessionProvider>
    </StrictMode>,
  );
  // The shell is cached by the service worker so the app opens with no network.
  registerSW({ immediate: true });
}

void start();
