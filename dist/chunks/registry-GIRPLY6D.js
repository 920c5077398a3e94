import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatOf,
  registerRegistry
} from "./chunk-TBIT4C56.js";
import "./chunk-Q6KC44N3.js";
import "./chunk-FVSJNCWR.js";
import "./chunk-XANEKLA3.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-Z7H4Z2AQ.js";
import "./chunk-DGMCUWSM.js";
import "./chunk-UQ7FNZY6.js";
import "./chunk-COQIZICY.js";
import "./chunk-53E4LV3W.js";
import "./chunk-AMMCM42C.js";
import "./chunk-F4CURCEI.js";
import "./chunk-MUEIDXEF.js";
import "./chunk-M6G5W46Y.js";
import "./chunk-F75MKDK6.js";
import "./chunk-MGNZCMU2.js";
import "./chunk-MP5RYPAE.js";
import "./chunk-SHX5IHM6.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  formatOf,
  registerRegistry
};
