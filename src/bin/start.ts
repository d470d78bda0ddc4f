// `npm start`: the bot (src/bin/main/start.ts). The compile cache goes on before the program's modules load.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
await import('./main/start.js');
