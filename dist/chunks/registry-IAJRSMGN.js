import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  GitHubRegistry
} from "./chunk-DE4IDNXV.js";
import "./chunk-XZ7GZ2AV.js";
import "./chunk-USVMPWUA.js";
import "./chunk-OUBOL22D.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-E5IEJLTO.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-FOFFBESX.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  GitHubRegistry
};
