import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/metrics/direction.ts
var LOWER_IS_BETTER = /(loss|error|rmse|mae|mse|perplexity)/i;
function defaultDirection(metric) {
  return LOWER_IS_BETTER.test(metric) ? "lower" : "higher";
}
function gateDirections(checks) {
  const entries = [];
  for (const c of checks)
    if (c.direction && !c.rule.startsWith("slice-")) entries.push([c.metric, c.direction]);
  return Object.fromEntries(entries);
}

export {
  defaultDirection,
  gateDirections
};
