// Backups: filters by status, volume and container; size, stored bytes, incremental, verified; restore, delete,
// verify, cancel.
import { api } from './api.js';
import { bytes, el, statusBadge, table } from './format.js';
import { ask, confirmAction, showMessage } from './ui.js';

const filters = { status: '', volume: '', container: '' };

/**
 * The HP views do not say whether a backup is incremental; the service makes one whenever the volume had an earlier
 * available backup in the same container, so the page infers it from the list.
 */
export function incrementalIds(backups) {
  const ids = new Set();
  const sorted = [...backups].sort((a, b) => Number(a.id) - Number(b.id));
  const seen = new Set();
  for (const b of sorted) {
    const key = `${b.volume_id}/${b.container}`;
    if (seen.has(key)) ids.add(b.id);
    if (b.status === 'available') seen.add(key);
  }
  return ids;
}

export async function render(page, refresh) {
  const backups = await api.backups();
  const incremental = incrementalIds(backups);
  const options = key => ['', ...new Set(backups.map(b => String(b[key] ?? '')))].sort();
  const filter = (key, label, values) => {
    const id = `filter-${key}`;
    return el('div', { class: 'field' }, el('label', { for: id }, label),
      el('select', { id, onchange: e => { filters[key] = e.target.value; refresh(); } },
        values.map(v => el('option', { value: v, selected: filters[key] === v }, v === '' ? 'all' : v))));
  };
  const shown = backups.filter(b =>
    (!filters.status || b.status === filters.status) &&
    (!filters.volume || String(b.volume_id) === filters.volume) &&
    (!filters.container || b.container === filters.container));

  const rows = shown.map(b => el('tr', { dataset: { backup: b.id } },
    el('td', {}, b.id),
    el('td', {}, b.display_name ?? ''),
    el('td', {}, b.volume_id),
    el('td', {}, b.container),
    el('td', {}, statusBadge(b.status), b.fail_reason ? el('div', { class: 'reason' }, b.fail_reason) : null),
    el('td', {}, `${b.size} GB`),
    el('td', {}, bytes(b.stored_bytes)),
    el('td', {}, incremental.has(b.id) ? 'incremental' : 'full'),
    el('td', { class: 'verification' }, b.verification?.status ?? 'unverified'),
    el('td', { class: 'actions' },
      el('button', { type: 'button', onclick: () => restore(b, refresh) }, 'Restore'),
      el('button', { type: 'button', onclick: () => run(() => api.verify(b.id), `Verification of backup ${b.id} started.`, refresh) }, 'Verify'),
      b.progress || b.status === 'creating' || b.status === 'restoring'
        ? el('button', { type: 'button', onclick: () => run(() => api.cancel(b.id), `Cancel of backup ${b.id} asked.`, refresh) }, 'Cancel')
        : null,
      el('button', { type: 'button', class: 'danger', onclick: () => remove(b, refresh) }, 'Delete'))));

  page.replaceChildren(
    el('h2', {}, 'Backups'),
    el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter backups', onsubmit: e => e.preventDefault() },
      filter('status', 'Status', options('status')),
      filter('volume', 'Volume', options('volume_id')),
      filter('container', 'Container', options('container'))),
    table('Backups of this tenant', ['Id', 'Name', 'Volume', 'Container', 'Status', 'Size', 'Stored', 'Kind', 'Verified', 'Actions'],
      rows, 'No backups match.'));
}

async function run(action, done, refresh) {
  try {
    await action();
    showMessage(done, 'info');
  } catch (e) {
    showMessage(e.message);
  }
  refresh();
}

function restore(backup, refresh) {
  ask(`Restore backup ${backup.id}`, [
    { name: 'target', label: 'Restore to', type: 'select', value: 'same', options: [
      { value: 'same', label: `the same volume (${backup.volume_id})` }, { value: 'new', label: 'a new volume' }] },
  ], async v => {
    const result = await api.restore(backup.id, v.target === 'same' ? backup.volume_id : null);
    showMessage(`Restore of backup ${backup.id} into volume ${result.volume_id} started.`, 'info');
    refresh();
  }, 'Restore');
}

function remove(backup, refresh) {
  confirmAction(`Delete backup ${backup.id}`, `Delete backup ${backup.id} and its objects?`,
    async () => { await api.deleteBackup(backup.id); refresh(); }, 'Delete');
}
