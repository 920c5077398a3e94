import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  modelOf
} from "./chunk-4H5BMMKV.js";
import "./chunk-TM36B4N3.js";
import "./chunk-V5KIZBP6.js";
import "./chunk-AMMCM42C.js";
import "./chunk-KMZ53XZQ.js";
import "./chunk-WICR2OBL.js";
import "./chunk-46AJR4GE.js";
import "./chunk-64T2DFE2.js";
import "./chunk-4AQFQO2E.js";
import "./chunk-F75MKDK6.js";
import "./chunk-KYS2IVY2.js";
import "./chunk-Y2ESGF5V.js";
import "./chunk-SDI6CA5V.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  modelOf
};
