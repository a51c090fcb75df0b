import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './root';
import { Catalogue } from './workspace/catalogue';
import './styles.css';

const catalogue = new Catalogue();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void catalogue.adoptLegacy(new Date()).finally(() => {
  createRoot(root).render(
    <StrictMode>
      <Root catalogue={catalogue} />
    </StrictMode>,
  );
});
