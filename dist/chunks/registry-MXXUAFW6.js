import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatOf,
  registerRegistry
} from "./chunk-ROEYAZZJ.js";
import "./chunk-SNDSVUK6.js";
import "./chunk-T74O7SL3.js";
import "./chunk-YYCRB66S.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-CCWBIRHG.js";
import "./chunk-DGMCUWSM.js";
import "./chunk-EP7PE7YM.js";
import "./chunk-JKXNR2L3.js";
import "./chunk-ARQC7367.js";
import "./chunk-AMMCM42C.js";
import "./chunk-JNPW6ZGK.js";
import "./chunk-MUEIDXEF.js";
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
  formatOf,
  registerRegistry
};
