import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/data/quantiles.ts
var QUANTILES = ["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"];

export {
  QUANTILES
};
