import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/metrics/direction.ts
var LOWER_IS_BETTER = /(loss|error|rmse|mae|mse|perplexity)/i;
function defaultDirection(metric) {
  return LOWER_IS_BETTER.test(metric) ? "lower" : "higher";
}

export {
  defaultDirection
};
