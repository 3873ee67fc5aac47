// GeoKG explorer: filters, search and details over a vis-network drawing.
// Every string in the data comes from news articles and is untrusted: it reaches the page only
// through textContent, Text nodes, form-control properties or checked http(s) hrefs, never as HTML.
(function () {
  "use strict";

  const D = JSON.parse(document.getElementById("geokg-data").textContent);
  const api = (window.geokg = { readyAt: null, focused: null });
  performance.mark("geokg:parsed");
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const LIST_LIMIT = 200;

  // -- small DOM helpers (text only) ------------------------------------------------------

  function el(tag, cls, ...children) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }

  function shapeIcon(shape, colour) {
    const box = svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" });
    const fill = { fill: colour, stroke: "#444", "stroke-width": 0.6 };
    const shapes = {
      square: () => svg("rect", { x: 2, y: 2, width: 10, height: 10, ...fill }),
      triangle: () => svg("polygon", { points: "7,1.5 13,12.5 1,12.5", ...fill }),
      diamond: () => svg("polygon", { points: "7,1 13,7 7,13 1,7", ...fill }),
      star: () => svg("polygon", { points: "7,1 8.8,5.2 13.3,5.4 9.8,8.3 11,12.8 7,10.3 3,12.8 4.2,8.3 0.7,5.4 5.2,5.2", ...fill }),
    };
    box.append((shapes[shape] || (() => svg("circle", { cx: 7, cy: 7, r: 5.5, ...fill })))());
    return box;
  }

  function lineIcon(colour, dashed) {
    const box = svg("svg", { width: 26, height: 10, viewBox: "0 0 26 10", "aria-hidden": "true" });
    const line = svg("line", { x1: 1, y1: 5, x2: 25, y2: 5, stroke: colour, "stroke-width": 2.5 });
    if (dashed) line.setAttribute("stroke-dasharray", "5 3");
    box.append(line);
    return box;
  }

  function checkbox(labelText, checked, onChange, icon, count) {
    const input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.addEventListener("change", () => onChange(input.checked));
    const label = el("label", "", input);
    if (icon) label.append(icon);
    label.append(labelText);
    if (count !== undefined) label.append(" ", el("span", "count", `(${count})`));
    return { label, input };
  }

  // -- data indices -----------------------------------------------------------------------

  const nodeById = new Map(D.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(D.edges.map((e) => [e.id, e]));
  const edgesOf = new Map(D.nodes.map((n) => [n.id, []]));
  for (const e of D.edges) {
    edgesOf.get(e.from).push(e.id);
    if (e.to !== e.from) edgesOf.get(e.to).push(e.id);
  }
  const typeStyle = D.style.entity_types;
  const quadStyle = D.style.quad_classes;
  const quadOf = (type) => (type && D.eventTypes[type] ? D.eventTypes[type].quad : 0);

  // -- filter state -----------------------------------------------------------------------

  const allEventTypes = [...new Set(D.edges.map((e) => e.type))].sort();
  const allNodeTypes = Object.keys(typeStyle).filter((t) => D.nodes.some((n) => n.type === t));
  const S = {
    eventTypes: new Set(allEventTypes), nodeTypes: new Set(allNodeTypes),
    from: "", to: "", country: "", ego: null, egoNodes: null,
  };
  let visibleEdges = new Set(D.edges.map((e) => e.id));
  let visibleNodes = new Set(D.nodes.map((n) => n.id));

  function bounds(date) {
    const low = { 4: "-01-01", 7: "-01" }[date.length] || "";
    const high = { 4: "-12-31", 7: "-31" }[date.length] || "";
    return [date + low, date + high];
  }

  function dateOk(e) {
    if (!S.from && !S.to) return true;
    if (!e.when) return false;
    const [low, high] = bounds(e.when);
    return (!S.from || high >= S.from) && (!S.to || low <= S.to);
  }

  function countryOk(e) {
    if (!S.country) return true;
    return nodeById.get(e.from).countries.includes(S.country) || nodeById.get(e.to).countries.includes(S.country);
  }

  function edgeVisible(e) {
    const a = nodeById.get(e.from), b = nodeById.get(e.to);
    return S.eventTypes.has(e.type) && S.nodeTypes.has(a.type) && S.nodeTypes.has(b.type) && dateOk(e) &&
      countryOk(e) && (S.egoNodes === null || (S.egoNodes.has(e.from) && S.egoNodes.has(e.to)));
  }

  // -- the network ----------------------------------------------------------------------

  performance.mark("geokg:indexed");
  const large = D.meta.large;
  const nodeSet = new vis.DataSet(D.nodes);
  // Big graphs: vis measures every edge label when it builds and first draws the network (a third
  // of the opening time), though none is legible at overview scale; labels are handed to vis
  // only for the edges in view once zoomed in (labelInView).
  const edgeSet = new vis.DataSet(large ? D.edges.map(({ label, ...rest }) => rest) : D.edges);
  const network = new vis.Network($("graph"), { nodes: nodeSet, edges: edgeSet }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: large ? false : {
      solver: "barnesHut", barnesHut: { gravitationalConstant: -2500, springLength: 110, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: 120, fit: true },
    },
    // On big graphs vis-network's own hover redraws everything whenever the pointer crosses an edge;
    // there the tooltip comes from a throttled pointer handler instead (see tooltips()).
    interaction: { hover: !large, tooltipDelay: 3600000, hideEdgesOnDrag: large, hideEdgesOnZoom: large, keyboard: false },
    nodes: {
      borderWidth: 1, font: { size: 12, strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 7, max: 34, label: { enabled: true, min: 12, max: 34, maxVisible: 26, drawThreshold: 5 } },
    },
    edges: {
      arrows: { to: { enabled: !large, scaleFactor: 0.5 } }, smooth: false, selectionWidth: 2,
      font: { size: 9, color: "#555", strokeWidth: 2, align: "middle" },
    },
  });
  performance.mark("geokg:network");
  network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
  network.once("afterDrawing", () => {
    document.body.dataset.ready = "true";
    api.readyAt = performance.now();
  });

  function apply() {
    const edgesNow = new Set(), nodesNow = new Set();
    for (const e of D.edges) {
      if (!edgeVisible(e)) continue;
      edgesNow.add(e.id);
      nodesNow.add(e.from);
      nodesNow.add(e.to);
    }
    if (S.ego !== null) nodesNow.add(S.ego);
    // vis-network 9.1.2 (pinned: bundled with pyvis) has no bulk show/hide: a DataSet update, a
    // DataView refresh or its "_dataUpdated" (which reconnects every edge) takes seconds on 20,000
    // edges. So flip the hidden option of the items that change, recompute the visible indices
    // (milliseconds) and ask for one redraw.
    flip(network.body.edges, D.edges, visibleEdges, edgesNow);
    flip(network.body.nodes, D.nodes, visibleNodes, nodesNow);
    visibleEdges = edgesNow;
    visibleNodes = nodesNow;
    network._updateVisibleIndices();
    network.body.emitter.emit("_requestRedraw");
    $("status").textContent = `Showing ${visibleEdges.size} of ${D.edges.length} events and ` +
      `${visibleNodes.size} of ${D.nodes.length} nodes.`;
    document.body.dataset.visibleEdges = String(visibleEdges.size);
    document.body.dataset.visibleNodes = String(visibleNodes.size);
  }

  // Arrowheads are half the drawing time of a big graph, and unreadable when zoomed out: there
  // they are drawn only from DETAIL_SCALE on (switching costs one pass over the edges).
  const DETAIL_SCALE = 0.5;
  let arrows = !large;

  function levelOfDetail() {
    const want = network.getScale() >= DETAIL_SCALE;
    if (!large) return;
    if (want !== arrows) {
      arrows = want;
      network.setOptions({ edges: { arrows: { to: { enabled: want, scaleFactor: 0.5 } } } });
    }
    if (want) labelInView();
  }

  const labelled = new Set();

  function labelInView() {
    const box = $("graph");
    const low = network.DOMtoCanvas({ x: 0, y: 0 });
    const high = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    const drawn = network.body.nodes;
    const inView = (id) => {
      const n = drawn[id];
      return n.x >= low.x && n.x <= high.x && n.y >= low.y && n.y <= high.y;
    };
    for (const e of D.edges) {
      if (labelled.has(e.id) || !(inView(e.from) || inView(e.to))) continue;
      labelled.add(e.id);
      network.body.edges[e.id].setOptions({ label: e.label });
    }
    network.body.emitter.emit("_requestRedraw");
  }

  function flip(drawn, items, before, after) {
    for (const item of items) {
      const show = after.has(item.id);
      if (show !== before.has(item.id)) drawn[item.id].options.hidden = !show;
    }
  }

  // -- header and legend ------------------------------------------------------------------

  function header() {
    const m = D.meta;
    $("title").textContent = m.title;
    const parts = [`${m.documents} documents`, `${m.actors} actors`];
    if (m.objects) parts.push(`${m.objects} other objects`);
    parts.push(`${m.events} events`);
    if (m.dateMin) parts.push(m.dateMin === m.dateMax ? m.dateMin : `${m.dateMin} – ${m.dateMax}`);
    $("summary").textContent = parts.join(" · ");
    $("note").textContent = m.note ? `Selection: ${m.note}` : "";
    const legend = $("legend");
    for (const t of allNodeTypes) legend.append(el("span", "key", shapeIcon(typeStyle[t].shape, typeStyle[t].color), typeStyle[t].label));
    for (const q of ["1", "2", "3", "4", "0"]) {
      if (D.edges.some((e) => String(quadOf(e.type)) === q)) {
        legend.append(el("span", "key", lineIcon(quadStyle[q].color, false), quadStyle[q].label));
      }
    }
    legend.append(el("span", "key", lineIcon("#777", true), "negated or hypothetical"));
    document.body.dataset.nodes = String(D.nodes.length);
    document.body.dataset.edges = String(D.edges.length);
  }

  // -- controls ---------------------------------------------------------------------------

  function nodeFilters() {
    const box = $("node-filters");
    for (const t of allNodeTypes) {
      const n = D.nodes.filter((x) => x.type === t).length;
      const { label } = checkbox(typeStyle[t].label, true, (on) => {
        on ? S.nodeTypes.add(t) : S.nodeTypes.delete(t);
        apply();
      }, shapeIcon(typeStyle[t].shape, typeStyle[t].color), n);
      label.dataset.nodeType = t;
      box.append(label);
    }
  }

  function typeFilters() {
    const box = $("type-filters");
    const counts = new Map();
    for (const e of D.edges) counts.set(e.type, (counts.get(e.type) || 0) + 1);
    for (const q of ["1", "2", "3", "4", "0"]) {
      const types = allEventTypes.filter((t) => String(quadOf(t)) === q);
      if (!types.length) continue;
      const total = types.reduce((sum, t) => sum + counts.get(t), 0);
      const fields = el("fieldset");
      const children = [];
      const head = checkbox(quadStyle[q].label, true, (on) => {
        for (const c of children) c.input.checked = on;
        for (const t of types) on ? S.eventTypes.add(t) : S.eventTypes.delete(t);
        apply();
      }, lineIcon(quadStyle[q].color, false), total);
      head.label.dataset.quad = q;
      fields.append(head.label);
      if (q !== "0") {
        const list = el("div", "types");
        for (const t of types) {
          const c = checkbox(t, true, (on) => {
            on ? S.eventTypes.add(t) : S.eventTypes.delete(t);
            head.input.checked = types.some((x) => S.eventTypes.has(x));
            apply();
          }, null, counts.get(t));
          c.label.dataset.eventType = t;
          c.label.title = D.eventTypes[t].definition;
          children.push(c);
          list.append(c.label);
        }
        fields.append(list);
      }
      box.append(fields);
    }
  }

  function dateFilters() {
    const from = $("date-from"), to = $("date-to");
    if (D.meta.dateMin) {
      from.min = to.min = bounds(D.meta.dateMin)[0];
      from.max = to.max = bounds(D.meta.dateMax)[1];
    }
    from.addEventListener("change", () => { S.from = from.value; apply(); });
    to.addEventListener("change", () => { S.to = to.value; apply(); });
  }

  function countryFilter() {
    const select = $("country");
    const used = new Set(D.nodes.flatMap((n) => n.countries));
    for (const [iso, name] of Object.entries(D.countries)) {
      if (!used.has(iso)) continue;
      const option = el("option", "", `${name} (${iso})`);
      option.value = iso;
      select.append(option);
    }
    select.addEventListener("change", () => { S.country = select.value; apply(); });
  }

  function resetFilters() {
    S.eventTypes = new Set(allEventTypes);
    S.nodeTypes = new Set(allNodeTypes);
    S.from = S.to = S.country = "";
    for (const input of document.querySelectorAll("#controls input[type=checkbox]")) input.checked = true;
    $("date-from").value = $("date-to").value = "";
    $("country").value = "";
    clearEgo();
  }

  // -- search and ego network -------------------------------------------------------------

  function findActor(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const names = (n) => [n.label, ...n.alt].map((s) => s.toLowerCase());
    const byDegree = (a, b) => b.degree - a.degree || a.id - b.id;
    const tiers = [(n) => names(n).includes(q), (n) => names(n).some((s) => s.startsWith(q)),
      (n) => names(n).some((s) => s.includes(q))];
    for (const tier of tiers) {
      const hits = D.nodes.filter(tier).sort(byDegree);
      if (hits.length) return hits[0];
    }
    return null;
  }

  function focusNode(id) {
    const centre = nodeById.get(id);
    S.ego = id;
    S.egoNodes = new Set([id]);
    for (const eid of edgesOf.get(id)) {
      const e = edgeById.get(eid);
      S.egoNodes.add(e.from).add(e.to);
    }
    apply();
    $("ego-clear").hidden = false;
    network.selectNodes([id]);
    network.fit({ nodes: [...visibleNodes], animation: false });
    levelOfDetail();
    showNode(centre);
    api.focused = id;
  }

  function clearEgo() {
    S.ego = null;
    S.egoNodes = null;
    $("ego-clear").hidden = true;
    api.focused = null;
    apply();
    network.fit({ animation: false });
    levelOfDetail();
  }

  function search() {
    const hit = findActor($("search").value);
    $("search-msg").textContent = hit ? "" : "No actor matches.";
    if (hit) focusNode(hit.id);
  }

  function searchBox() {
    const list = $("actor-names");
    const labels = [...new Set(D.nodes.filter((n) => n.type !== "Concept").map((n) => n.label))].sort();
    for (const label of labels) {
      const option = el("option");
      option.value = label;
      list.append(option);
    }
    $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(); });
    $("search-go").addEventListener("click", search);
    $("ego-clear").addEventListener("click", clearEgo);
    $("reset").addEventListener("click", resetFilters);
  }

  // -- details ----------------------------------------------------------------------------

  function facts(rows) {
    const dl = el("dl");
    for (const [key, value] of rows) {
      if (value === "" || value === null || value === undefined) continue;
      dl.append(el("dt", "", key), el("dd", "", value));
    }
    return dl;
  }

  function eventTitle(e) {
    return `${nodeById.get(e.from).label} — ${e.label} → ${nodeById.get(e.to).label}`;
  }

  function docLink(doc) {
    if (!doc) return "";
    const title = doc.title || doc.id;
    if (!/^https?:\/\//i.test(doc.url)) return title;
    const a = el("a", "", title);
    a.href = doc.url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function eventFacts(e, withSource) {
    const typeText = e.type ? `${e.type} (${quadStyle[String(quadOf(e.type))].label})` : "none";
    const doc = D.docs[e.doc];
    const rows = [
      ["Event type", typeText + (e.mode ? `, ${e.mode}` : "")],
      ["Date", e.date || (e.when ? `${e.when} (article date)` : "unknown")],
      ["Place", e.place], ["Reported by", e.by],
      ["Negated", e.neg ? "yes" : "no"], ["Hypothetical", e.hyp ? "yes" : ""],
      ["Confidence", e.conf.toFixed(2)],
    ];
    if (withSource && doc) {
      rows.push(["Source", docLink(doc)], ["Published", doc.date], ["Outlet", doc.source],
        ["Document", doc.id + (e.sent >= 0 ? `, sentence ${e.sent}` : "")]);
    }
    return facts(rows);
  }

  function showEdge(e) {
    const box = $("details");
    box.replaceChildren(el("h2", "", eventTitle(e)), eventFacts(e, true));
    if (e.quote) box.append(el("blockquote", "", e.quote));
    box.append(el("p", "iri", e.iri));
    box.dataset.kind = "edge";
    box.dataset.id = String(e.id);
  }

  function showNode(n) {
    const box = $("details");
    const names = n.countries.map((iso) => (D.countries[iso] ? `${D.countries[iso]} (${iso})` : iso));
    box.replaceChildren(el("h2", "", n.label), facts([
      ["Type", typeStyle[n.type] ? typeStyle[n.type].label : n.type],
      ["Also known as", n.alt.join("; ")], ["Country", names.join(", ")], ["Role", n.roles.join("; ")],
      ["Events", String(n.degree)],
    ]));
    const list = el("ul");
    const ids = edgesOf.get(n.id);
    for (const eid of ids.slice(0, LIST_LIMIT)) {
      const e = edgeById.get(eid);
      const other = e.from === n.id ? `${e.label} → ${nodeById.get(e.to).label}` : `← ${e.label} by ${nodeById.get(e.from).label}`;
      const button = el("button", "", other + (e.when ? ` · ${e.when}` : "") + (e.type ? ` · ${e.type}` : ""));
      button.type = "button";
      button.addEventListener("click", () => { network.selectEdges([e.id]); showEdge(e); });
      list.append(el("li", "", button));
    }
    box.append(list);
    if (ids.length > LIST_LIMIT) box.append(el("p", "hint", `… and ${ids.length - LIST_LIMIT} more`));
    box.append(el("p", "iri", n.iri));
    box.dataset.kind = "node";
    box.dataset.id = String(n.id);
  }

  // -- hover tooltip ----------------------------------------------------------------------

  const tip = $("tip");

  function showTip(content, pointer) {
    const rect = $("graph").getBoundingClientRect();
    tip.replaceChildren(...content);
    tip.hidden = false;
    const x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    tip.style.left = `${Math.min(x, window.innerWidth - tip.offsetWidth - 8)}px`;
    tip.style.top = `${Math.min(y, window.innerHeight - tip.offsetHeight - 8)}px`;
  }

  function hideTip() { tip.hidden = true; }

  function tipEdge(id, pointer) {
    const e = edgeById.get(id);
    const quote = e.quote.length > 300 ? e.quote.slice(0, 299) + "…" : e.quote;
    const doc = D.docs[e.doc];
    showTip([el("strong", "", eventTitle(e)), eventFacts(e, false), el("blockquote", "", quote),
      el("div", "count", doc ? `${doc.title || doc.id}${doc.date ? ", " + doc.date : ""}` : "")], pointer);
  }

  function tipNode(id, pointer) {
    const n = nodeById.get(id);
    const kind = typeStyle[n.type] ? typeStyle[n.type].label : n.type;
    showTip([el("strong", "", n.label), el("div", "", `${kind} · ${n.degree} events`)], pointer);
  }

  function tooltips() {
    if (!large) {
      network.on("hoverEdge", (p) => tipEdge(p.edge, p.pointer.DOM));
      network.on("hoverNode", (p) => tipNode(p.node, p.pointer.DOM));
      network.on("blurEdge", hideTip);
      network.on("blurNode", hideTip);
      return;
    }
    const box = $("graph");
    let pending = null;
    box.addEventListener("pointermove", (ev) => {
      if (pending === null) requestAnimationFrame(() => {
        const rect = box.getBoundingClientRect();
        const at = { x: pending.clientX - rect.left, y: pending.clientY - rect.top };
        pending = null;
        const node = network.getNodeAt(at);
        const edge = node === undefined ? network.getEdgeAt(at) : undefined;
        if (node !== undefined) tipNode(node, at);
        else if (edge !== undefined) tipEdge(edge, at);
        else hideTip();
      });
      pending = ev;
    });
    box.addEventListener("pointerleave", hideTip);
  }

  function events() {
    tooltips();
    network.on("dragStart", hideTip);
    network.on("dragEnd", levelOfDetail);
    network.on("zoom", () => { hideTip(); levelOfDetail(); });
    network.on("click", (p) => {
      if (p.nodes.length) showNode(nodeById.get(p.nodes[0]));
      else if (p.edges.length) showEdge(edgeById.get(p.edges[0]));
    });
    network.on("doubleClick", (p) => { if (p.nodes.length) focusNode(p.nodes[0]); });
  }

  Object.assign(api, {
    network, nodes: nodeSet, edges: edgeSet, state: S,
    visibleEdgeIds: () => [...visibleEdges], visibleNodeIds: () => [...visibleNodes],
    focus: (query) => { $("search").value = query; search(); return api.focused; },
    clearFocus: clearEgo,
  });
  header();
  nodeFilters();
  typeFilters();
  dateFilters();
  countryFilter();
  searchBox();
  events();
  apply();
})();
