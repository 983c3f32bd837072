import cliProgress from 'cli-progress';

/** How far long CLI work has come: a bar on a terminal, a plain line every few seconds otherwise. */
export interface Progress {
  /** Adds `n` done items (and, when the total grows, the new total). */
  tick(n?: number, total?: number): void;
  done(): void;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * A progress report on stderr for `label`, out of `total` items when known. On a terminal it is
 * a bar with the count, rate and time left (cli-progress); in a log or a pipe it prints a line
 * every `everyMs` with the same figures, and one at the end.
 */
export function progress(
  label: string,
  total = 0,
  options: { stream?: NodeJS.WriteStream; everyMs?: number } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const started = Date.now();
  let value = 0;
  let known = total;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(known, 1), 0, { rate: '0' });
    return {
      tick(n = 1, t) {
        value += n;
        if (t !== undefined && t !== known) bar.setTotal(Math.max((known = t), 1));
        bar.update(value, { rate: fmt(value / Math.max((Date.now() - started) / 1000, 1e-3)) });
      },
      done() {
        bar.update(value);
        bar.stop();
      },
    };
  }
  const every = options.everyMs ?? 2000;
  let last = started;
  const line = (final: boolean) => {
    const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
    const rate = value / seconds;
    const left = known > value && rate > 0 ? `, about ${fmt((known - value) / rate)} s left` : '';
    const ofKnown = known > 0 ? ` of ${fmt(known)} (${Math.floor((value / known) * 100)}%)` : '';
    const end = final ? `, done in ${seconds.toFixed(1)} s` : left;
    stream.write(`${label}: ${fmt(value)}${ofKnown}, ${fmt(rate)}/s${end}\n`);
  };
  return {
    tick(n = 1, t) {
      value += n;
      if (t !== undefined) known = t;
      if (Date.now() - last >= every) {
        last = Date.now();
        line(false);
      }
    },
    done() {
      line(true);
    },
  };
}
