import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  profileFromJSON
} from "./chunk-HMQWLGXY.js";
import "./chunk-B3ONUL3O.js";
import "./chunk-XNPVYGHD.js";
import "./chunk-APUYF5IV.js";
import "./chunk-XARTV3HG.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-FOFFBESX.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  profileFromJSON
};
