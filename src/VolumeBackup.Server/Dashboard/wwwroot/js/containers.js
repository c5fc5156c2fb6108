// Containers: per container, stored bytes over time and deduplication savings (data bytes vs stored bytes), drawn
// with the vendored Chart.js.
import { api } from './api.js';
import { bytes, el, table } from './format.js';

let charts = [];
let lastData = '';

/** Per container: its backups in time order with the running total of stored bytes, and the byte sums. */
export function summarize(backups) {
  const byContainer = new Map();
  for (const b of [...backups].filter(b => b.status === 'available').sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))) {
    const c = byContainer.get(b.container) ?? { name: b.container, points: [], stored: 0, data: 0, count: 0 };
    c.stored += b.stored_bytes ?? 0;
    c.data += b.data_bytes ?? 0;
    c.count++;
    c.points.push({ x: b.created_at, y: c.stored });
    byContainer.set(b.container, c);
  }
  return [...byContainer.values()];
}

export async function render(page) {
  const containers = summarize(await api.backups());
  const data = JSON.stringify(containers);
  if (data === lastData && page.querySelector('canvas')) return; // unchanged: keep the charts as drawn
  lastData = data;
  charts.forEach(c => c.destroy());
  charts = [];

  const rows = containers.map(c => el('tr', {},
    el('td', {}, c.name), el('td', {}, c.count), el('td', {}, bytes(c.data)), el('td', {}, bytes(c.stored)),
    el('td', {}, c.data > 0 ? `${Math.round((1 - c.stored / c.data) * 100)}%` : '–')));
  const growth = el('canvas', { id: 'chart-stored', role: 'img', 'aria-label': 'Stored bytes of each container over time' });
  const savings = el('canvas', { id: 'chart-savings', role: 'img', 'aria-label': 'Data bytes and stored bytes of each container' });
  page.replaceChildren(
    el('h2', {}, 'Containers'),
    table('Containers and their deduplication savings', ['Container', 'Backups', 'Data', 'Stored', 'Saved'], rows,
      'No available backups yet.'),
    containers.length ? el('div', { class: 'charts' },
      el('figure', {}, el('figcaption', {}, 'Stored bytes over time'), el('div', { class: 'chart-box' }, growth)),
      el('figure', {}, el('figcaption', {}, 'Deduplication: data vs stored bytes'), el('div', { class: 'chart-box' }, savings))) : null);
  if (!containers.length || !window.Chart) return;

  const palette = ['#1f5fa8', '#b5541b', '#2e7d32', '#7b1fa2', '#00838f', '#ad1457'];
  const Chart = window.Chart;
  const common = { animation: false, responsive: true, maintainAspectRatio: false };
  const byteTicks = { ticks: { precision: 0, callback: value => bytes(value) } };
  charts.push(new Chart(growth, {
    type: 'line',
    data: { datasets: containers.map((c, i) => ({
      label: c.name, data: c.points.map(p => ({ x: Date.parse(p.x), y: p.y })), borderColor: palette[i % palette.length],
      backgroundColor: palette[i % palette.length], stepped: true })) },
    options: { ...common, parsing: true, scales: {
      x: { type: 'linear', ticks: { maxTicksLimit: 6, callback: value => new Date(value).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) } }, y: { beginAtZero: true, ...byteTicks } } },
  }));
  charts.push(new Chart(savings, {
    type: 'bar',
    data: { labels: containers.map(c => c.name), datasets: [
      { label: 'Data bytes', data: containers.map(c => c.data), backgroundColor: '#9db8d9' },
      { label: 'Stored bytes', data: containers.map(c => c.stored), backgroundColor: '#1f5fa8' }] },
    options: { ...common, scales: { y: { beginAtZero: true, ...byteTicks } } },
  }));
}
