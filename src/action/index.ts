// Entry point of the action bundle (dist/index.js).
import { runAction } from './main.js';

await runAction();
