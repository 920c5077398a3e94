import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  profileFromJSON
} from "./chunk-I2MXMTSH.js";
import "./chunk-E2GF2QD5.js";
import "./chunk-NOM26DDT.js";
import "./chunk-B4HGDC6Z.js";
import "./chunk-GZNMPYED.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-G7BTACU2.js";
import "./chunk-SG4ICILI.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  profileFromJSON
};
