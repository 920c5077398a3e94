import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  modelOf
} from "./chunk-T74O7SL3.js";
import "./chunk-YYCRB66S.js";
import "./chunk-EP7PE7YM.js";
import "./chunk-AMMCM42C.js";
import "./chunk-JNPW6ZGK.js";
import "./chunk-YL2NVZX5.js";
import "./chunk-B4HGDC6Z.js";
import "./chunk-GZNMPYED.js";
import "./chunk-7EZWGXCG.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-G7BTACU2.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-PDXLEUAN.js";
import "./chunk-SG4ICILI.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  modelOf
};
