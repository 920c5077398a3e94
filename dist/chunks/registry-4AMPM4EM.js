import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  GitHubRegistry
} from "./chunk-CCYLFATS.js";
import "./chunk-J6GGUR3Q.js";
import "./chunk-7PHMG4D3.js";
import "./chunk-APUYF5IV.js";
import "./chunk-XARTV3HG.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-FOFFBESX.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  GitHubRegistry
};
