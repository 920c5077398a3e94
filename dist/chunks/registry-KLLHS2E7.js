import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatOf,
  registerRegistry
} from "./chunk-LK32LKUI.js";
import "./chunk-IDZGEECG.js";
import "./chunk-I6B7H4WP.js";
import "./chunk-FWOLUQVF.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-COBS2C5Q.js";
import "./chunk-DGMCUWSM.js";
import "./chunk-MEW53XRG.js";
import "./chunk-OFMU3WFN.js";
import "./chunk-HM7BAJ6J.js";
import "./chunk-AMMCM42C.js";
import "./chunk-V22KD7DU.js";
import "./chunk-MUEIDXEF.js";
import "./chunk-2HWJY6OA.js";
import "./chunk-KPESWHBM.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-FJYPH2ZX.js";
import "./chunk-GQAPX3NK.js";
import "./chunk-PDXLEUAN.js";
import "./chunk-7H2JNFCY.js";
import "./chunk-Y6U7BRVI.js";
import "./chunk-ZODBETJN.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  formatOf,
  registerRegistry
};
