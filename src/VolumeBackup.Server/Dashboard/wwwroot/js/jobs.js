// Jobs: running backups, restores and verifications with live progress (bytes, rate, ETA from successive polls),
// and failed ones with their fail_reason.
import { api } from './api.js';
import { bytes, duration, el, table } from './format.js';
import { showMessage } from './ui.js';

const samples = new Map(); // backup id -> {at, done} of the previous poll, for the rate

export function rateOf(previous, current) {
  if (!previous || current.at <= previous.at || current.done < previous.done) return null;
  return (current.done - previous.done) / ((current.at - previous.at) / 1000);
}

export async function render(page, refresh) {
  const backups = await api.backups();
  const now = Date.now();
  const running = backups.filter(b => b.progress || ['creating', 'restoring', 'deleting'].includes(b.status));
  const failed = backups.filter(b => b.status === 'error' || b.fail_reason);

  const rows = running.map(b => {
    const p = b.progress;
    const current = p ? { at: now, done: p.bytes_done } : null;
    const key = `${b.id}/${p?.operation}`;
    const previous = samples.get(key);
    const rate = current && previous ? rateOf(previous, current) : null;
    if (current && (!previous || current.done !== previous.done)) samples.set(key, current);
    const eta = rate && p ? (p.bytes_total - p.bytes_done) / rate : NaN;
    const percent = p ? Math.round(p.percent * 10) / 10 : null;
    const label = `Progress of ${p?.operation ?? b.status} of backup ${b.id}`;
    return el('tr', { dataset: { backup: b.id } },
      el('td', {}, b.id),
      el('td', {}, p?.operation ?? (b.status === 'creating' ? 'create (queued)' : b.status)),
      el('td', {}, b.volume_id),
      el('td', { class: 'progress-cell' },
        p ? el('progress', { max: '100', value: String(percent), 'aria-label': label, id: `progress-${b.id}` }, `${percent}%`)
          : el('span', {}, 'waiting for a worker'),
        p ? el('span', { class: 'progress-text' }, ` ${percent}%`) : null),
      el('td', {}, p ? `${bytes(p.bytes_done)} of ${bytes(p.bytes_total)}` : '–'),
      el('td', {}, rate ? `${bytes(rate)}/s` : '–'),
      el('td', {}, duration(eta)),
      el('td', { class: 'actions' }, el('button', { type: 'button', id: `cancel-${b.id}`, onclick: async () => {
        try { await api.cancel(b.id); showMessage(`Cancel of backup ${b.id} asked.`, 'info'); } catch (e) { showMessage(e.message); }
        refresh();
      } }, 'Cancel')));
  });

  const failedRows = failed.map(b => el('tr', { dataset: { backup: b.id } },
    el('td', {}, b.id), el('td', {}, b.volume_id), el('td', {}, b.container), el('td', {}, b.status),
    el('td', { class: 'reason' }, b.fail_reason ?? '')));

  page.replaceChildren(
    el('h2', {}, 'Jobs'),
    el('h3', {}, 'Running'),
    table('Running backups, restores and verifications',
      ['Backup', 'Operation', 'Volume', 'Progress', 'Bytes', 'Rate', 'ETA', 'Actions'], rows, 'Nothing is running.'),
    el('h3', {}, 'Failed'),
    table('Failed backups and restores', ['Backup', 'Volume', 'Container', 'Status', 'Reason'], failedRows, 'Nothing failed.'));
}
