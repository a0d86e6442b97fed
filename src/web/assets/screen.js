// The demo screen's behaviour: render replies with DOM text (never HTML), send taps and typed
// questions as turns, keep the session the service returns. The token stays in memory only.

(() => {
  const byId = (id) => document.getElementById(id);
  const config = JSON.parse(byId('screen-config').textContent);
  const { token, strings } = config;
  const base = `/v1/screens/${encodeURIComponent(config.deviceId)}`;
  const main = byId('reply');
  const text = byId('reply-text');
  const card = byId('card');
  const items = byId('card-items');
  const actions = byId('card-actions');
  const suggestions = byId('suggestions');
  const suggestionList = byId('suggestion-list');
  const question = byId('question');
  const status = byId('status');
  let session;
  let busy = false;

  const element = (tag, className, content) => {
    const node = document.createElement(tag);
    node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  };

  const button = (className, label, onClick) => {
    const node = element('button', className, label);
    node.type = 'button';
    node.addEventListener('click', () => onClick(node));
    return node;
  };

  const render = (reply) => {
    text.textContent = reply.text;
    card.hidden = !reply.card;
    items.replaceChildren();
    actions.replaceChildren();
    if (reply.card) {
      byId('card-title').textContent = reply.card.title;
      for (const item of reply.card.items) {
        const li = element('li', 'item');
        li.append(element('span', 'item-title', item.title));
        if (item.subtitle) li.append(element('span', 'item-subtitle', item.subtitle));
        if (item.badges?.length) {
          const badges = element('span', 'badges');
          for (const badge of item.badges) badges.append(element('span', 'badge', badge));
          li.append(badges);
        }
        items.append(li);
      }
      for (const action of reply.card.actions) {
        const turn = action.slots
          ? { intent: action.intent, slots: action.slots }
          : { intent: action.intent };
        actions.append(button('action', action.label, (origin) => send(turn, origin)));
      }
    }
    actions.hidden = actions.childElementCount === 0;
    suggestionList.replaceChildren(
      ...reply.suggestions.map((suggestion) =>
        button('chip', suggestion, (origin) => send({ text: suggestion }, origin)),
      ),
    );
    suggestions.hidden = reply.suggestions.length === 0;
    session = reply.endSession ? undefined : reply.session;
    main.scrollTop = 0;
  };

  const call = async (path, body) => {
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    const response = await fetch(base + path, {
      method: body ? 'POST' : 'GET',
      headers,
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
      credentials: 'omit',
    });
    if (response.status === 401) throw new Error('expired');
    if (!response.ok) throw new Error('failed');
    return response.json();
  };

  const run = async (request, origin) => {
    if (busy) return false;
    busy = true;
    main.setAttribute('aria-busy', 'true');
    status.textContent = '';
    try {
      render(await request());
      // A tapped button leaves with the old reply: keep keyboard users on the new one, not the page top.
      if (origin && !origin.isConnected) text.focus();
      return true;
    } catch (error) {
      status.textContent = error.message === 'expired' ? strings.expired : strings.failed;
      return false;
    } finally {
      busy = false;
      main.setAttribute('aria-busy', 'false');
    }
  };

  const send = (input, origin) => run(() => call('/turns', session ? { ...input, session } : input), origin);

  byId('ask').addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = question.value.trim();
    if (!value) return;
    if (await send({ text: value })) question.value = '';
  });
  byId('home').addEventListener('click', (event) => run(() => call('/home'), event.currentTarget));
  render(config.reply);
})();
