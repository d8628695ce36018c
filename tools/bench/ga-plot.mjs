// The convergence plot of the hybrid-GA benchmark: best makespan / HEFT against time, one line per variant, as a
// self-contained SVG (no fonts or scripts to fetch).

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 64, right: 24, top: 40, bottom: 52 };
const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e'];

/**
 * @param {{ title: string, series: { label: string, points: [number, number][] }[], xLabel: string, yLabel: string }} plot
 *   points are [seconds, ratio]
 */
export function convergenceSvg(plot) {
  const all = plot.series.flatMap((s) => s.points);
  const xMax = Math.max(...all.map(([x]) => x));
  const yMin = Math.floor(Math.min(...all.map(([, y]) => y)) * 20) / 20;
  const yMax = Math.max(1, Math.ceil(Math.max(...all.map(([, y]) => y)) * 20) / 20);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x) => MARGIN.left + (x / xMax) * plotWidth;
  const sy = (y) => MARGIN.top + ((yMax - y) / (yMax - yMin)) * plotHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escape(plot.title)}</text>`,
  ];
  for (let y = yMin; y <= yMax + 1e-9; y += 0.05) {
    const v = Math.round(y * 100) / 100;
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" stroke="${v === 1 ? '#888' : '#e5e5e5'}"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end" fill="#444">${v.toFixed(2)}</text>`);
  }
  const xStep = niceStep(xMax);
  for (let x = 0; x <= xMax + 1e-9; x += xStep) {
    parts.push(`<line x1="${sx(x).toFixed(1)}" x2="${sx(x).toFixed(1)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${sx(x).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" fill="#444">${+x.toFixed(2)}</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#444"/>`);
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle">${escape(plot.xLabel)}</text>`);
  parts.push(
    `<text x="16" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 16 ${MARGIN.top + plotHeight / 2})">${escape(plot.yLabel)}</text>`,
  );
  plot.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length];
    // A step line: the best so far holds until the next improvement.
    let path = '';
    let previous = null;
    for (const [x, y] of series.points) {
      if (previous === null) path += `M${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
      else path += `H${sx(x).toFixed(1)}V${sy(y).toFixed(1)}`;
      previous = y;
    }
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    const ly = MARGIN.top + 18 + i * 18;
    parts.push(`<line x1="${WIDTH - MARGIN.right - 210}" x2="${WIDTH - MARGIN.right - 186}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${WIDTH - MARGIN.right - 180}" y="${ly}">${escape(series.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function niceStep(max) {
  const raw = max / 8;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
