import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  CONFIG_READ_HINT,
  readText,
  registerConfig
} from "./chunk-I466IOQD.js";
import "./chunk-IRIPJO66.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-FOFFBESX.js";
import "./chunk-VQWZVFSN.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  CONFIG_READ_HINT,
  readText,
  registerConfig
};
