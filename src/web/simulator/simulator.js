// The simulator page's script (simulator.html): residents, their chats, and the bot's
// answers as server-sent events from /simulator/api/events.
"use strict";
// Everything the bot or a resident wrote is untrusted: it is only ever set with textContent.
// Profile language code → what the page shows, from /simulator/api/languages ([[languages]]).
const LANGS = {};
const $ = (id) => document.getElementById(id);
const state = {
  users: [],
  current: localStorage.getItem("simulator.user"),
  unread: {},
  lastBot: null,      // last bot message object in the open chat, if the chat ends with one
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  let data = null;
  try { data = await response.json(); } catch (_) { /* empty body */ }
  if (!response.ok) throw new Error((data && data.error) || ("HTTP " + response.status));
  return data;
}

// ---- residents ----
async function loadUsers() {
  state.users = await api("GET", "/simulator/api/users");
  if (!state.users.some((u) => u.userId === state.current)) {
    state.current = state.users.length ? state.users[state.users.length - 1].userId : null;
  }
  renderUsers();
}

function currentUser() {
  return state.users.find((u) => u.userId === state.current) || null;
}

function renderUsers() {
  const list = $("residents");
  list.replaceChildren();
  if (!state.users.length) {
    list.append(el("li", "empty-list", "Add a resident to start chatting."));
  }
  for (const user of state.users) {
    const button = el("button");
    button.type = "button";
    button.setAttribute("aria-current", String(user.userId === state.current));
    button.append(el("span", "avatar", initial(user.displayName)));
    const who = el("span", "who");
    who.append(el("span", "name", user.displayName));
    who.append(el("span", "lang", user.language ? LANGS[user.language] || user.language : "no language"));
    button.append(who);
    const unread = state.unread[user.userId] || 0;
    if (unread) button.append(el("span", "badge", String(unread)));
    button.addEventListener("click", () => select(user.userId));
    const li = el("li");
    li.append(button);
    list.append(li);
  }
  const user = currentUser();
  $("chat-title").textContent = user ? user.displayName : "No resident yet";
  $("chat-sub").textContent = user ? (user.language ? LANGS[user.language] || user.language : "no profile language") : "";
  $("text").disabled = $("send-btn").disabled = $("attach-btn").disabled = !user;
}

function initial(name) {
  return Array.from(name.trim())[0] || "?";
}

async function select(userId) {
  state.current = userId;
  localStorage.setItem("simulator.user", userId);
  delete state.unread[userId];
  $("app").classList.remove("menu-open");
  renderUsers();
  await loadHistory();
  await loadRichMenu();
}

$("add-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = $("add-name").value.trim();
  if (!name) return;
  $("add-btn").disabled = true;
  try {
    const language = $("add-lang").value || null;
    const added = await api("POST", "/simulator/api/users", { displayName: name, language });
    $("add-name").value = "";
    await loadUsers();
    await select(added.userId);
    webhookNotice(added.webhook, "follow");
  } catch (error) {
    notice("Could not add: " + error.message);
  } finally {
    $("add-btn").disabled = false;
  }
});

// ---- chat log ----
async function loadHistory() {
  const log = $("log");
  log.replaceChildren();
  state.lastBot = null;
  if (!state.current) {
    const hello = el("div", "welcome", "Add a resident on the left (☰ on a phone). They follow the bot, and the bot sees a signed follow webhook.");
    log.append(hello);
    renderChips();
    return;
  }
  const userId = state.current;
  const history = await api("GET", "/simulator/api/history?userId=" + encodeURIComponent(userId));
  if (userId !== state.current) return;
  log.replaceChildren();
  for (const item of history.items) {
    if (item.from === "user") addMine(item.kind, item.text);
    else addBot(item.messages, item.via);
  }
  renderChips();
}

function scrollDown() {
  const log = $("log");
  log.scrollTop = log.scrollHeight;
}

