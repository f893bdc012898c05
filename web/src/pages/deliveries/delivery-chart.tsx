// The deliveries-per-bucket chart, stacked by outcome, drawn with uPlot (this module and uPlot load with this page only).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { SERIES } from './delivery-stats-view.js';
import type { Stats } from './delivery-types.js';

const HEIGHT = 220;

/** Stacks the counts: each series holds its own count plus those below it, drawn tallest first. */
function stacked(stats: Stats): uPlot.AlignedData {
  const times = stats.series.map((point) => Date.parse(point.start) / 1000);
  const running = stats.series.map(() => 0);
  const layers = SERIES.map((s) => stats.series.map((point, i) => (running[i] = running[i]! + point[s.key])));
  return [times, ...layers.reverse()];
}

export function DeliveryChart({ stats }: { stats: Stats }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const width = () => Math.max(280, element.clientWidth);
    const barWidth = stats.bucket === 'minute' ? 0.8 : 0.7;
    // Each bar starts at its bucket's start: the x axis ends one bucket after the last start, so the last bar shows.
    const bucketSeconds = stats.bucket === 'minute' ? 60 : 3600;
    const options: uPlot.Options = {
      width: width(),
      height: HEIGHT,
      scales: {
        x: { time: true, range: (_u, min, max) => [min, max + bucketSeconds] },
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
      },
      axes: [{}, { size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] }],
      // The key and the summary below the chart say what each colour is; the hidden table gives every count.
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        {},
        ...[...SERIES].reverse().map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: s.color,
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars!({ size: [barWidth, 24], align: 1 }),
        })),
      ],
    };
    const chart = new uPlot(options, stacked(stats), element);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // The chart is built once per bucket size; new counts are set below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stats.bucket]);

  useEffect(() => {
    plot.current?.setData(stacked(stats));
  }, [stats]);

  return <div ref={box} className="delivery-chart" aria-hidden="true" />;
}
