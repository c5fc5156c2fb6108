// Volumes: status, size, host, the last good backup and its age, schedules; create, back up, delete, schedules.
import { api } from './api.js';
import { age, el, statusBadge, table } from './format.js';
import { act, ask, confirmAction, showMessage } from './ui.js';

export async function render(page, refresh) {
  const [volumes, backups] = await Promise.all([api.volumes(), api.backups()]);
  const lastGood = new Map();
  for (const b of backups.filter(b => b.status === 'available')) {
    const seen = lastGood.get(String(b.volume_id));
    if (!seen || Date.parse(b.created_at) > Date.parse(seen.created_at)) lastGood.set(String(b.volume_id), b);
  }
  const schedules = new Map(await Promise.all(volumes.map(async v => {
    try { return [v.id, await api.policies(v.id)]; } catch { return [v.id, null]; }
  })));

  const rows = volumes.map(v => {
    const good = lastGood.get(String(v.id));
    const policies = schedules.get(v.id);
    return el('tr', { dataset: { volume: v.id } },
      el('td', {}, v.id),
      el('td', {}, v.displayName ?? ''),
      el('td', {}, statusBadge(v.status)),
      el('td', {}, `${v.size} GB`),
      el('td', {}, v.host ?? '–'),
      el('td', {}, good ? `#${good.id} (${age(good.created_at)})` : 'none'),
      el('td', { class: 'schedule' }, policies === null ? 'not available' : policies.length === 0 ? 'none'
        : policies.map(p => el('div', { class: 'policy', dataset: { policy: p.id } },
          `${p.name ?? p.id}: ${describeSchedule(p.schedule)}, ${describeRetention(p.retention)}, next run `,
          p.next_run_at ? el('time', { class: 'next-run', datetime: p.next_run_at }, p.next_run_at) : 'never (disabled)'))),
      el('td', { class: 'actions' },
        el('button', { type: 'button', onclick: () => backUp(v, refresh) }, 'Back up'),
        el('button', { type: 'button', onclick: () => schedule(v, policies, refresh) }, 'Schedules'),
        el('button', { type: 'button', class: 'danger', onclick: () => remove(v, refresh) }, 'Delete')));
  });

  page.replaceChildren(
    el('div', { class: 'page-head' },
      el('h2', {}, 'Volumes'),
      el('button', { type: 'button', id: 'create-volume', onclick: () => create(refresh) }, 'Create volume')),
    table('Volumes of this tenant', ['Id', 'Name', 'Status', 'Size', 'Host', 'Last good backup', 'Schedule', 'Actions'],
      rows, 'No volumes yet.'));
}

function describeSchedule(schedule) {
  if (!schedule) return '–';
  if (schedule.cron) return `cron ${schedule.cron} ${schedule.time_zone ?? ''}`.trim();
  if (schedule.interval_seconds) return `every ${schedule.interval_seconds} s`;
  return '–';
}

/** The retention counts that keep something, e.g. "keep 7 daily, 4 weekly". */
function describeRetention(retention) {
  const kept = ['last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly']
    .filter(k => retention?.[`keep_${k}`] > 0).map(k => `${retention[`keep_${k}`]} ${k}`);
  return kept.length ? `keep ${kept.join(', ')}` : 'keeps all';
}

function create(refresh) {
  ask('Create volume', [
    { name: 'size', label: 'Size (GB)', type: 'number', value: '1', min: 1, required: true },
    { name: 'name', label: 'Name' },
  ], async v => {
    const volume = await api.createVolume(Number(v.size), v.name);
    showMessage(`Volume ${volume.id} created.`, 'info');
    refresh();
  }, 'Create');
}

function backUp(volume, refresh) {
  ask(`Back up volume ${volume.id}`, [
    { name: 'name', label: 'Backup name' },
    { name: 'container', label: 'Container (empty: the default)' },
  ], async v => {
    const backup = await api.createBackup(volume.id, v.name, v.container);
    showMessage(`Backup ${backup.id} of volume ${volume.id} started.`, 'info');
    location.hash = '#/jobs';
    refresh();
  }, 'Back up');
}

function remove(volume, refresh) {
  confirmAction(`Delete volume ${volume.id}`, `Delete volume ${volume.id} and its data? Its backups stay.`,
    () => api.deleteVolume(volume.id).then(refresh), 'Delete');
}

function schedule(volume, policies, refresh) {
  if (policies === null) {
    showMessage('This server has no schedules (the hp-volume-backup-policies route is missing).');
    return;
  }
  const existing = policies.map(p => ({ value: String(p.id), label: `${p.name ?? p.id} (${describeSchedule(p.schedule)})` }));
  ask(`Schedules of volume ${volume.id}`, [
    { name: 'action', label: 'Action', type: 'select', value: 'create', options: [
      { value: 'create', label: 'Add a schedule' }, ...existing.map(e => ({ value: `delete:${e.value}`, label: `Delete ${e.label}` }))] },
    { name: 'name', label: 'Name', value: 'nightly' },
    { name: 'cron', label: 'Cron (UTC; empty to use the interval)', value: '0 2 * * *' },
    { name: 'interval', label: 'Interval in seconds', type: 'number', value: '' },
    { name: 'keep_daily', label: 'Keep daily', type: 'number', value: '7', min: 0 },
  ], async v => {
    if (v.action.startsWith('delete:')) {
      await api.deletePolicy(v.action.slice(7));
    } else {
      await api.createPolicy({
        volume_id: String(volume.id), name: v.name || null, container: null,
        schedule: v.cron ? { cron: v.cron, time_zone: 'UTC' } : { interval_seconds: Number(v.interval) },
        force: false, retention: { keep_daily: Number(v.keep_daily || 0) }, enabled: true,
      });
    }
    await act(async () => {}, refresh);
  }, 'Apply');
}
