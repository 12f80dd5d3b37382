// The Hoiio sandbox console. Plain JavaScript, no build step, nothing from elsewhere.
// It polls one snapshot from the control API (GET /_sandbox/console) and acts through the
// control API with same-origin fetch and JSON bodies. Everything shown is put in the page as
// text (never as HTML), so a message body cannot inject markup.
"use strict";
(() => {
  const POLL_MS = 1000, HIDDEN_POLL_MS = 5000, RETRY_MS = 3000;
  const VIEWS = [
    ["overview", "Overview"], ["sms", "SMS"], ["calls", "Calls"], ["ivr", "IVR sessions"], ["fax", "Faxes"],
    ["numbers", "Numbers"], ["notifications", "Notifications"], ["account", "Balance & charges"], ["faults", "Faults"],
  ];
  const COUNT_OF = { sms: "sms", calls: "call", fax: "fax", ivr: "ivr", numbers: "numbers", notifications: "notifications", faults: "faults" };

  let snap = null;          // the last snapshot
  let version = null;       // its version (the server answers "unchanged" while it holds)
  let controlsFor = null;   // the route the controls were built for
  let ctrl = null;          // those controls: one node kept across updates (what you type survives)
  let timer = null;
  let keys = "";            // the keys typed on an IVR session's keypad, not sent yet

  // ---- small helpers ----

  const $ = (sel) => document.querySelector(sel);

  /** An element: h("td", {class: "num"}, "1.000", child, ...); strings become text nodes. */
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === "class") el.className = v;
      else if (k === "link") { el.setAttribute("href", v); el.dataset.link = ""; }
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid === undefined || kid === null || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }

  function route() {
    const parts = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const view = VIEWS.some(([v]) => v === parts[0]) ? parts[0] : "overview";
    return { view, id: parts.length > 1 ? parts.slice(1).join("/") : null };
  }

  function appId() { return new URLSearchParams(location.search).get("app_id"); }

  /** A link inside the console, keeping the chosen account. */
  function href(path) {
    const a = appId();
    return a ? `${path}?app_id=${encodeURIComponent(a)}` : path;
  }

  function go(path) {
    history.pushState(null, "", path);
    changed();
  }

  function toast(text, bad) {
    const t = $("#toast");
    t.textContent = text;
    t.className = "show" + (bad ? " bad" : "");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.className = ""; }, bad ? 6000 : 2500);
  }

  /** A control API call: JSON in, JSON out; throws an Error carrying the API's message. */
  async function control(method, path, body) {
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (method !== "GET") {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body || {});
    }
    const res = await fetch("/_sandbox/" + path, init);
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) throw new Error((data && data.error) || `HTTP ${res.status}`);
    return data;
  }

  /** Run an action, say how it went, and refresh at once. */
  async function act(what, method, path, body) {
    try {
      const result = await control(method, path, body);
      toast(what);
      await poll(true);
      return result;
    } catch (e) {
      toast(`${what}: ${e.message}`, true);
      return null;
    }
  }

  function withAccount(body) {
    const a = appId() || (snap && snap.account.app_id);
    return a ? { app_id: a, ...body } : body;
  }

  const SGT = 8 * 3600;
  function clockText(epoch) { return new Date((epoch + SGT) * 1000).toISOString().slice(11, 19); }

  function badge(status) {
    if (status === undefined || status === null || status === "") return null;
    const s = String(status);
    const cls = /^(delivered|answered|received|success|ended_ok|done|enabled)$/.test(s) ? "good"
      : /fail|error|busy|unanswered|refused|not_delivered|rejected|disabled/.test(s) ? "bad"
      : /queued|ongoing|ringing|running|dialing|transferring|on_hold|pending|sending/.test(s) ? "warn" : "info";
    return h("span", { class: "badge " + cls }, s);
  }

  function dir(d) {
    return d === "incoming" ? h("span", { class: "dir in", title: "received" }, "↓ in") : h("span", { class: "dir out", title: "sent" }, "↑ out");
  }

  const LABELS = {
    src: "from", dest: "to", split_count: "parts", is_unicode: "unicode", debit: "cost", fax_pages: "pages", fax_status: "status",
    fax_error_code: "error", notify_url: "notify_url", dest1: "leg 1", dest2: "leg 2", forward_to: "calls go to", forward_sms_to: "SMS go to",
    auto_extend_status: "auto-extend", capabilities: "can", duration: "duration (min)",
  };
  function fields(obj, keys) {
    const dl = h("dl", { class: "fields" });
    for (const k of keys || Object.keys(obj)) {
      const v = obj[k];
      if (v === undefined || v === null || v === "" || (typeof v === "object" && !Array.isArray(v))) continue;
      dl.append(h("dt", null, LABELS[k] || k), h("dd", null, Array.isArray(v) ? v.join(", ") : typeof v === "boolean" ? String(v) : v));
    }
    return dl;
  }

  const SKIP = Symbol("no cell");
  function table(headers, rows, opts) {
    opts = opts || {};
    if (!rows.length) return h("div", { class: "empty" }, opts.empty || "Nothing yet.");
    const head = h("tr", null, headers.map((x) => h("th", { class: /^(Cost|Debit|Parts|Pages|Duration|Rate|#|HTTP|Took)$/.test(x) ? "num" : null }, x)));
    const body = rows.map((r) => {
      const tr = h("tr", { class: "row" + (r.on ? " on" : ""), "data-id": r.id }, r.cells.filter((c) => c !== SKIP).map((c) => (c instanceof Node && c.tagName === "TD" ? c : h("td", null, c))));
      if (r.link) tr.addEventListener("click", (ev) => { if (!ev.target.closest("a,button")) go(href(r.link)); });
      return tr;
    });
    return h("div", { class: "scroll" }, h("table", { class: opts.class }, h("thead", null, head), h("tbody", null, body)));
  }
  const when = (d) => h("td", { class: "date", title: d || "" }, d ? d.slice(5, 16) : "");
  const num = (v) => h("td", { class: "num" }, v === undefined || v === null ? "" : v);
  const msgCell = (v) => h("td", { class: "msg", title: v || "" }, v || "");
  const link = (path, text) => h("a", { link: href(path) }, text);

  function more(count, shown) {
    return count > shown ? h("p", { class: "muted small" }, `Showing the latest ${shown} of ${count}.`) : null;
  }

  // ---- the views: each gives its data part (rebuilt on every new snapshot) ----

  function overview() {
    const s = snap.sandbox, a = snap.account;
    const env = `export HOIIO_BASE_URL=${s.base_url}\nexport HOIIO_APP_ID=${a.app_id}\nexport HOIIO_ACCESS_TOKEN=${a.access_token}`;
    const recent = [
      ...snap.sms.map((r) => ({ date: r.date, kind: "SMS", path: `/sms/${r.ref}`, ref: r.ref, what: `${r.direction === "incoming" ? "from " + r.src : "to " + r.dest}: ${r.msg || ""}`, status: r.sms_status })),
      ...snap.calls.map((r) => ({ date: r.date, kind: "Call", path: `/calls/${r.ref}`, ref: r.ref, what: `${r.type || "call"} ${[r.dest1, r.dest2].filter(Boolean).join(" → ")}`, status: r.call_status_dest1 })),
      ...snap.fax.map((r) => ({ date: r.date, kind: "Fax", path: `/fax/${r.ref}`, ref: r.ref, what: `${r.direction === "incoming" ? "from " + r.src : "to " + r.dest} (${r.fax_pages} pages)`, status: r.fax_status })),
    ].sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0)).slice(0, 12);
    return [
      h("div", { class: "panel creds" },
        h("h1", null, "Your app talks to this sandbox"),
        fields({ "API base URL": s.base_url, app_id: a.app_id, access_token: a.access_token, "control API": s.control_url }),
        h("pre", null, env)),
      h("div", { class: "split" },
        h("div", null, h("h2", null, "Latest activity"),
          table(["Date", "What", "", "Status"], recent.map((r) => ({ link: r.path, cells: [when(r.date), r.kind, msgCell(r.what), badge(r.status)] })),
            { class: "fit", empty: "Nothing yet: send an SMS or make a call with the SDK, against the base URL above." })),
        h("div", null, h("h2", null, "Latest notifications"), notesTable(snap.notifications.slice(0, 10), null, true))),
    ];
  }

  function smsView(id) {
    const filter = new URLSearchParams(location.search).get("number");
    const mine = new Set(snap.numbers.map((n) => n.number));
    const numbers = [...new Set(snap.sms.flatMap((r) => [r.src, r.dest]).filter(Boolean))].sort();
    const rows = snap.sms.filter((r) => !filter || r.src === filter || r.dest === filter);
    const pick = h("select", { "aria-label": "number", on: { change: (ev) => {
      const q = new URLSearchParams(location.search);
      if (ev.target.value) q.set("number", ev.target.value); else q.delete("number");
      go(location.pathname + (q.toString() ? "?" + q : ""));
    } } }, h("option", { value: "" }, "every number"), numbers.map((n) => h("option", { value: n, selected: n === filter }, n + (mine.has(n) ? " (yours)" : ""))));
    const list = table(["Date", "", "From", "To", "Message", "Parts", "Status", "Cost"], rows.map((r) => ({
      id: r.ref, on: r.ref === id, link: `/sms/${r.ref}`,
      cells: [when(r.date), dir(r.direction), r.src || "", r.dest, msgCell(r.msg), num(r.split_count), badge(r.sms_status), num(r.debit)],
    })), { empty: "No SMS yet. Send one with client.sms.send(...), or text one of your numbers from the panel on the right." });
    return [h("div", { class: "toolbar" }, h("h1", null, "SMS"), h("label", null, "Number ", pick)),
      split(h("div", null, list, more(snap.counts.sms, snap.sms.length)), id && detailTxn("sms", id))];
  }

  /** A list with the detail of one of its items above it (the list stays full width). */
  function split(list, detail) { return detail ? h("div", { class: "stacked" }, detail, list) : list; }

  function focusTxn(id, list) {
    const f = snap.focus && snap.focus.txn;
    return (f && f.ref === id ? f : null) || list.find((r) => r.ref === id);
  }

  function detailTxn(kind, id) {
    const list = { sms: snap.sms, call: snap.calls, fax: snap.fax }[kind];
    const r = focusTxn(id, list);
    if (!r) return h("div", { class: "panel" }, h("h2", null, id), h("p", { class: "muted" }, "No such transaction in this account."));
    const notes = (snap.focus.notifications || []).filter((n) => n.ref === id);
    const parts = [];
    if (kind === "sms") {
      parts.push(fields(r, ["direction", "src", "dest", "date", "split_count", "is_unicode", "currency", "rate", "debit", "tag", "bulk", "notify_url"]));
      parts.push(h("h3", null, "Message"), h("pre", null, r.msg || ""));
    } else if (kind === "fax") {
      parts.push(fields(r, ["direction", "src", "dest", "date", "fax_pages", "fax_status", "fax_error_code", "duration", "currency", "rate", "debit", "tag", "notify_url"]));
      if (r.fax_url) parts.push(h("h3", null, "Document"), h("p", null, h("a", { href: r.fax_url, target: "_blank", rel: "noopener" }, "Open the PDF"), ` (${r.fax_pages} page(s))`));
    } else {
      parts.push(callLegs(r));
      parts.push(fields(r, ["type", "date", "duration", "currency", "rate", "debit", "room", "tag", "notify_url"]));
      if (r.session) parts.push(h("p", null, "IVR session ", link(`/ivr/${r.session}`, r.session)));
    }
    return h("div", { class: "panel detail", "data-ref": r.ref },
      h("h2", { class: "wrap" }, r.ref, " ", badge(r.sms_status || r.fax_status || r.call_status_dest1),
        h("a", { class: "close", link: href(`/${kind === "call" ? "calls" : kind}`), title: "Close" }, "×")),
      h("div", { class: "cols" }, h("div", null, parts), h("div", null, h("h3", null, "Notifications"), notesTable(notes, "No notification for this transaction.", true))));
  }

  function callLegs(r) {
    const legs = [];
    if (r.dest1) legs.push({ leg: "1", dest: r.dest1, status: r.call_status_dest1 });
    if (r.dest2) legs.push({ leg: "2", dest: r.dest2, status: r.call_status_dest2 });
    if (r.type === "conference" && r.room) {
      for (const o of snap.calls) if (o.room === r.room && o.ref !== r.ref) legs.push({ leg: link(`/calls/${o.ref}`, o.ref), dest: o.dest1, status: o.call_status_dest1, debit: o.debit, duration: o.duration });
    }
    return table(["Leg", "Number", "Status", "Duration", "Debit"], legs.map((l) => ({ cells: [l.leg, l.dest, badge(l.status), num(l.duration || (l.leg === "1" || l.leg === "2" ? r.duration : "")), num(l.debit || (l.leg === "1" ? r.debit : ""))] })));
  }

  function callsView(id) {
    const rows = snap.calls.map((r) => ({
      id: r.ref, on: r.ref === id, link: `/calls/${r.ref}`,
      cells: [when(r.date), r.type || "", h("td", null, r.dest1 || "", " ", badge(r.call_status_dest1)), h("td", null, r.dest2 || "", " ", badge(r.call_status_dest2)),
        r.room || "", num(r.duration), num(r.debit), badge(r.state === "ongoing" ? "ongoing" : "done")],
    }));
    const list = table(["Date", "Type", "Leg 1", "Leg 2", "Room", "Duration", "Debit", "State"], rows, { empty: "No calls yet: client.voice.call, client.voice.conference and client.ivr.dial show up here." });
    return [h("div", { class: "toolbar" }, h("h1", null, "Calls and conference legs")), split(h("div", null, list, more(snap.counts.call, snap.calls.length)), id && detailTxn("call", id))];
  }

  function ivrView(id) {
    const rows = snap.ivr.map((s) => ({
      id: s.id, on: s.id === id, link: `/ivr/${s.id}`,
      cells: [s.id, s.incoming ? dir("incoming") : dir("outgoing"), s.incoming ? (id ? s.from : `${s.from} → ${s.to}`) : s.dest, badge(s.state), id ? SKIP : s.block || "", id ? SKIP : s.txn_ref],
    }));
    const list = table(id ? ["Session", "", "Number", "State"] : ["Session", "", "Call", "State", "Block", "Transaction"], rows, { empty: "No IVR session yet: client.ivr.dial(...) or call one of your numbers from the panel on the right." });
    if (!id) return [h("div", { class: "toolbar" }, h("h1", null, "IVR sessions")), list];
    return [h("div", { class: "split ivr" }, ivrDetail(id), h("div", null, h("h2", null, "IVR sessions"), list))];
  }

  function session(id) {
    const f = snap.focus && snap.focus.session;
    return (f && f.id === id ? f : null) || snap.ivr.find((s) => s.id === id);
  }

  function ivrDetail(id) {
    const s = session(id);
    if (!s) return h("div", { class: "panel" }, h("h2", null, id), h("p", { class: "muted" }, "No such session in this account."));
    const notes = (snap.focus.notifications || []).filter((n) => n.ref === s.txn_ref);
    const start = (s.timeline && s.timeline.length ? s.timeline[0].at : null);
    // an entry comes after the notification it names in "after", before the next one
    const items = [
      ...(s.timeline || []).map((t, i) => ({ pos: (t.after || 0) + 0.5, i, t })),
      ...notes.map((n) => ({ pos: n.id, i: 0, n })),
    ].sort((x, y) => x.pos - y.pos || x.i - y.i);
    const when = (at) => h("span", { class: "when", title: "sandbox time (GMT+8)" }, clockText(at) + (start !== null ? ` +${Math.round(at - start)}s` : ""));
    const timeline = h("ol", { class: "timeline", "aria-label": "timeline" }, items.map((x) => x.n ? noteItem(x.n, when) : timelineItem(x.t, when)));
    const gathering = s.block === "gather" && s.state === "running";
    const queued = (snap.focus.queued_keys || []).map((k) => k.digits).filter(Boolean);
    return h("div", { class: "panel", id: "session-detail", "data-state": s.state, "data-block": s.block || "" },
      h("h2", null, `Session ${s.id} `, badge(s.state), " ", s.block ? h("span", { class: "badge info" }, s.block) : null),
      fields({ call: s.incoming ? `${s.from} → ${s.to} (incoming)` : `to ${s.dest}`, transaction: s.txn_ref, tag: s.tag, "next notification to": s.notify_url || s.last_url }),
      h("p", null, "Call ", link(`/calls/${s.txn_ref}`, s.txn_ref)),
      s.state !== "ended" && ctrl ? ctrl : null,
      gathering ? h("p", null, h("span", { class: "badge warn", id: "gathering" }, "the gather is listening for keys now")) : null,
      queued.length ? h("p", { class: "muted small" }, "keys queued for the next gather: ", queued.join(", ")) : null,
      h("h3", null, "Timeline"), items.length ? timeline : h("p", { class: "muted" }, "Nothing yet."));
  }

  function timelineItem(t, when) {
    const label = { block: t.block === "answer" ? "the call comes in (answer)" : `${t.block} block`, keys: "caller pressed keys", caller_hangup: "caller hung up", ended: "call ended", transfer: "transfer answered" }[t.event] || t.event;
    const cls = t.event === "ended" ? "end" : t.event === "block" ? "" : "world";
    const detail = [];
    if (t.event === "keys") detail.push(h("code", null, t.digits === "" ? "(none)" : t.digits));
    if (t.event === "transfer") detail.push(`${t.dest}: `, badge(t.status));
    if (t.event === "ended") detail.push(badge(t.status), t.duration !== undefined ? ` ${t.duration} min, debit ${t.debit} ${t.currency || ""}` : "");
    if (t.event === "block") {
      for (const k of ["dest", "max_digits", "timeout", "attempts", "max_duration", "on_failure", "tag"]) if (t[k] !== undefined) detail.push(h("span", { class: "muted" }, ` ${k}=${t[k]}`));
    }
    return h("li", { class: cls, "data-event": t.event, "data-block": t.block || null },
      when(t.at), h("span", { class: "what" }, label), " ", detail, t.msg ? h("span", { class: "said" }, "plays: ", t.msg) : null);
  }

  function noteItem(n, when) {
    const f = n.fields || {};
    const extra = [];
    if (f.digits !== undefined) extra.push(" digits ", h("code", null, f.digits === "" ? "(none)" : f.digits));
    if (f.record_url) extra.push(" recording ", h("a", { href: f.record_url, target: "_blank", rel: "noopener" }, "listen"));
    if (f.monitor_url) extra.push(" the whole call ", h("a", { href: f.monitor_url, target: "_blank", rel: "noopener" }, "listen"));
    if (f.transfer_status) extra.push(" transfer ", badge(f.transfer_status));
    if (f.dial_status) extra.push(" dial ", badge(f.dial_status));
    return h("li", { class: "note", "data-event": "notification", "data-kind": n.kind },
      when(n.created), h("span", { class: "what" }, "notified "), link(`/notifications/${n.id}`, `#${n.id} ${n.kind}`), " ", badge(n.state), n.http_status ? ` HTTP ${n.http_status}` : "", extra);
  }

  /** Who an outgoing fax is from (not in Hoiio's answers): its caller_id, else the account's number. */
  function faxFrom(r) {
    return r.direction === "incoming" ? "" : r.caller_id || snap.account.mobile_number || "";
  }

  function faxView(id) {
    const rows = snap.fax.map((r) => ({
      id: r.ref, on: r.ref === id, link: `/fax/${r.ref}`,
      cells: [when(r.date), dir(r.direction), r.src || faxFrom(r), r.dest, num(r.fax_pages), badge(r.fax_status), num(r.debit),
        r.fax_url ? h("a", { href: r.fax_url, target: "_blank", rel: "noopener" }, "PDF") : ""],
    }));
    const list = table(["Date", "", "From", "To", "Pages", "Status", "Cost", ""], rows, { empty: "No fax yet: client.fax.send(...), or fax one of your numbers from the panel on the right." });
    return [h("div", { class: "toolbar" }, h("h1", null, "Faxes")), split(h("div", null, list, more(snap.counts.fax, snap.fax.length)), id && detailTxn("fax", id))];
  }

  function numbersView(id) {
    const rows = snap.numbers.map((n) => ({
      id: n.number, on: n.number === id, link: `/numbers/${n.number}`,
      cells: [n.number, [n.country, n.state].filter(Boolean).join(" "), (n.capabilities || []).join(", "), n.mode || "", msgCell(n.forward_to || ""), msgCell(n.forward_sms_to || ""), n.expiry || "", badge(n.auto_extend_status)],
    }));
    const list = table(["Number", "Country", "Can", "Mode", "Calls go to", "SMS go to", "Expiry", "Auto-extend"], rows, { empty: "No Hoiio Number yet: client.number.subscribe(...) buys one." });
    const n = id && snap.numbers.find((x) => x.number === id);
    const detail = id && h("div", { class: "panel detail" }, n ? [h("h2", null, n.number, h("a", { class: "close", link: href("/numbers"), title: "Close" }, "×")),
      h("div", { class: "cols" }, fields(n), h("div", null, h("h3", null, "Charges"),
        table(["Date", "What", "Debit"], (n.charges || []).map((c) => ({ cells: [when(c.date), `${c.what} (${c.months} month(s))`, num(c.debit)] })))))] : h("p", { class: "muted" }, "Not one of this account's numbers."));
    return [h("div", { class: "toolbar" }, h("h1", null, "Hoiio Numbers")), split(list, detail)];
  }

  function notesTable(notes, empty, compact) {
    const heads = compact ? ["#", "Time", "Kind", "Delivery", "HTTP"] : ["#", "Time", "Kind", "Transaction", "URL", "Delivery", "HTTP", "Took"];
    return table(heads, notes.map((n) => ({
      id: String(n.id), link: `/notifications/${n.id}`, on: route().view === "notifications" && route().id === String(n.id),
      cells: [num(n.id), n.created_date.slice(11), n.kind, compact ? SKIP : n.ref || "", compact ? SKIP : msgCell(n.url), badge(n.state), num(n.http_status || ""), compact ? SKIP : num(took(n.duration) || "")],
    })), { empty: empty || "No notification yet (they go to the notify_url of a request, or a number's forwarding URL)." });
  }

  const NOTE_KNOWN = new Set(["id", "kind", "ref", "url", "body", "signature", "state", "http_status", "error", "created", "sent", "fields", "created_date", "sent_date",
    "answer", "refusal", "duration"]);
  const took = (seconds) => (typeof seconds === "number" ? (seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`) : null);

  function noteDetail(id) {
    const f = snap.focus && snap.focus.note;
    const n = (f && String(f.id) === id ? f : null) || snap.notifications.find((x) => String(x.id) === id);
    if (!n) return h("div", { class: "panel" }, h("h2", null, `#${id}`), h("p", { class: "muted" }, "No such notification in this account."));
    const other = {};
    for (const [k, v] of Object.entries(n)) if (!NOTE_KNOWN.has(k) && v !== null && v !== "") other[k] = typeof v === "object" ? JSON.stringify(v) : v;
    const path = n.ref ? (n.ref.startsWith("AA-S") ? "sms" : n.ref.startsWith("AA-F") ? "fax" : "calls") : null;
    return h("div", { class: "panel detail", id: "note-detail" },
      h("h2", null, `Notification #${n.id} `, badge(n.state), h("a", { class: "close", link: href("/notifications"), title: "Close" }, "×")),
      h("div", { class: "cols" },
        h("div", null,
          fields({ kind: n.kind, transaction: n.ref, "made at": n.created_date, "tried at": n.sent_date }),
          n.ref && path ? h("p", null, "About ", link(`/${path}/${n.ref}`, n.ref), n.fields.session ? [" in session ", link(`/ivr/${n.fields.session}`, n.fields.session)] : null) : null,
          h("h3", null, "The receiver's answer"),
          n.state === "queued" ? h("p", { class: "muted" }, "Not sent yet.") :
            fields({ "HTTP status": n.http_status, error: n.error, "not delivered because": n.refusal, took: took(n.duration), ...other }),
          n.answer ? h("pre", { class: "answer" }, n.answer) : null,
          h("h3", null, "Fields"), fields(n.fields)),
        h("div", null, h("h3", null, "Request"), h("pre", null, `POST ${n.url}\nContent-Type: application/x-www-form-urlencoded\nX-Hoiio-Signature: ${n.signature}\n\n${n.body}`))));
  }

  function notificationsView(id) {
    return [h("div", { class: "toolbar" }, h("h1", null, "Notification deliveries")),
      split(h("div", null, notesTable(snap.notifications), more(snap.counts.notifications, snap.notifications.length)), id && noteDetail(id))];
  }

  function accountView() {
    const a = snap.account;
    return [h("div", { class: "split" },
      h("div", { class: "panel" }, h("h1", null, `${a.balance} ${a.currency}`), fields({ points: a.points, bonus: a.bonus, app_id: a.app_id, name: a.name, status: a.user_status })),
      ctrl),
      h("h2", null, "What was charged"),
      table(["Date", "Kind", "For", "What", "Debit"], snap.charges.map((c) => ({ link: c.kind === "number" ? `/numbers/${c.ref}` : `/${c.kind === "call" ? "calls" : c.kind}/${c.ref}`, cells: [when(c.date), c.kind, c.ref, c.what, num(c.debit)] })),
        { empty: "Nothing charged yet." })];
  }

  function faultsView() {
    const rows = snap.faults.map((f) => ({ cells: [num(f.id), f.kind, f.path || "every endpoint", num(f.count), f.seconds ? `${f.seconds} s` : "", f.after ? "after handling" : ""] }));
    return [ctrl, h("h2", null, "Faults waiting"), table(["#", "Kind", "Endpoint", "Left", "Seconds", ""], rows, { empty: "No fault injected: the API answers normally." })];
  }

  const RENDER = { overview, sms: smsView, calls: callsView, ivr: ivrView, fax: faxView, numbers: numbersView, notifications: notificationsView, account: accountView, faults: faultsView };

  // ---- controls: built once per route, so what you type survives the updates ----

  function controls(r) {
    ctrl = r.view === "ivr" && r.id ? keypad(r.id) : r.view === "faults" ? faultForm() : r.view === "account" ? topupForm() : null;
  }

  function keypad(id) {
    keys = "";
    const shown = h("div", { class: "keys", id: "keys", "aria-live": "polite" }, "");
    const press = (k) => { keys += k; shown.textContent = keys; };
    const pad = h("div", { class: "keypad", role: "group", "aria-label": "keypad" },
      "123456789*0#".split("").map((k) => h("button", { type: "button", "data-key": k, on: { click: () => press(k) } }, k)));
    const send = async (path, body, what) => {
      if (!keys) { toast("Press some keys first", true); return; }
      const done = await act(what, "POST", path, body);
      if (done) { keys = ""; shown.textContent = ""; }
    };
    pad.press = press;
    return h("div", { class: "caller", id: "caller" }, h("h3", null, "The caller ", h("span", { class: "muted small" }, "(or type the keys)")),
      h("div", { class: "toolbar" }, pad, h("div", null, shown,
        h("div", { class: "toolbar" },
          h("button", { type: "button", id: "press-now", class: "primary", title: "The caller presses these keys now, in the running gather", on: { click: () => send("ivr/press", { session: id, digits: keys }, `Pressed ${keys}`) } }, "Press now"),
          h("button", { type: "button", id: "press-next", title: "The caller will press these keys at the next gather", on: { click: () => send("ivr/keys", { session: id, digits: keys }, `Queued ${keys} for the next gather`) } }, "Queue for next gather"),
          h("button", { type: "button", id: "clear-keys", on: { click: () => { keys = ""; shown.textContent = ""; } } }, "Clear")),
        h("div", { class: "toolbar" },
          h("button", { type: "button", id: "hangup", class: "danger", title: "The caller hangs up", on: { click: () => act("The caller hung up", "POST", "ivr/hangup", { session: id }) } }, "Hang up")))));
  }

  function faultForm() {
    const kinds = (snap && snap.fault_kinds) || ["rate_limit", "server_error", "delay", "drop", "bad_gateway"];
    const form = h("form", { class: "panel", id: "fault-form" },
      h("h2", null, "Inject a fault"),
      h("p", { class: "muted small" }, "The next API requests (to one endpoint, or to any) get it, then it is gone."),
      h("div", { class: "toolbar" },
        h("label", null, "Kind ", h("select", { name: "kind" }, kinds.map((k) => h("option", { value: k }, k)))),
        h("label", null, "Endpoint ", h("input", { name: "path", placeholder: "any, or sms/send", size: 14 })),
        h("label", null, "Count ", h("input", { name: "count", type: "number", min: 1, value: 1, class: "w-s" })),
        h("label", null, "Seconds ", h("input", { name: "seconds", type: "number", min: 0, step: "any", value: 0, class: "w-s" })),
        h("label", null, h("input", { name: "after", type: "checkbox" }), " drop after handling"),
        h("button", { type: "submit", class: "primary" }, "Inject"),
        h("button", { type: "button", id: "clear-faults", on: { click: () => act("Faults cleared", "DELETE", "faults", {}) } }, "Clear all")));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const d = new FormData(form);
      const body = { kind: d.get("kind"), count: Number(d.get("count") || 1), seconds: Number(d.get("seconds") || 0), after: d.get("after") === "on" };
      if (d.get("path")) body.path = String(d.get("path")).trim();
      act(`Fault ${body.kind} injected`, "POST", "faults", body);
    });
    return form;
  }

  function topupForm() {
    const form = h("form", { class: "panel", id: "topup-form" }, h("h2", null, "Top up"),
      h("div", { class: "toolbar" }, h("label", null, "Points ", h("input", { name: "points", type: "number", min: 0, step: "0.001", value: "10.000", class: "w-m" })),
        h("button", { type: "submit", class: "primary" }, "Add credit"),
        h("button", { type: "button", id: "drain", class: "danger", on: { click: () => act("Balance emptied", "POST", "drain", withAccount({})) } }, "Empty the balance")));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      act("Credit added", "POST", "topup", withAccount({ points: String(new FormData(form).get("points")) }));
    });
    return form;
  }

  // ---- rendering ----

  function render() {
    if (!snap) return;
    const r = route();
    const key = `${r.view}/${r.id || ""}`;
    if (controlsFor !== key) { controlsFor = key; controls(r); }
    const a = snap.account;
    $("#balance").textContent = `${a.balance} ${a.currency}`;
    const sel = $("#account");
    const opts = snap.accounts.includes(a.app_id) ? snap.accounts : [a.app_id, ...snap.accounts];
    if (sel.dataset.opts !== opts.join(",") || sel.value !== a.app_id) {
      sel.replaceChildren(...opts.map((x) => h("option", { value: x, selected: x === a.app_id }, x + (x === snap.sandbox.default_app_id ? " (default)" : ""))));
      sel.dataset.opts = opts.join(",");
    }
    const nav = $("#nav");
    nav.replaceChildren(...VIEWS.map(([v, label]) => h("a", { link: href(v === "overview" ? "/" : `/${v}`), class: v === r.view ? "on" : null, "data-view": v },
      h("span", null, label), COUNT_OF[v] ? h("span", { class: "count" }, snap.counts[COUNT_OF[v]]) : null)));
    const list = $("#my-numbers");
    list.replaceChildren(...snap.numbers.map((n) => h("option", { value: n.number }, (n.capabilities || []).join(", "))));
    const view = $("#view");
    view.replaceChildren(...[RENDER[r.view](r.id)].flat());
    view.dataset.version = version;
    if (r.view === "ivr" && r.id && ctrl) {
      const s = session(r.id);
      const now = ctrl.querySelector("#press-now");
      if (now) now.disabled = !(s && s.block === "gather" && s.state === "running");
    }
    document.title = `${VIEWS.find(([v]) => v === r.view)[1]}${r.id ? " " + r.id : ""} · Hoiio sandbox`;
    clock(snap.clock);
  }

  function clock(c) {
    $("#clock-date").textContent = c.date;
    $("#clock-frozen").textContent = c.frozen ? "frozen" : "";
    $("#freeze").textContent = c.frozen ? "Unfreeze" : "Freeze";
  }

  async function poll(now) {
    clearTimeout(timer);
    const r = route();
    const q = new URLSearchParams();
    const a = appId();
    if (a) q.set("app_id", a);
    if (r.id && (r.view === "sms" || r.view === "calls" || r.view === "fax")) q.set("ref", r.id);
    if (r.id && r.view === "ivr") q.set("session", r.id);
    if (r.id && r.view === "notifications") q.set("note", r.id);
    if (version && !now) q.set("since", version);
    try {
      const data = await control("GET", "console?" + q);
      $("#live").className = "live";
      $("#live").textContent = "live";
      if (data.unchanged) clock(data.clock);
      else {
        for (const n of [...data.notifications, ...(data.focus.notifications || []), ...(data.focus.note ? [data.focus.note] : [])]) {
          n.fields = Object.fromEntries(new URLSearchParams(n.body || ""));  // the form the receiver got
        }
        snap = data; version = data.version; render();
      }
      timer = setTimeout(poll, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
    } catch (e) {
      if (a && /^no account/.test(e.message)) {  // reset since, or a link from another sandbox
        $("#view").replaceChildren(h("div", { class: "empty" }, `There is no account ${a} in this sandbox (was it reset?). `, h("a", { link: "/" }, "Open the default account")));
      }
      $("#live").className = "live off";
      $("#live").textContent = "offline";
      $("#live").title = e.message;
      timer = setTimeout(poll, RETRY_MS);
    }
  }

  function changed() { version = null; poll(true); }

  // ---- the header and the other party's panel ----

  function wire() {
    document.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-link]");
      if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();
      go(a.getAttribute("href"));
    });
    window.addEventListener("popstate", changed);
    document.addEventListener("keydown", (ev) => {  // on a session, the keyboard is the keypad too
      const pad = document.querySelector(".keypad");
      if (!pad || !pad.press || ev.ctrlKey || ev.metaKey || ev.altKey || ev.target.closest("input, textarea, select")) return;
      if (/^[0-9*#]$/.test(ev.key)) { pad.press(ev.key); ev.preventDefault(); }
      else if (ev.key === "Enter" && keys) { const b = document.getElementById("press-now"); if (b && !b.disabled) b.click(); }
    });
    document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(true); });
    for (const b of document.querySelectorAll("[data-advance]")) {
      b.addEventListener("click", () => act(`Clock moved on ${b.textContent.trim()}`, "POST", "advance", { seconds: Number(b.dataset.advance) }));
    }
    $("#advance-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const s = Number($("#advance-seconds").value);
      if (!(s > 0)) { toast("How many seconds?", true); return; }
      act(`Clock moved on ${s} s`, "POST", "advance", { seconds: s });
    });
    $("#freeze").addEventListener("click", () => {
      const frozen = !(snap && snap.clock.frozen);
      act(frozen ? "Clock frozen" : "Clock running", "POST", "clock", { frozen });
    });
    $("#reset").addEventListener("click", async () => {
      if (!confirm("Reset the sandbox? Every message, call, number and account is forgotten.")) return;
      const done = await act("The sandbox was reset", "POST", "reset", {});
      if (done) go("/");
    });
    $("#account").addEventListener("change", (ev) => {
      const v = ev.target.value;
      go(v === (snap && snap.sandbox.default_app_id) ? "/" : `/?app_id=${encodeURIComponent(v)}`);
    });
    const party = (id, what, path, body) => {
      const form = $(id);
      form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const d = new FormData(form);
        const extra = await body(d);
        if (extra === null) return;
        const result = await act(what, "POST", path, withAccount({ to: String(d.get("to")).trim(), from: String(d.get("from")).trim(), ...extra }));
        if (result && result.session) go(href(`/ivr/${result.session}`));
        else if (result && result.txn_ref) go(href(`/fax/${result.txn_ref}`));
        else if (result && result.txn_refs) go(href(`/sms/${result.txn_refs[0]}`));
      });
    };
    party("#incoming-sms", "SMS received", "incoming/sms", async (d) => ({ msg: String(d.get("msg")) }));
    party("#incoming-call", "Ringing", "incoming/call", async () => ({}));
    party("#incoming-fax", "Fax received", "incoming/fax", async (d) => {
      const file = d.get("pdf");
      if (!file || !file.size) return {};
      if (file.size > 8 * 1024 * 1024) { toast("The PDF is too big (8 MB at most)", true); return null; }
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = "";
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { pdf: btoa(bin), filename: file.name };
    });
  }

  wire();
  poll(true);
})();
