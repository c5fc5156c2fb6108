// The dashboard's shell: sign-in (a static token, or Keystone through the server's pass-through), hash routing,
// polling of the current page, and sign-out, which drops the token from sessionStorage and stops every API call.
import { discoverTenant, keystoneSignIn, session } from './api.js';
import { showMessage } from './ui.js';
import * as volumes from './volumes.js';
import * as backups from './backups.js';
import * as jobs from './jobs.js';
import * as containers from './containers.js';

const pages = { volumes, backups, jobs, containers };
const pollMs = { jobs: 1000, volumes: 5000, backups: 3000, containers: 10000 };
let timer = null;
let ticket = 0; // the newest refresh (or sign-out) wins: older refreshes neither schedule nor report
let config = { identity: 'static' };

const $ = id => document.getElementById(id);

function currentPage() {
  const name = location.hash.replace(/^#\//, '');
  return pages[name] ? name : 'volumes';
}

/** Where the focus was, so a refresh that redraws the page can put it back (keyboard users keep their place). */
function focusKey() {
  const active = document.activeElement;
  if (!active || !$('page').contains(active)) return null;
  if (active.id) return `#${CSS.escape(active.id)}`;
  const row = active.closest('tr');
  if (!row) return null;
  const attr = row.dataset.backup ? `[data-backup="${CSS.escape(row.dataset.backup)}"]` : row.dataset.volume ? `[data-volume="${CSS.escape(row.dataset.volume)}"]` : null;
  const index = [...row.querySelectorAll('button')].indexOf(active);
  return attr && index >= 0 ? { attr, index } : null;
}

function restoreFocus(key) {
  if (!key) return;
  const target = typeof key === 'string' ? $('page').querySelector(key)
    : $('page').querySelector(`tr${key.attr}`)?.querySelectorAll('button')[key.index];
  target?.focus();
}

async function refresh() {
  clearTimeout(timer);
  if (!session.token) return;
  const mine = ++ticket;
  const name = currentPage();
  const page = $('page');
  const key = focusKey();
  try {
    await pages[name].render(page, refresh);
    if (!session.token) { page.replaceChildren(); return; }
    page.dataset.page = name; // drawn: what is shown is this page's
    restoreFocus(key);
  } catch (e) {
    if (mine !== ticket) return;
    showMessage(e.message);
    if (e.status === 401) { signOut(); return; }
  }
  if (mine === ticket && session.token) timer = setTimeout(refresh, $('dialog').open ? 1000 : pollMs[name]);
}

function showSignedIn() {
  $('sign-in').hidden = true;
  $('nav').hidden = false;
  $('who').hidden = false;
  $('page').hidden = false;
  $('who-tenant').textContent = `Tenant ${session.tenant}`;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === currentPage()) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function showSignIn() {
  $('sign-in').hidden = false;
  $('nav').hidden = true;
  $('who').hidden = true;
  $('page').hidden = true;
  $('page').replaceChildren();
  document.body.dataset.identity = config.identity;
  for (const input of document.querySelectorAll('#sign-in-form input')) input.value = input.name === 'domain' ? (config.default_domain ?? 'Default') : '';
}

function signOut() {
  ticket++;
  clearTimeout(timer);
  timer = null;
  session.clear();
  showSignIn();
  document.body.dataset.signedIn = 'false';
}

async function signIn(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    let token; let tenant;
    if (config.identity === 'keystone') {
      ({ token, tenant } = await keystoneSignIn(form.get('user'), form.get('password'), form.get('project'), form.get('domain')));
    } else {
      token = String(form.get('token') ?? '').trim();
      tenant = String(form.get('tenant') ?? '').trim() || await discoverTenant(token);
      if (!tenant) throw new Error('This token owns no volume or backup yet: type its tenant id.');
    }
    if (!token || !tenant) throw new Error('Sign-in gave no token.');
    session.set(token, tenant);
    showMessage('');
    document.body.dataset.signedIn = 'true';
    if (!location.hash) location.hash = '#/volumes';
    showSignedIn();
    await refresh();
    $('main').focus();
  } catch (e) {
    showMessage(e.message);
  }
}

async function start() {
  try {
    config = await (await fetch('config', { cache: 'no-store' })).json();
  } catch { /* static mode */ }
  document.body.dataset.identity = config.identity;
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  // The skip link moves the focus to the content without touching the hash, which routes the pages.
  document.querySelector('.skip-link').addEventListener('click', event => { event.preventDefault(); $('main').focus(); });
  $('dialog').addEventListener('close', () => refresh());
  window.addEventListener('hashchange', () => {
    if (!session.token) return;
    delete $('page').dataset.page;
    showSignedIn();
    refresh();
  });
  if (session.token) {
    document.body.dataset.signedIn = 'true';
    showSignedIn();
    refresh();
  } else {
    showSignIn();
    document.body.dataset.signedIn = 'false';
  }
  document.body.dataset.ready = 'true';
}

start();
