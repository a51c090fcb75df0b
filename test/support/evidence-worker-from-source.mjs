// The export worker's TypeScript entry, run in a worker thread through tsx (the app runs the built JavaScript).
import { register } from 'tsx/esm/api';

register();
await import('../../main/evidence/evidence-worker.ts');