function addMine(kind, text) {
  const row = el("div", "row mine");
  let label = text;
  if (kind === "sticker") label = "[sticker]";
  else if (kind === "image") label = "[photo]";
  else if (kind === "location") label = "[location]";
  const bubble = el("div", "bubble" + (kind === "text" || kind === "postback" ? "" : " placeholder"), label);
  row.append(bubble);
  $("log").append(row);
  state.lastBot = null;
  scrollDown();
}

function addBot(messages, via) {
  for (const message of messages) {
    const row = el("div", "row");
    row.append(el("span", "avatar", "市"));
    const described = describe(message);
    const bubble = el("div", "bubble" + (described.placeholder ? " placeholder" : ""), described.text);
    const actions = templateActions(message);
    if (actions.length) {
      const box = el("div", "tmpl-actions");
      for (const action of actions) box.append(actionButton(action, "button"));
      bubble.append(box);
    }
    row.append(bubble);
    if (via === "push") row.append(el("span", "meta", "push"));
    $("log").append(row);
    state.lastBot = message;
  }
  scrollDown();
}

// What to show for a bot message: its text, or a placeholder for other types.
function describe(message) {
  switch (message && message.type) {
    case "text":
    case "textV2":
      return { text: String(message.text ?? "") };
    case "template": {
      const t = message.template || {};
      const shown = [t.title, t.text].filter(Boolean).map(String).join("\n");
      return shown ? { text: shown } : { text: "[template] " + String(message.altText ?? ""), placeholder: true };
    }
    case "flex":
    case "imagemap":
      return { text: "[" + message.type + "] " + String(message.altText ?? ""), placeholder: true };
    case "location":
      return { text: "[location] " + [message.title, message.address].filter(Boolean).join(" "), placeholder: true };
    default:
      return { text: "[" + String(message && message.type) + " message]", placeholder: true };
  }
}

function templateActions(message) {
  if (!message || message.type !== "template" || !message.template) return [];
  const t = message.template;
  return Array.isArray(t.actions) ? t.actions : [];
}

function notice(text) {
  $("log").append(el("div", "notice", text));
  scrollDown();
}

function webhookNotice(webhook, what) {
  if (!webhook) return;
  if (webhook.error) notice("Webhook (" + what + ") failed: " + webhook.error);
  else if (webhook.status !== 200) notice("Webhook (" + what + ") answered " + webhook.status);
}

// ---- quick replies: shown under the last bot message, gone once the resident sends anything ----
function renderChips() {
  const chips = $("chips");
  chips.replaceChildren();
  const items = state.lastBot && state.lastBot.quickReply && state.lastBot.quickReply.items;
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (item && item.action) chips.append(actionButton(item.action, "chip"));
  }
}

function actionButton(action, className) {
  const button = el("button", className, String(action.label ?? action.text ?? action.type));
  button.type = "button";
  const run = actionHandler(action);
  if (run) button.addEventListener("click", run);
  else {
    button.disabled = true;
    button.title = "This action type (" + action.type + ") is not simulated";
  }
  return button;
}

function actionHandler(action) {
  switch (action.type) {
    case "message":
      return () => send({ text: String(action.text ?? "") }, "text", String(action.text ?? ""));
    case "postback": {
      const display = action.displayText ? String(action.displayText) : null;
      return () => send({ postback: String(action.data ?? ""), displayText: display }, display ? "postback" : null, display);
    }
    case "location":
      return () => send({ attachment: "location" }, "location", "");
    case "camera":
    case "cameraRoll":
      return () => send({ attachment: "image" }, "image", "");
    case "uri":
      return /^https?:\/\//i.test(String(action.uri)) ? () => window.open(String(action.uri), "_blank", "noopener") : null;
    case "clipboard":
      return () => navigator.clipboard && navigator.clipboard.writeText(String(action.clipboardText ?? ""));
    default:
      return null;
  }
}

