import { useEffect, useRef } from "react";
import { isoToGB } from "../lib/format";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type PointStyle,
} from "chart.js";

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Legend, Tooltip);
Chart.defaults.font.family = "Frutiger W01, Arial, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = "#212b32";

/**
 * Series styles: NHS colours with at least 3:1 contrast on white, and each series also has its
 * own point shape and dash so no one depends on colour to tell them apart.
 */
export const SERIES: { color: string; point: PointStyle; dash: number[] }[] = [
  { color: "#005eb8", point: "circle", dash: [] },
  { color: "#007f3b", point: "triangle", dash: [8, 4] },
  { color: "#330072", point: "rect", dash: [2, 3] },
  { color: "#d5281b", point: "rectRot", dash: [12, 4] },
];

/**
 * A Chart.js chart on a canvas. The canvas is an image with a short label; every chart on a page
 * has a table of the same numbers beside it, which is the full text alternative.
 */
export function ChartCanvas({ config, label, testId, height = 260 }: { config: ChartConfiguration; label: string; testId: string; height?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(config.data);
  useEffect(() => {
    const canvas = ref.current;
    // jsdom (component tests) has no drawing surface; the table beside the chart is what they check.
    if (!canvas || navigator.userAgent.includes("jsdom")) return;
    let chart: Chart | null = null;
    try {
      chart = new Chart(canvas, {
        ...config,
        options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
      });
    } catch {
      // No drawing surface (e.g. component tests): the table beside the chart still has every number.
    }
    return () => chart?.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <div className="app-chart" style={{ height }}>
      <canvas ref={ref} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}

const DAY_MS = 86_400_000;

/** ISO date → whole days since 1970, so the x axis is proportional to time without a date adapter. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function dayLabel(v: number): string {
  return isoToGB(new Date(v * DAY_MS).toISOString());
}

/** Tooltips on a date axis show the date, not the day number. */
export const dateTooltip = {
  callbacks: { title: (items: { parsed: { x: number | null } }[]) => (items[0]?.parsed.x != null ? dayLabel(items[0].parsed.x) : "") },
};

/** An x axis of dates, spaced by time and labelled DD/MM/YYYY. */
export function dateAxis(days: number[]) {
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const pad = Math.max(3, Math.round((hi - lo) * 0.05));
  return {
    type: "linear" as const,
    min: lo - pad,
    max: hi + pad,
    ticks: {
      maxTicksLimit: 6,
      callback: (v: string | number) => dayLabel(Number(v)),
    },
  };
}
