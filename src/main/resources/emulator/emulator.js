// The feishu-bot emulator page: plain JavaScript, no build step. The server does the real work
// (sealing deliveries, capturing replies); this file only asks it to act and draws what it says.
// Everything the bot sent is drawn with DOM calls and text nodes, never innerHTML, so a message
// cannot inject markup.
'use strict';

(() => {
  const API = '/dev/emulator/api';
  const $ = (id) => document.getElementById(id);
  const view = { chat: 'group' };
  let state = null;

  // --- talking to the server -------------------------------------------------------------------

  async function call(method, path, body) {
    const response = await fetch(API + path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(answer.error || 'HTTP ' + response.status);
    }
    return answer;
  }

  // Long poll: the server answers as soon as anything changed after the revision we have.
  async function poll() {
    let since = -1;
    for (;;) {
      try {
        const response = await fetch(`${API}/state?since=${since}`, { cache: 'no-store' });
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        state = await response.json();
        since = state.revision;
        $('connection').hidden = true;
        render();
      } catch (e) {
        $('connection').hidden = false;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  function act(promise) {
    return promise.catch((e) => toast({ type: 'error', content: e.message }));
  }

  // --- small DOM helpers -----------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function time(millis) {
    return new Date(millis).toLocaleTimeString([], { hour12: false });
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url, location.href);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function nameOf(openId) {
    if (!state) return openId;
    if (openId === state.bot.openId) return state.bot.name;
    if (openId === 'all') return 'all';
    const user = state.users.find((u) => u.openId === openId);
    return user ? user.name : openId;
  }

  function senderName(from) {
    if (from === 'bot') return state.bot.name;
    const user = state.users.find((u) => u.key === from);
    return user ? user.name : from;
  }

  // --- text, markdown, posts -------------------------------------------------------------------

  // Feishu's mention tags: <at user_id="ou_…">Name</at> in text, <at id=ou_…></at> in cards.
  const AT = /<at\s+(?:user_id|id)\s*=\s*["']?([^"'\s>]+)["']?\s*>([^<]*)<\/at>/g;
  const INLINE = new RegExp(
    [
      AT.source,
      '\\*\\*([^*]+)\\*\\*',
      '~~([^~]+)~~',
      '\\*([^*\\s][^*]*)\\*',
      '`([^`]+)`',
      '\\[([^\\]]+)\\]\\(([^)\\s]+)\\)',
    ].join('|'),
    'g'
  );

  function mention(id, label) {
    return el('span', 'at', '@' + (label && label.trim() ? label.trim() : nameOf(id)));
  }

  // Plain text with mentions only: Feishu text messages have no markdown.
  function appendText(parent, text) {
    let last = 0;
    for (const match of text.matchAll(AT)) {
      parent.append(text.slice(last, match.index), mention(match[1], match[2]));
      last = match.index + match[0].length;
    }
    parent.append(text.slice(last));
  }

  function appendInline(parent, line) {
    let last = 0;
    for (const m of line.matchAll(INLINE)) {
      parent.append(line.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[1] !== undefined) parent.append(mention(m[1], m[2]));
      else if (m[3] !== undefined) parent.append(el('strong', null, m[3]));
      else if (m[4] !== undefined) parent.append(el('del', null, m[4]));
      else if (m[5] !== undefined) parent.append(el('em', null, m[5]));
      else if (m[6] !== undefined) parent.append(el('code', null, m[6]));
      else parent.append(link(m[7], m[8]));
    }
    parent.append(line.slice(last));
  }

  function link(text, url) {
    const href = safeUrl(url);
    if (!href) return document.createTextNode(text);
    const a = el('a', null, text);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  // Enough of Feishu's card markdown to read a card: bold, italics, strike, code, links,
  // mentions, bullet lists and line breaks. Other tags (font colours, …) show as their text.
  function markdown(source) {
    const block = el('div', 'md');
    let list = null;
    for (const raw of String(source).split('\n')) {
      const bullet = /^\s*[-*]\s+(.*)$/.exec(raw);
      if (bullet) {
        if (!list) block.append((list = el('ul')));
        const item = el('li');
        appendInline(item, bullet[1]);
        list.append(item);
        continue;
      }
      list = null;
      const line = el('div', 'line');
      appendInline(line, raw.replace(/<\/?font[^>]*>/g, ''));
      if (!raw.trim()) line.append('\u00a0');
      block.append(line);
    }
    return block;
  }

  function renderPost(content) {
    const doc = content.post || content;
    const body = doc.en_us || doc.zh_cn || Object.values(doc)[0] || {};
    const post = el('div', 'post');
    if (body.title) post.append(el('div', 'post-title', body.title));
    for (const paragraph of body.content || []) {
      const line = el('div', 'line');
      for (const part of paragraph) {
        if (part.tag === 'text') line.append(part.text || '');
        else if (part.tag === 'a') line.append(link(part.text || part.href, part.href));
        else if (part.tag === 'at') line.append(mention(part.user_id, part.user_name));
        else if (part.tag === 'md') line.append(markdown(part.text || ''));
        else if (part.tag === 'code_block') line.append(el('pre', null, part.text || ''));
        else line.append(el('span', 'unsupported', `[${part.tag}]`));
      }
      post.append(line);
    }
    return post;
  }

  // --- cards -----------------------------------------------------------------------------------

  function plain(text) {
    if (!text) return '';
    return typeof text === 'string' ? text : text.content || '';
  }

  function renderCard(card, message) {
    const box = el('div', 'card');
    if (card.type === 'template') {
      const data = card.data || {};
      box.classList.add('template');
      box.append(el('div', 'card-header color-grey', `Template card ${data.template_id || ''}`));
      const vars = el('pre', 'card-body', JSON.stringify(data.template_variable || {}, null, 2));
      box.append(vars);
      return box;
    }
    const header = card.header;
    const color = (header && header.template) || 'default';
    box.dataset.headerColor = color;
    if (header) {
      const head = el('div', 'card-header color-' + color);
      head.append(el('div', 'card-title', plain(header.title)));
      if (header.subtitle) head.append(el('div', 'card-subtitle', plain(header.subtitle)));
      box.append(head);
    }
    const elements =
      card.schema === '2.0'
        ? (card.body && card.body.elements) || []
        : card.elements || (card.i18n_elements && Object.values(card.i18n_elements)[0]) || [];
    const body = el('div', 'card-body');
    renderElements(body, elements, message);
    box.append(body);
    return box;
  }

  function renderElements(parent, elements, message) {
    for (const element of elements || []) parent.append(renderElement(element, message));
  }

  function renderElement(e, message) {
    switch (e.tag) {
      case 'markdown':
      case 'lark_md':
        return markdown(e.content || '');
      case 'plain_text':
        return el('div', 'line', e.content || '');
      case 'div': {
        const div = el('div', 'card-div');
        if (e.text) div.append(e.text.tag === 'lark_md' ? markdown(e.text.content) : el('div', 'line', plain(e.text)));
        if (e.fields) {
          const fields = el('div', 'columns');
          for (const f of e.fields) {
            const col = el('div', 'column');
            col.append(f.text && f.text.tag === 'lark_md' ? markdown(f.text.content) : el('div', null, plain(f.text)));
            fields.append(col);
          }
          div.append(fields);
        }
        return div;
      }
      case 'hr':
        return el('hr');
      case 'note': {
        const note = el('div', 'card-note');
        renderElements(note, e.elements, message);
        return note;
      }
      case 'column_set': {
        const row = el('div', 'columns');
        for (const column of e.columns || []) {
          const col = el('div', 'column' + (column.width === 'auto' ? ' auto' : ''));
          renderElements(col, column.elements, message);
          row.append(col);
        }
        return row;
      }
      case 'action': {
        const row = el('div', 'columns');
        for (const action of e.actions || []) row.append(renderElement(action, message));
        return row;
      }
      case 'button':
        return renderButton(e, message);
      case 'img':
      case 'image':
        return el('div', 'unsupported', '[image]');
      default:
        return el('div', 'unsupported', `[${e.tag} component]`);
    }
  }

  function renderButton(e, message) {
    const behaviors = e.behaviors || [];
    const callback = behaviors.find((b) => b.type === 'callback');
    const open = behaviors.find((b) => b.type === 'open_url');
    const value = callback ? callback.value : e.value; // 1.0 buttons carry value directly
    const url = safeUrl((open && (open.default_url || open.pc_url)) || e.url || '');
    const button = el('button', 'card-button type-' + (e.type || 'default'), plain(e.text));
    button.type = 'button';
    button.dataset.testid = 'card-button';
    if (value && typeof value === 'object') {
      button.addEventListener('click', () => press(button, message, value, e.name, url));
    } else if (url) {
      button.title = url;
      button.addEventListener('click', () => window.open(url, '_blank', 'noopener,noreferrer'));
    } else {
      button.disabled = true;
    }
    return button;
  }

  function press(button, message, value, name, url) {
    button.disabled = true;
    const request = { user: $('user').value, messageId: message.id, value };
    if (name) request.name = name;
    act(
      call('POST', '/card-actions', request).then((answer) => {
        if (answer.toast) toast(answer.toast);
        else toast({ type: 'info', content: answer.note });
      })
    ).finally(() => {
      button.disabled = false;
      if (url) window.open(url, '_blank', 'noopener,noreferrer');
    });
  }

  // --- the chat --------------------------------------------------------------------------------

  function currentChat() {
    if (view.chat === 'group') return state.chats.find((c) => c.type === 'group');
    if (view.chat === 'p2p') return state.chats.find((c) => c.type === 'p2p' && c.user === $('user').value);
    return state.chats.find((c) => c.id === view.chat);
  }

  function renderTabs() {
    const tabs = $('chat-tabs');
    tabs.replaceChildren();
    const entries = [
      { key: 'group', label: state.chats.find((c) => c.type === 'group').name + ' (group)' },
      { key: 'p2p', label: 'Direct message' },
      ...state.chats.filter((c) => c.type === 'other').map((c) => ({ key: c.id, label: c.name })),
    ];
    for (const entry of entries) {
      const tab = el('button', 'tab', entry.label);
      tab.type = 'button';
      tab.dataset.testid = 'chat-' + (entry.key === 'group' || entry.key === 'p2p' ? entry.key : 'other');
      tab.setAttribute('aria-pressed', String(view.chat === entry.key));
      tab.addEventListener('click', () => {
        view.chat = entry.key;
        render();
        $('message-input').focus();
      });
      tabs.append(tab);
    }
  }

  function renderMessages() {
    const list = $('messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const chat = currentChat();
    const byId = new Map(state.messages.map((m) => [m.id, m]));
    list.replaceChildren();
    const shown = state.messages.filter((m) => m.chatId === chat.id);
    if (!shown.length) {
      list.append(el('li', 'empty', 'No messages yet. Try /help, or /ping.'));
    }
    for (const message of shown) list.append(renderMessage(message, byId));
    if (atBottom) list.scrollTop = list.scrollHeight;
    const canSend = chat.type !== 'other';
    $('message-input').disabled = !canSend;
    $('send').disabled = !canSend;
    $('mention').disabled = chat.type !== 'group';
    $('add-bot').disabled = chat.type !== 'group';
  }

  function renderMessage(message, byId) {
    const item = el('li', 'message ' + (message.from === 'bot' ? 'from-bot' : 'from-user'));
    item.dataset.testid = 'message';
    item.dataset.from = message.from === 'bot' ? 'bot' : 'user';
    item.dataset.messageId = message.id;
    item.dataset.msgType = message.msgType;
    item.dataset.version = message.version;
    const meta = el('div', 'meta');
    meta.append(el('span', 'sender', senderName(message.from)), el('span', 'time', time(message.createdAt)));
    if (message.version > 1) meta.append(el('span', 'edited', `updated ×${message.version - 1}`));
    item.append(meta);
    if (message.parentId) {
      item.classList.add('reply');
      const parent = byId.get(message.parentId);
      const quote = el('div', 'quote');
      quote.append('↪ ' + (parent ? `${senderName(parent.from)}: ${snippet(parent)}` : 'a message not shown here'));
      item.append(quote);
    }
    item.append(renderContent(message));
    return item;
  }

  function renderContent(message) {
    const content = message.content;
    if (message.msgType === 'text') {
      const text = el('div', 'text');
      appendText(text, (content && content.text) || '');
      return text;
    }
    if (message.msgType === 'post') return renderPost(content || {});
    if (message.msgType === 'interactive') return renderCard(content || {}, message);
    return el('div', 'unsupported', `[${message.msgType} message]`);
  }

  function snippet(message) {
    const c = message.content || {};
    let text = message.msgType === 'text' ? c.text || '' : message.msgType === 'interactive' ? plain(c.header && c.header.title) || 'card' : message.msgType;
    text = text.replace(AT, (all, id, label) => '@' + (label || nameOf(id)));
    return text.length > 50 ? text.slice(0, 49) + '…' : text;
  }

  // --- the side panels -------------------------------------------------------------------------

  function renderLog() {
    const log = $('event-log');
    log.replaceChildren();
    for (const d of [...state.deliveries].reverse()) {
      const item = el('li', 'delivery outcome-' + d.outcome.replace(/\s+/g, '-'));
      item.dataset.testid = 'delivery';
      item.dataset.deliveryId = d.id;
      item.dataset.outcome = d.outcome;
      item.dataset.status = d.status;
      item.dataset.eventType = d.eventType;
      item.dataset.kind = d.kind;
      const head = el('div', 'row');
      head.append(el('span', 'id', '#' + d.id), el('span', 'type', d.eventType));
      if (d.kind !== 'original') head.append(el('span', 'kind', d.kind));
      head.append(el('span', 'time', time(d.at)));
      const result = el('div', 'row result');
      const status = d.status ? `HTTP ${d.status}` : 'in flight';
      result.append(
        el('span', 'status', status),
        el('span', 'latency', d.status ? `${d.latencyMs} ms` : ''),
        el('strong', 'outcome', d.outcome + (d.reason ? ` (${d.reason.replace(/_/g, ' ')})` : ''))
      );
      const actions = el('div', 'row actions');
      const redeliver = el('button', null, 'Redeliver');
      redeliver.type = 'button';
      redeliver.dataset.testid = 'redeliver';
      redeliver.addEventListener('click', () => act(call('POST', `/deliveries/${d.id}/redeliver`, {})));
      const tamper = el('button', null, 'Tamper');
      tamper.type = 'button';
      tamper.dataset.testid = 'tamper';
      tamper.addEventListener('click', () => act(call('POST', `/deliveries/${d.id}/tamper`, {})));
      actions.append(redeliver, tamper, el('code', 'event-id', d.eventId));
      item.append(head, el('div', 'summary', d.summary), result, actions);
      if (d.answer) {
        const details = el('details', 'answer');
        details.append(el('summary', null, 'answer'), el('pre', null, d.answer));
        item.append(details);
      }
      log.append(item);
    }
    if (!state.deliveries.length) log.append(el('li', 'empty', 'Nothing delivered yet.'));
  }

  function renderCalls() {
    const list = $('api-calls');
    list.replaceChildren();
    for (const c of [...state.openApiCalls].reverse()) {
      const item = el('li', c.status >= 400 ? 'call failed' : 'call');
      item.dataset.testid = 'api-call';
      item.dataset.status = c.status;
      const head = el('div', 'row');
      // Shortened to fit: the prefix is always /open-apis, and message ids are long.
      const shown = c.path.replace(/^\/open-apis\//, '').replace(/(om_[0-9a-z]{6})[0-9a-z]+/g, '$1…');
      const pathNode = el('span', 'path', shown);
      pathNode.title = c.path;
      head.append(el('span', 'method', c.method), pathNode);
      const result = el('div', 'row result');
      result.append(el('span', 'status', `HTTP ${c.status} · code ${c.code}`));
      if (c.fault) result.append(el('strong', 'fault', 'fault: ' + c.fault));
      if (c.ms) result.append(el('span', 'latency', `held ${c.ms} ms`));
      result.append(el('span', 'time', time(c.at)));
      item.append(head, result);
      list.append(item);
    }
    if (!state.openApiCalls.length) list.append(el('li', 'empty', 'No calls yet.'));
    for (const button of document.querySelectorAll('[data-fault]')) {
      button.setAttribute('aria-pressed', String(button.dataset.fault === state.fault));
    }
  }

  function renderTopbar() {
    const replies = $('replies');
    const mode = state.replies.mode;
    replies.className = 'badge ' + mode;
    replies.textContent =
      mode === 'captured'
        ? 'Replies are captured by the fake Open API'
        : mode === 'dry-run'
        ? 'Dry run: replies are only logged (no app id and secret)'
        : `Replies go to ${state.replies.apiBaseUrl}, not here`;
  }

  function renderUsers() {
    const select = $('user');
    if (select.options.length) return;
    for (const user of state.users) {
      const option = el('option', null, user.name);
      option.value = user.key;
      select.append(option);
    }
  }

  function render() {
    if (!state) return;
    renderUsers();
    renderTopbar();
    if (!['group', 'p2p'].includes(view.chat) && !state.chats.some((c) => c.id === view.chat)) {
      view.chat = 'group'; // that chat is gone (cleared): back to the group
    }
    renderTabs();
    renderMessages();
    renderLog();
    renderCalls();
  }

  // --- toasts ----------------------------------------------------------------------------------

  function toast(t) {
    const node = el('div', 'toast type-' + (t.type || 'info'), t.content || '');
    node.dataset.testid = 'toast';
    node.dataset.type = t.type || 'info';
    $('toasts').append(node);
    setTimeout(() => node.remove(), 5000);
  }

  // --- wiring ----------------------------------------------------------------------------------

  function send(event) {
    event.preventDefault();
    const input = $('message-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    const chat = view.chat === 'p2p' ? 'p2p' : 'group';
    // Before the first state arrives the user list is empty: the server then speaks as Alice.
    const body = { user: $('user').value || undefined, chat, text };
    if (chat === 'group') body.mention = $('mention').checked;
    act(call('POST', '/messages', body));
    input.focus();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('composer').addEventListener('submit', send);
    $('user').addEventListener('change', () => {
      render();
      $('message-input').focus();
    });
    $('add-bot').addEventListener('click', () => act(call('POST', '/bot-added', { user: $('user').value })));
    $('reset').addEventListener('click', () => act(call('POST', '/reset', {})));
    for (const button of document.querySelectorAll('[data-fault]')) {
      button.addEventListener('click', () => act(call('PUT', '/faults', { next: button.dataset.fault })));
    }
    $('message-input').focus();
    poll();
  });
})();
