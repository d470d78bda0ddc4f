// `npm run tick`: every scheduled pass once, then delivery (src/bin/main/tick.ts). The compile cache goes on before the program's modules load.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
await import('./main/tick.js');
