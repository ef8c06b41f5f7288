// antd-mobile's components are imported by path everywhere in the phone app, never from its index (which imports
// every component): the bundler then sees that the first load needs no form code (vite.config.ts's chunks).
import 'antd-mobile/es/global';
import { unstableSetRender } from 'antd-mobile/es/utils/unstable-render';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MobileApp } from './app';
import { applyStoredElderMode } from './elder';
import './mobile.css';

// antd-mobile 5 mounts its Toast and Dialog with React 18's legacy API by default; React 19 has createRoot only.
unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => root.unmount();
});

applyStoredElderMode();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from m.html');

createRoot(root).render(
  <StrictMode>
    <MobileApp />
  </StrictMode>,
);
