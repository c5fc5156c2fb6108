// Messages and the one modal dialog the actions use (a native <dialog>: focus moves in, Escape closes it).
import { el } from './format.js';

export function showMessage(text, kind = 'error') {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = `message ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.hidden = !text;
}

/**
 * Asks for fields, then runs submit(values); a failure (the API's fault message) stays in the dialog so the user
 * can correct it. fields: [{name, label, type, value, options, required, min}]
 */
export function ask(title, fields, submit, okLabel = 'OK') {
  const dialog = document.getElementById('dialog');
  const form = document.getElementById('dialog-form');
  const box = document.getElementById('dialog-fields');
  const error = document.getElementById('dialog-error');
  document.getElementById('dialog-title').textContent = title;
  document.getElementById('dialog-ok').textContent = okLabel;
  error.hidden = true;
  box.replaceChildren(...fields.map(f => {
    const id = `field-${f.name}`;
    const input = f.type === 'select'
      ? el('select', { id, name: f.name }, f.options.map(o => el('option', { value: o.value, selected: o.value === f.value }, o.label)))
      : el('input', { id, name: f.name, type: f.type ?? 'text', value: f.value ?? '', required: f.required, min: f.min });
    return el('div', { class: 'field' }, el('label', { for: id }, f.label), input);
  }));
  form.onsubmit = async event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    try {
      await submit(values);
      dialog.close();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  };
  document.getElementById('dialog-cancel').onclick = () => dialog.close();
  dialog.showModal();
}

export function confirmAction(title, text, run, okLabel) {
  ask(title, [], run, okLabel);
  document.getElementById('dialog-fields').replaceChildren(el('p', {}, text));
}

/** Runs an action from a button; its fault message is shown as it comes. */
export async function act(run, done) {
  try {
    await run();
    showMessage('');
    done?.();
  } catch (e) {
    showMessage(e.message);
  }
}
