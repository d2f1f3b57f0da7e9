// Block Kit to DOM, the way Slack lays it out: section (text, fields, accessory), header, context,
// divider, actions, image, input and rich_text blocks; buttons, users/static/multi-static selects
// and overflow menus. Interactive elements call ctx.onAction({ key, blockId, actionId, selection }),
// which the page turns into a signed block_actions request, so the app decides what happens.
(() => {
  const { mrkdwn, escapeHtml, emoji } = window.sandboxText;

  const el = (tag, cls, html) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (html !== undefined) node.innerHTML = html;
    return node;
  };

  function textHtml(t, ctx) {
    if (!t) return '';
    if (t.type === 'mrkdwn') return mrkdwn(t.text, ctx.users);
    const plain = escapeHtml(t.text ?? '');
    return t.emoji === false ? plain : emoji(plain);
  }

  const plainOf = (t) => (t ? emoji(t.text ?? '') : '');
  const optionsOf = (e) => [...(e.options ?? []), ...(e.option_groups ?? []).flatMap((g) => g.options)];

  function button(e, ctx, fire) {
    const b = el('button', `btn ${e.style ?? ''}`, textHtml(e.text, ctx));
    b.type = 'button';
    b.dataset.actionId = e.action_id;
    b.addEventListener('click', () => {
      if (e.url) window.open(e.url, '_blank', 'noopener');
      fire({});
    });
    return b;
  }

  function select(e, fire, entries, initial, pick) {
    const s = el('select', 'picker');
    s.dataset.actionId = e.action_id;
    const placeholder = el('option', '', escapeHtml(plainOf(e.placeholder) || 'Select…'));
    placeholder.value = '';
    placeholder.disabled = true;
    s.append(placeholder);
    for (const [value, label] of entries) {
      const o = el('option', '', escapeHtml(label));
      o.value = value;
      s.append(o);
    }
    s.value = initial ?? '';
    s.addEventListener('change', () => s.value && fire(pick(s.value)));
    return s;
  }

  function multiSelect(e, fire) {
    const d = el('details', 'multi');
    d.dataset.actionId = e.action_id;
    const chosen = new Set((e.initial_options ?? []).map((o) => o.value));
    const summary = el('summary', '', escapeHtml(chosen.size ? [...chosen].join(', ') : plainOf(e.placeholder) || 'Select…'));
    const list = el('div', 'multi-list');
    for (const o of optionsOf(e)) {
      const row = el('label', 'multi-option');
      const box = el('input');
      box.type = 'checkbox';
      box.value = o.value;
      box.checked = chosen.has(o.value);
      row.append(box, document.createTextNode(` ${plainOf(o.text)}`));
      list.append(row);
    }
    const apply = el('button', 'btn primary', 'Apply');
    apply.type = 'button';
    apply.addEventListener('click', () => {
      d.open = false;
      fire({ values: [...list.querySelectorAll('input:checked')].map((b) => b.value) });
    });
    list.append(apply);
    d.append(summary, list);
    return d;
  }

  function element(e, blockId, ctx) {
    const fire = (selection) => ctx.onAction({ key: ctx.key, blockId, actionId: e.action_id, selection });
    switch (e.type) {
      case 'button':
        return button(e, ctx, fire);
      case 'users_select':
        return select(
          e,
          fire,
          ctx.userList.map((u) => [u.id, u.name]),
          e.initial_user,
          (user) => ({ user }),
        );
      case 'static_select':
        return select(
          e,
          fire,
          optionsOf(e).map((o) => [o.value, plainOf(o.text)]),
          e.initial_option?.value,
          (v) => ({ values: [v] }),
        );
      case 'overflow': {
        const s = select(
          e,
          fire,
          optionsOf(e).map((o) => [o.value, plainOf(o.text)]),
          '',
          (v) => ({ values: [v] }),
        );
        s.classList.add('overflow');
        s.firstChild.textContent = '⋯';
        return s;
      }
      case 'multi_static_select':
        return multiSelect(e, fire);
      case 'image':
        return imageOf(e);
      default:
        return el('span', 'unsupported', `[${escapeHtml(e.type)}]`);
    }
  }

  function imageOf(e) {
    const img = el('img', 'thumb');
    img.src = e.image_url ?? '';
    img.alt = e.alt_text ?? '';
    img.title = e.alt_text ?? '';
    return img;
  }

  function richText(b) {
    const walk = (n) => (n.text ?? '') + (n.elements ?? []).map(walk).join('') + (n.type === 'rich_text_section' ? '\n' : '');
    return escapeHtml(walk(b)).replace(/\n/g, '<br>');
  }

  function block(b, index, ctx) {
    const blockId = b.block_id ?? `auto-${index}`;
    switch (b.type) {
      case 'header':
        return el('div', 'b-header', textHtml(b.text, ctx));
      case 'divider':
        return el('hr', 'b-divider');
      case 'section': {
        const s = el('div', 'b-section');
        const body = el('div', 'b-section-body');
        if (b.text) body.append(el('div', 'b-text', textHtml(b.text, ctx)));
        if (b.fields?.length) {
          const grid = el('div', 'b-fields');
          for (const f of b.fields) grid.append(el('div', 'b-field', textHtml(f, ctx)));
          body.append(grid);
        }
        s.append(body);
        if (b.accessory) {
          const accessory = el('div', 'b-accessory');
          accessory.append(element(b.accessory, blockId, ctx));
          s.append(accessory);
        }
        return s;
      }
      case 'context': {
        const c = el('div', 'b-context');
        for (const e of b.elements ?? []) c.append(e.type === 'image' ? imageOf(e) : el('span', '', textHtml(e, ctx)));
        return c;
      }
      case 'actions': {
        const a = el('div', 'b-actions');
        a.dataset.blockId = blockId;
        for (const e of b.elements ?? []) a.append(element(e, blockId, ctx));
        return a;
      }
      case 'image': {
        const fig = el('figure', 'b-image');
        if (b.title) fig.append(el('figcaption', '', textHtml(b.title, ctx)));
        const img = imageOf(b);
        img.className = 'image';
        fig.append(img);
        return fig;
      }
      case 'input':
        return el(
          'div',
          'b-input',
          `<label>${textHtml(b.label, ctx)}</label><div class="input-box">${escapeHtml(plainOf(b.element?.placeholder))}</div>`,
        );
      case 'rich_text':
        return el('div', 'b-text', richText(b));
      default:
        return el('div', 'unsupported', `[${escapeHtml(b.type)} block]`);
    }
  }

  /** Blocks when there are any, else the message's text (what Slack shows for a text-only message). */
  function render(blocks, text, ctx) {
    const box = el('div', 'blocks');
    if (blocks?.length) {
      for (const [i, b] of blocks.entries()) box.append(block(b, i, ctx));
    } else box.append(el('div', 'b-text', mrkdwn(text ?? '', ctx.users)));
    return box;
  }

  window.sandboxBlocks = { render, el };
})();
