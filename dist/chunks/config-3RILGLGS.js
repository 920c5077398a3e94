import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  readText,
  registerConfig
} from "./chunk-YYCRB66S.js";
import "./chunk-7EZWGXCG.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-G7BTACU2.js";
import "./chunk-PDXLEUAN.js";
import "./chunk-SG4ICILI.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  readText,
  registerConfig
};
