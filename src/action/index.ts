// Entry point of the action bundle (dist/index.js), for the main step and, with
// the state the main step left, the post step (action.yml runs this file twice).
import { runAction } from './main.js';
import { isPostStep, markMainStep, runPost } from './post.js';
import { cacheWorkAbandoned } from '../cache/unfinished.js';

if (isPostStep()) {
  await runPost();
} else {
  markMainStep();
  await runAction();
}
// A cache call given up on (past its time bound) would hold the step open until it ended by itself.
if (cacheWorkAbandoned()) process.exit();
