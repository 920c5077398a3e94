import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  loadModel
} from "./chunk-KJKKDORY.js";
import "./chunk-I466IOQD.js";
import "./chunk-EKBVEGIG.js";
import "./chunk-AMMCM42C.js";
import "./chunk-J6GGUR3Q.js";
import "./chunk-PC4ZM575.js";
import "./chunk-7PHMG4D3.js";
import "./chunk-APUYF5IV.js";
import "./chunk-XARTV3HG.js";
import "./chunk-IRIPJO66.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-FOFFBESX.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-VQWZVFSN.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  loadModel
};
