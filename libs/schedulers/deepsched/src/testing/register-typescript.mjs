// `node --import <this file>`: registers typescript-hooks.mjs (see there).
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
