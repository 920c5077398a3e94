import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  modelOf
} from "./chunk-Q3N5B3TC.js";
import "./chunk-2C5LYEWV.js";
import "./chunk-LUNNLZG4.js";
import "./chunk-AMMCM42C.js";
import "./chunk-V22KD7DU.js";
import "./chunk-KPESWHBM.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-6ZMSVT3M.js";
import "./chunk-GQAPX3NK.js";
import "./chunk-F75MKDK6.js";
import "./chunk-7H2JNFCY.js";
import "./chunk-Y6U7BRVI.js";
import "./chunk-ZODBETJN.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  modelOf
};
