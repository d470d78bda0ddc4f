// `npm run chat`: the console (src/bin/main/chat.ts). The compile cache goes on before the program's modules load.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
await import('./main/chat.js');
