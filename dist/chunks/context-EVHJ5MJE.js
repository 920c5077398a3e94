import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  loadModel
} from "./chunk-OSBQBDQE.js";
import "./chunk-42OF5GXB.js";
import "./chunk-BUYWOJIR.js";
import "./chunk-AMMCM42C.js";
import "./chunk-XZ7GZ2AV.js";
import "./chunk-2LKE3C5F.js";
import "./chunk-USVMPWUA.js";
import "./chunk-OUBOL22D.js";
import "./chunk-IRIPJO66.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-E5IEJLTO.js";
import "./chunk-VQWZVFSN.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-FOFFBESX.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";
export {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  loadModel
};
