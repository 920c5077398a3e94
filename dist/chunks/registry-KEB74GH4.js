import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatOf,
  registerRegistry
} from "./chunk-AIVPGRIN.js";
import "./chunk-BADSRF3J.js";
import "./chunk-Q3N5B3TC.js";
import "./chunk-2C5LYEWV.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-PSGABJ7O.js";
import "./chunk-DGMCUWSM.js";
import "./chunk-LUNNLZG4.js";
import "./chunk-PIMGF73K.js";
import "./chunk-5N4IQ3ZA.js";
import "./chunk-AMMCM42C.js";
import "./chunk-V22KD7DU.js";
import "./chunk-MUEIDXEF.js";
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
  formatOf,
  registerRegistry
};
