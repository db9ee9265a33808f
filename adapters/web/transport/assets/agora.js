// Live updates for Agora's pages. Pages work without this file: it only refreshes parts of a page when the
// server's event stream says they changed, and never while someone is typing in them.
(() => {
  const source = document.body?.dataset.events;
  if (!source || !('EventSource' in window)) return;

  const pending = new Map();

  function isEditing(element) {
    if (element.contains(document.activeElement) && document.activeElement !== document.body) return true;
    for (const field of element.querySelectorAll('textarea, input[type="text"], input:not([type])')) {
      if (field.value !== field.defaultValue) return true;
    }
    for (const details of element.querySelectorAll('details[open]')) {
      if (details.querySelector('form')) return true;
    }
    return false;
  }

  function refresh(element) {
    if (!element.id || !window.htmx) return;
    if (isEditing(element)) {
      element.dataset.stale = 'true';
      return;
    }
    const url = element.dataset.liveSrc || window.location.pathname + window.location.search;
    window.htmx.ajax('GET', url, { target: `#${element.id}`, select: `#${element.id}`, swap: 'outerHTML' });
  }

  function schedule(element) {
    clearTimeout(pending.get(element.id));
    pending.set(
      element.id,
      setTimeout(() => {
        pending.delete(element.id);
        const current = document.getElementById(element.id);
        if (current) refresh(current);
      }, 150),
    );
  }

  function topicsOf(activity) {
    const topics = [];
    if (activity.questionId) topics.push(`question:${activity.questionId}`);
    if (activity.kind === 'notice') topics.push('notices');
    if (activity.kind === 'message' && activity.channel) topics.push(`channel:${activity.channel}`);
    if (activity.kind === 'question' && activity.channel) topics.push(`channel-new:${activity.channel}`);
    return topics;
  }

  function live(topic) {
    return [...document.querySelectorAll('[data-live]')].filter((el) => el.dataset.live.split(' ').includes(topic));
  }

  const events = new EventSource(source);
  // Marks the page as live (tests and styles can tell); the stream reconnects by itself if it drops.
  events.addEventListener('ready', () => {
    document.documentElement.dataset.live = 'connected';
  });
  events.addEventListener('error', () => {
    document.documentElement.dataset.live = 'reconnecting';
  });
  events.addEventListener('activity', (event) => {
    let activity;
    try {
      activity = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const topic of topicsOf(activity)) {
      if (topic.startsWith('channel-new:')) {
        // A question posted in a channel: refresh the card if shown, or the channel's timeline when it is new.
        if (activity.questionId && live(`question:${activity.questionId}`).length) continue;
        for (const element of live(`channel:${topic.slice(12)}`)) schedule(element);
        continue;
      }
      for (const element of live(topic)) schedule(element);
    }
  });

  // A refresh asked for before someone started typing may arrive after: it is dropped rather than wipe what they
  // typed, and the part catches up later as above. (Refreshes are the only GETs; forms post.)
  document.body.addEventListener('htmx:beforeSwap', (event) => {
    const target = event.detail.target;
    if (event.detail.requestConfig?.verb !== 'get' || !target?.matches?.('[data-live]')) return;
    if (isEditing(target)) {
      event.detail.shouldSwap = false;
      target.dataset.stale = 'true';
    }
  });

  // Parts skipped while someone was typing catch up once focus leaves them.
  document.addEventListener('focusout', () => {
    setTimeout(() => {
      for (const element of document.querySelectorAll('[data-stale="true"]')) {
        if (!isEditing(element)) {
          delete element.dataset.stale;
          schedule(element);
        }
      }
    }, 300);
  });
})();
