/** A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal (CI, pipes, --json). */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function progressBar(total: number, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return { update() {}, finish() {} };
  const width = 30;
  const draw = (done: number) => {
    const filled = Math.round((done / total) * width);
    stream.write(`\r${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}`);
  };
  draw(0);
  return {
    update: draw,
    finish() {
      draw(total);
      stream.write("\n");
    },
  };
}
