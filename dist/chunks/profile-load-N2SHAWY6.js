import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  profileFromJSON
} from "./chunk-KQINWCDG.js";
import "./chunk-B3ONUL3O.js";
import "./chunk-XNPVYGHD.js";
import "./chunk-5BOIGAPZ.js";
import "./chunk-KP4FZ7NM.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-CG4E3PCN.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  profileFromJSON
};
