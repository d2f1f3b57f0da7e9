// The sandbox page: polls /sandbox/api/state for what Slack would show the chosen person and
// renders it; clicks, commands, Home-tab visits and sample webhooks go to /sandbox/api/*, which
// sends them to handoff signed exactly as Slack (or the chat platform) would.
(() => {
  const { render, el } = window.sandboxBlocks;
  const { escapeHtml } = window.sandboxText;
  const $ = (id) => document.getElementById(id);
  let view = 'channel';
  let state;
  let shown = '';
  let userId = new URLSearchParams(location.search).get('user') ?? '';

  async function api(path, body) {
    const res = await fetch(`/sandbox/api/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
    return json;
  }

  const time = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  function context(key) {
    return {
      key,
      users: new Map(state.users.map((u) => [u.id, u.name])),
      userList: state.users,
      onAction: (click) => act(() => api('click', { user: userId, ...click })),
    };
  }

  function message(item) {
    const box = el('article', `msg ${item.kind}`);
    box.dataset.key = item.key;
    box.dataset.testid = 'message';
    const head = el('div', 'msg-head');
    head.innerHTML = `<span class="avatar">h</span><b>handoff</b> <span class="app-tag">APP</span> <span class="time">${time(item.at)}</span>${
      item.edited ? ' <span class="edited">(edited)</span>' : ''
    }`;
    box.append(head);
    if (item.kind === 'ephemeral') box.append(el('div', 'only-you', '👁 Only visible to you'));
    box.append(render(item.blocks, item.text, context(item.key)));
    if (item.files?.length) box.append(el('div', 'file', `📎 ${item.files.length} file(s) shared`));
    if (item.replies?.length) {
      const thread = el('div', 'thread');
      thread.append(el('div', 'thread-count', `${item.replies.length} repl${item.replies.length === 1 ? 'y' : 'ies'}`));
      for (const r of item.replies) thread.append(message(r));
      box.append(thread);
    }
    return box;
  }

  function feedFor() {
    const feed = el('div');
    if (view === 'channel' || view === 'dm') {
      const items = view === 'channel' ? state.channel.items : state.dm.items;
      if (!items.length) {
        const hint =
          view === 'channel'
            ? 'No escalations yet. Send a sample from the panel on the right →'
            : 'No direct messages from handoff yet.';
        feed.append(el('p', 'empty', hint));
      }
      for (const item of items) feed.append(message(item));
    } else if (view === 'home') {
      if (!state.home) feed.append(el('p', 'empty', 'Opening the Home tab… (handoff publishes it from a job)'));
      else {
        const home = el('div', 'home');
        home.append(render(state.home.blocks, '', context('home')));
        feed.append(home);
      }
    } else {
      if (!state.modals.length) feed.append(el('p', 'empty', 'handoff has not opened a modal.'));
      for (const m of state.modals) {
        const box = el('div', 'modal');
        box.append(el('div', 'modal-title', escapeHtml(m.title?.text ?? 'Modal')));
        box.append(render(m.blocks, '', context('modal')));
        feed.append(box);
      }
    }
    return feed;
  }

  function draw(force = false) {
    if (!state) return;
    const key = JSON.stringify([view, state.channel, state.dm, state.home, state.modals.length]);
    // Don't redraw under an open picker; the next poll will.
    const busy = document.querySelector('#feed details[open]') || document.activeElement?.closest?.('#feed select');
    if (!force && (key === shown || busy)) return;
    shown = key;
    const feedBox = $('feed');
    const atBottom = feedBox.scrollHeight - feedBox.scrollTop - feedBox.clientHeight < 40;
    feedBox.replaceChildren(feedFor());
    if (atBottom || force) feedBox.scrollTop = feedBox.scrollHeight;
    $('modal-count').textContent = state.modals.length ? `(${state.modals.length})` : '';
    $('title').textContent = { channel: '# escalations', dm: '💬 handoff', home: '🏠 handoff — Home', modals: '🪟 Modals' }[view];
  }

  async function poll() {
    try {
      state = await api(`state?user=${encodeURIComponent(userId)}`);
      userId = state.user; // the first person, until the page picks one
      if (!$('user').options.length) setupUsers();
      if (!$('samples').children.length) setupSamples();
      draw();
    } catch (err) {
      $('sample-result').textContent = `Lost the sandbox: ${err.message}`;
    }
  }

  async function act(fn) {
    try {
      await fn();
    } catch (err) {
      $('sample-result').textContent = `Error: ${err.message}`;
    }
    setTimeout(poll, 150);
  }

  function setupUsers() {
    const s = $('user');
    for (const u of state.users) s.append(new Option(u.name, u.id, false, u.id === userId));
    s.addEventListener('change', () => {
      userId = s.value;
      if (view === 'home') act(() => api('home', { user: userId }));
      poll();
    });
  }

  function setupSamples() {
    const box = $('samples');
    for (const [platform, events] of Object.entries(state.samples)) {
      const row = el('div', 'sample');
      row.dataset.platform = platform;
      const pick = el('select');
      pick.dataset.testid = `sample-event-${platform}`;
      for (const e of events) pick.append(new Option(e, e));
      const send = el('button', 'btn primary', 'Send');
      send.type = 'button';
      send.dataset.testid = `sample-send-${platform}`;
      send.addEventListener('click', () =>
        act(async () => {
          const r = await api('sample', { platform, event: pick.value });
          $('sample-result').textContent = `${platform} ${pick.value}: HTTP ${r.status} ${r.body}`;
        }),
      );
      row.append(el('div', 'sample-name', platform), pick, send);
      box.append(row);
    }
  }

  for (const b of document.querySelectorAll('.nav')) {
    b.addEventListener('click', () => {
      for (const n of document.querySelectorAll('.nav')) n.classList.toggle('active', n === b);
      view = b.dataset.view;
      $('composer').hidden = view !== 'channel';
      if (view === 'home') act(() => api('home', { user: userId }));
      draw(true);
    });
  }

  $('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const line = $('command').value.trim();
    const m = /^(\/order|\/escalations)(?:\s+(.*))?$/.exec(line);
    if (!m) {
      $('sample-result').textContent = 'The sandbox knows /order and /escalations.';
      return;
    }
    $('command').value = '';
    act(() => api('command', { user: userId, command: m[1], text: m[2] ?? '' }));
  });

  poll();
  setInterval(poll, 1000);
})();
