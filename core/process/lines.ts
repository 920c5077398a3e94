/** Turns a byte stream into whole lines, as a log wants them: one call per line, never half a line. */
import { StringDecoder } from "node:string_decoder";

/** A runaway line (a progress bar without newlines, a dumped tensor) is cut rather than buffered forever. */
export const MAX_LINE_CHARS = 64 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    for (const part of parts) this.emit(displayed(part));
    while (this.partial.length > MAX_LINE_CHARS) {
      this.emit(displayed(this.partial.slice(0, MAX_LINE_CHARS)));
      this.partial = this.partial.slice(MAX_LINE_CHARS);
    }
  }

  /** Flushes the last line when the stream ended without a newline. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = "";
    if (rest !== "") this.emit(displayed(rest));
  }
}

/**
 * What a terminal would show: a progress bar redraws its line with `\r`, so only the text after the
 * last `\r` is kept (a trailing `\r` of a CRLF line end is dropped).
 */
function displayed(line: string): string {
  const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
  const cr = trimmed.lastIndexOf("\r");
  return cr === -1 ? trimmed : trimmed.slice(cr + 1);
}
