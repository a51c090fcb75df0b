import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { Workspace } from './workspace/workspace';
import './styles.css';

const workspace = new Workspace();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void workspace.discardStaged().finally(() => {
  createRoot(root).render(
    <StrictMode>
      <App workspace={workspace} />
    </StrictMode>,
  );
});