// ---- the rich menu under the chat: the resident's own, else the default (as LINE shows it) ----
async function loadRichMenu() {
  const box = $("richmenu");
  const userId = state.current;
  const menu = userId ? await api("GET", "/simulator/api/richmenu?userId=" + encodeURIComponent(userId)) : null;
  if (userId !== state.current) return;
  if (!menu) { box.hidden = true; box.dataset.menu = ""; return; }
  box.hidden = false;
  if (box.dataset.menu === menu.richMenuId) return;
  box.dataset.menu = menu.richMenuId;
  $("richmenu-bar").textContent = String(menu.chatBarText) + " ▾";
  $("richmenu-image").src = menu.imageUrl;
  const areas = $("richmenu-areas");
  areas.replaceChildren();
  const width = Number(menu.size.width), height = Number(menu.size.height);
  for (const area of menu.areas) {
    // Each area is a button over its part of the image; a tap does what LINE does.
    const button = actionButton(area.action, "richmenu-area");
    const b = area.bounds;
    button.style.left = (100 * b.x / width) + "%";
    button.style.top = (100 * b.y / height) + "%";
    button.style.width = (100 * b.width / width) + "%";
    button.style.height = (100 * b.height / height) + "%";
    button.setAttribute("aria-label", String(area.action.label ?? ""));
    areas.append(button);
  }
}

$("richmenu-bar").addEventListener("click", () => {
  const panel = $("richmenu-panel");
  panel.hidden = !panel.hidden;
  $("richmenu-bar").setAttribute("aria-expanded", String(!panel.hidden));
});

// ---- sending ----
async function send(body, shownKind, shownText) {
  if (!state.current) return;
  if (shownKind) addMine(shownKind, shownText);
  state.lastBot = null;
  renderChips();
  try {
    const result = await api("POST", "/simulator/api/send", Object.assign({ userId: state.current }, body));
    webhookNotice(result, "message");
  } catch (error) {
    notice("Not sent: " + error.message);
  }
}

$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("text").value;
  if (!text.trim()) return;
  $("text").value = "";
  send({ text }, "text", text);
});

$("attach-btn").addEventListener("click", () => { $("attach-menu").hidden = !$("attach-menu").hidden; });
for (const button of document.querySelectorAll("[data-attach]")) {
  button.addEventListener("click", () => {
    $("attach-menu").hidden = true;
    const kind = button.dataset.attach;
    send({ attachment: kind }, kind, "");
  });
}
$("menu-btn").addEventListener("click", () => $("app").classList.toggle("menu-open"));
$("log").addEventListener("click", () => $("app").classList.remove("menu-open"));

// ---- the bot's messages, live ----
function connect() {
  const source = new EventSource("/simulator/api/events");
  let dropped = false;
  source.addEventListener("open", () => {
    $("conn").textContent = "";
    if (dropped) { dropped = false; loadUsers().then(loadHistory).catch(() => {}); }
  });
  source.addEventListener("error", () => {
    dropped = true;
    $("conn").textContent = "reconnecting…";
  });
  source.addEventListener("delivered", (event) => {
    const delivery = JSON.parse(event.data);
    if (delivery.chatId === state.current) {
      addBot(delivery.messages, delivery.via);
      renderChips();
      // A language chosen links another menu, a moment after the answer.
      setTimeout(() => loadRichMenu().catch(() => {}), 500);
    } else {
      state.unread[delivery.chatId] = (state.unread[delivery.chatId] || 0) + 1;
      if (state.users.some((u) => u.userId === delivery.chatId)) renderUsers();
      else loadUsers().catch(() => {});
    }
  });
  source.addEventListener("resync", () => { loadHistory().catch(() => {}); });
}

// The profile languages the service is configured for, before the "none" choice.
async function loadLanguages() {
  const none = $("add-lang").lastElementChild;
  for (const lang of await api("GET", "/simulator/api/languages")) {
    LANGS[lang.code] = lang.label;
    const option = el("option", null, lang.label);
    option.value = lang.code;
    none.before(option);
  }
  $("add-lang").selectedIndex = 0;  // the first configured language, as before "none"
}

loadLanguages()
  .then(loadUsers)
  .then(loadHistory)
  .then(loadRichMenu)
  .catch((error) => notice("Could not load: " + error.message))
  .finally(connect);
