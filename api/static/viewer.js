// The graph viewer: draws /export?format=cytoscape with the vendored Cytoscape.js, and shows a
// clicked node's names, relations with their evidence, and mentions per article, or a clicked
// incident's roles, counts, time and evidence, from the JSON lookups. Incidents are diamonds of
// their own colour; the form filters them by type and date. Everything from the graph is set as
// text, never as HTML.
"use strict";
(() => {
  const container = document.getElementById("graph");
  const details = document.getElementById("details");
  const form = document.getElementById("controls");
  const status = document.getElementById("status");
  const root = container.dataset.root;
  const base = container.dataset.baseIri;
  const COLOURS = {
    person: "#1f77b4", organization: "#c0392b", place: "#2e8b3e", article: "#6b6b6b", incident: "#8e44ad",
  };

  function el(tag, text, attributes = {}) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }

  // The path of an IRI under the service's base ("person/rifi" for .../entity/person/rifi).
  function local(iri, kind) {
    const prefix = `${base}${kind}/`;
    return iri && iri.startsWith(prefix) ? iri.slice(prefix.length) : null;
  }

  function articleLink(iri, start, end, text) {
    const id = local(iri, "article");
    if (id === null) return el("span", text);
    const fragment = start === undefined ? "" : `#char=${start},${end}`;
    return el("a", text, { href: `${root}/view/articles/${id}${fragment}` });
  }

  function readForm() {
    const data = new FormData(form);
    const params = new URLSearchParams({ format: "cytoscape" });
    const focus = (data.get("focus") || "").trim();
    if (focus) {
      params.set("focus", focus);
      params.set("depth", data.get("depth") || "1");
    }
    const kinds = data.getAll("type");
    // All kinds checked is the whole graph: no filter keeps the URL short.
    if (kinds.length < form.querySelectorAll("input[name=type]").length) {
      for (const kind of kinds) params.append("type", kind);
    }
    for (const name of ["incident_type", "since", "until"]) {
      const value = (data.get(name) || "").trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  // The incident types the store holds, from /stats, as the choices of the type filter.
  async function loadIncidentTypes(chosen) {
    const select = form.elements.incident_type;
    try {
      const response = await fetch(`${root}/stats`);
      if (!response.ok) return;
      const stats = await response.json();
      for (const [type, count] of Object.entries(stats.incidents || {}).sort()) {
        select.append(el("option", `${type.replaceAll("_", " ")} (${count})`, { value: type }));
      }
    } catch (error) {
      return;
    }
    if (chosen) select.value = chosen;
  }

  function writeForm(params) {
    if (params.has("focus")) form.elements.focus.value = params.get("focus");
    if (params.has("depth")) form.elements.depth.value = params.get("depth");
    const kinds = params.getAll("type");
    if (kinds.length) {
      for (const box of form.querySelectorAll("input[name=type]")) box.checked = kinds.includes(box.value);
    }
    for (const name of ["since", "until"]) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    }
  }

  async function draw() {
    const params = readForm();
    const shown = new URLSearchParams(params);
    shown.delete("format");
    history.replaceState(null, "", shown.toString() ? `?${shown}` : location.pathname);
    window.graphReady = false;
    status.textContent = "loading…";
    let document_;
    try {
      const response = await fetch(`${root}/export?${params}`, { headers: { Accept: "application/json" } });
      document_ = await response.json();
      if (!response.ok) {
        status.textContent = `error: ${document_.error || response.status}`;
        return;
      }
    } catch (error) {
      status.textContent = `failed: ${error}`;
      return;
    }
    const elements = document_.elements || { nodes: [], edges: [] };
    if (window.cy) window.cy.destroy();
    const cy = cytoscape({
      container,
      elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "background-color": (n) => COLOURS[n.data("kind")] || "#999",
          label: "data(name)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "text-background-color": "#fcfcfc", "text-background-opacity": 0.8,
          width: (n) => 16 + 4 * Math.sqrt(n.data("mentions") || 1),
          height: (n) => 16 + 4 * Math.sqrt(n.data("mentions") || 1),
        } },
        { selector: "node[kind = 'article']", style: { shape: "round-rectangle" } },
        { selector: "node[kind = 'incident']", style: {
          shape: "diamond", width: 26, height: 26, "border-width": 2, "border-color": "#5b2c6f",
        } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } },
        { selector: "edge", style: {
          width: 2, "curve-style": "bezier", "target-arrow-shape": "triangle",
          "line-color": "#888", "target-arrow-color": "#888",
          label: "data(relation)", "font-size": 9, "text-rotation": "autorotate", color: "#555",
        } },
        { selector: "edge[relation = 'mentions'], edge[relation = 'reports']", style: {
          width: 1, "line-color": "#ddd", "target-arrow-color": "#ddd", label: "",
        } },
        // An incident's roles: dashed, in its colour.
        { selector: `edge[source ^= ${JSON.stringify(`${base}incident/`)}][relation != 'reports']`, style: {
          "line-color": "#b58bc9", "target-arrow-color": "#b58bc9", "line-style": "dashed",
        } },
      ],
      layout: { name: "cose", animate: false, randomize: true, padding: 30, numIter: 1500,
                nodeRepulsion: () => 400000, idealEdgeLength: () => 90, nodeOverlap: 20 },
    });
    // Fitting a small graph would blow its labels up: cap the zoom, keep it centred.
    if (cy.zoom() > 1.5) {
      cy.zoom(1.5);
      cy.center();
    }
    window.cy = cy;
    cy.on("tap", "node", (event) => showDetails(event.target));
    const count = cy.nodes().length;
    status.textContent = count ? `${count} nodes, ${cy.edges().length} edges` : "the graph is empty";
    window.graphReady = true;
  }

  async function showDetails(node) {
    window.cy.elements().unselect();
    node.select();
    const kind = node.data("kind");
    details.replaceChildren(el("h2", node.data("name")), el("p", kind, { class: "meta" }));
    if (kind === "article") return showArticle(node);
    if (kind === "incident") return showIncident(node);
    const path = local(node.id(), "entity");
    if (path === null) return;
    const links = el("p", null, { class: "meta" });
    links.append(el("a", "entity page", { href: `${root}/view/entities/${path}` }), " · ");
    const around = el("a", "graph around it", { href: "#" });
    around.addEventListener("click", (event) => {
      event.preventDefault();
      form.elements.focus.value = decodeURIComponent(path);
      draw();
    });
    links.append(around);
    details.append(links);
    const response = await fetch(`${root}/entities/${path}`);
    if (!response.ok) {
      details.append(el("p", `no details (${response.status})`, { class: "error" }));
      return;
    }
    const entity = await response.json();
    if (entity.alternate_names.length) details.append(el("p", `Also: ${entity.alternate_names.join(", ")}`));
    details.append(el("h3", "Relations"));
    const relations = el("ul", null, { class: "relations" });
    for (const relation of entity.relations) {
      const item = el("li");
      const other = relation.other_name || relation.other;
      const phrase = relation.direction === "out"
        ? `${entity.name} ${relation.type} ${other}` : `${other} ${relation.type} ${entity.name}`;
      item.append(el("span", phrase));
      const evidence = el("ul", null, { class: "evidence" });
      for (const span of relation.evidence) {
        const line = el("li");
        line.append(articleLink(span.article, span.start, span.end, `“${span.text}”`));
        line.append(" ", el("span", `${span.confidence.toFixed(2)}`, { class: "meta" }));
        evidence.append(line);
      }
      item.append(evidence);
      relations.append(item);
    }
    details.append(entity.relations.length ? relations : el("p", "No relations.", { class: "empty" }));
    details.append(el("h3", "Mentions"));
    const byArticle = new Map();
    for (const mention of entity.mentions) {
      if (!byArticle.has(mention.article)) byArticle.set(mention.article, []);
      byArticle.get(mention.article).push(mention);
    }
    const mentions = el("ul", null, { class: "mentions" });
    for (const [article, spans] of byArticle) {
      const item = el("li");
      item.append(articleLink(article, undefined, undefined, local(article, "article") || article));
      item.append(` (${spans.length}): `);
      spans.forEach((span, index) => {
        if (index) item.append(", ");
        item.append(articleLink(article, span.start, span.end, `“${span.text}”`));
      });
      mentions.append(item);
    }
    details.append(byArticle.size ? mentions : el("p", "No mentions.", { class: "empty" }));
  }

  function section(title, items) {
    details.append(el("h3", title));
    if (!items.length) {
      details.append(el("p", "None.", { class: "empty" }));
      return;
    }
    const list = el("ul");
    for (const item of items) list.append(item);
    details.append(list);
  }

  function line(...parts) {
    const item = el("li");
    item.append(...parts);
    return item;
  }

  async function showIncident(node) {
    const path = local(node.id(), "incident");
    if (path === null) return;
    const links = el("p", null, { class: "meta" });
    links.append(el("a", "incident page", { href: `${root}/view/incidents/${path}` }), " · ");
    const around = el("a", "graph around it", { href: "#" });
    around.addEventListener("click", (event) => {
      event.preventDefault();
      form.elements.focus.value = `incident/${decodeURIComponent(path)}`;
      draw();
    });
    links.append(around);
    details.append(links);
    const response = await fetch(`${root}/incidents/${path}`);
    if (!response.ok) {
      details.append(el("p", `no details (${response.status})`, { class: "error" }));
      return;
    }
    const incident = await response.json();
    const facts = el("dl", null, { class: "incident-facts" });
    const fact = (term, value) => {
      if (value === null || value === undefined || value === "") return;
      facts.append(el("dt", term), el("dd", value));
    };
    fact("Type", incident.type.replaceAll("_", " "));
    const codes = [
      ...incident.acled.map((c) => `ACLED ${c}`),
      ...incident.cameo.map((c) => `CAMEO ${c}`),
      ...incident.plover.map((c) => `PLOVER ${c}`),
    ];
    fact("Codes", codes.join(" · "));
    const span = incident.begin
      ? (incident.end && incident.end !== incident.begin ? `${incident.begin} – ${incident.end}` : incident.begin)
      : "";
    const when = [incident.time, span, incident.time_precision].filter(Boolean);
    fact("Time", when.length ? when.join(", ") : "not given");
    const where = [incident.place, incident.site].filter(Boolean).join(", ");
    fact("Place", where ? `${where}${incident.geo_precision ? ` (${incident.geo_precision})` : ""}` : "");
    fact("Modality", incident.modality);
    fact("Source", incident.attribution);
    fact("Confidence", incident.confidence.toFixed(2));
    fact("Reported", `${incident.articles} article${incident.articles === 1 ? "" : "s"}` +
      (incident.first_reported ? `, ${incident.first_reported}` : ""));
    details.append(facts);
    section("Roles", incident.roles.map((role) => {
      const entity = local(role.iri, "entity");
      const name = entity === null ? el("span", role.name) : el("a", role.name, { href: `${root}/view/entities/${entity}` });
      return line(el("span", `${role.role}: `, { class: "role" }), name);
    }));
    section("Counts", incident.counts.map((count) => line(
      `${count.of}: ${count.qualifier === "exactly" ? "" : `${count.qualifier} `}${count.quantity} `,
      el("span", `“${count.text}”`, { class: "meta" }),
    )));
    section("Evidence", incident.evidence.map((evidence) => {
      const item = line(articleLink(incident.article, evidence.start, evidence.end, `“${evidence.text}”`));
      if (evidence.sentence) item.append(el("blockquote", evidence.sentence.trim()));
      return item;
    }));
  }

  async function showArticle(node) {
    const id = local(node.id(), "article");
    if (id === null) return;
    const link = el("p");
    link.append(el("a", "annotated text", { href: `${root}/view/articles/${id}` }));
    details.append(link);
    const response = await fetch(`${root}/articles/${id}`);
    if (!response.ok) return;
    const article = await response.json();
    if (article.headline) details.append(el("p", article.headline));
    if (article.published) details.append(el("p", `published ${article.published}`, { class: "meta" }));
    details.append(el("p", `${article.mentions.length} mentions, ${article.triggers.length} incident triggers`));
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); draw(); });
  for (const box of form.querySelectorAll("input[name=type]")) box.addEventListener("change", draw);
  for (const name of ["incident_type", "since", "until"]) form.elements[name].addEventListener("change", draw);
  const asked = new URLSearchParams(location.search);
  writeForm(asked);
  loadIncidentTypes(asked.get("incident_type")).then(draw);
})();
