import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatOf,
  registerRegistry
} from "./chunk-6TS5ZUNK.js";
import "./chunk-GERQJQLY.js";
import "./chunk-KJKKDORY.js";
import "./chunk-I466IOQD.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-Z4FKMV5F.js";
import "./chunk-43UFDDWR.js";
import "./chunk-OYQVA2YJ.js";
import "./chunk-NORDYQ4Z.js";
import "./chunk-EKBVEGIG.js";
import "./chunk-X76HH3AA.js";
import "./chunk-AMMCM42C.js";
import "./chunk-J6GGUR3Q.js";
import "./chunk-3TKKAAS2.js";
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
  formatOf,
  registerRegistry
};
