import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { registerServiceWorker } from './lib/service-worker';
import { startLanguageSync } from './stores/language-sync';
import './styles.css';

initI18n();
registerServiceWorker();
startLanguageSync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
