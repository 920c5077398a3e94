import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  CONFIG_READ_HINT,
  readText,
  registerConfig
} from "./chunk-ZT7VK6M5.js";
import "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-CG4E3PCN.js";
import "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  CONFIG_READ_HINT,
  readText,
  registerConfig
};
