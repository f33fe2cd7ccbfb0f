// The map and timeline page: incidents from the JSON twin (/map, with the page's filters) as
// circles on country outlines (vendor/countries-110m.geojson; no tile server), and their counts
// by type and week in a table below. A circle or a dot in the table opens the incident's page.
"use strict";

(function () {
  const box = document.getElementById("map");
  const root = box.dataset.root || "";
  const query = box.dataset.query || "";
  const status = document.getElementById("status");
  const timeline = document.getElementById("timeline");
  const COLOURS = ["#8e44ad", "#c0392b", "#1f77b4", "#2e8b3e", "#d35400", "#16a085", "#7f8c8d",
    "#b7950b", "#2c3e50", "#e84393"];

  const map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 0], 2);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Country outlines: Natural Earth");
  window.incidentMap = map;
  window.incidentMarkers = [];

  function colourOf(types) {
    const colours = {};
    types.forEach((type, i) => { colours[type] = COLOURS[i % COLOURS.length]; });
    return colours;
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function label(incident) {
    const actors = [incident.actor1, incident.actor2].filter(Boolean).join(" – ");
    return [incident.type.replace(/_/g, " "), incident.place, incident.date, actors]
      .filter(Boolean).join(", ");
  }

  function drawMarkers(incidents, colours) {
    const placed = incidents.filter((i) => i.latitude !== null && i.longitude !== null);
    const bounds = [];
    placed.forEach((incident) => {
      const at = [incident.latitude, incident.longitude];
      const marker = L.circleMarker(at, {
        radius: 7, color: "#222", weight: 1, fillColor: colours[incident.type], fillOpacity: 0.85,
        className: "incident-marker",
      }).addTo(map);
      marker.bindTooltip(label(incident));
      if (incident.page) marker.on("click", () => { window.location.href = incident.page; });
      window.incidentMarkers.push({ id: incident.id, type: incident.type, page: incident.page,
        marker: marker });
      bounds.push(at);
    });
    // Without animation: the markers are where they end up as soon as the page is ready.
    if (bounds.length === 1) map.setView(bounds[0], 6, { animate: false });
    else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 8, animate: false });
    }
  }

  function mondayAfter(iso) {
    const day = new Date(iso + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() + 7);
    return day.toISOString().slice(0, 10);
  }

  function isoWeek(iso) {
    // The ISO week of a Monday: that of its Thursday.
    const thursday = new Date(iso + "T00:00:00Z");
    thursday.setUTCDate(thursday.getUTCDate() + 3);
    const year = thursday.getUTCFullYear();
    const first = Date.UTC(year, 0, 1);
    const week = 1 + Math.floor((thursday - first) / 86400000 / 7);
    return year + "-W" + String(week).padStart(2, "0");
  }

  function drawTimeline(data, types, colours) {
    timeline.textContent = "";
    if (!data.weeks.length) {
      timeline.appendChild(element("p", { class: "empty" }, "No dated incidents."));
      return;
    }
    // Every week from the first to the last, empty ones too, while that stays readable.
    let weeks = data.weeks;
    const byWeek = Object.fromEntries(weeks.map((w) => [w.week, w]));
    const filled = [];
    for (let start = weeks[0].start; start <= weeks[weeks.length - 1].start && filled.length <= 160;
      start = mondayAfter(start)) {
      const week = isoWeek(start);
      filled.push(byWeek[week] || { week: week, start: start, counts: {}, total: 0 });
    }
    if (filled.length <= 160) weeks = filled;
    const incidents = {};
    data.results.forEach((i) => {
      if (i.week) (incidents[i.week + " " + i.type] = incidents[i.week + " " + i.type] || []).push(i);
    });
    const table = element("table", { class: "timeline" });
    const head = table.createTHead().insertRow();
    head.appendChild(element("th", {}, "week"));
    types.forEach((type) => {
      const th = element("th", { "data-type": type }, type.replace(/_/g, " "));
      th.style.color = colours[type];
      head.appendChild(th);
    });
    head.appendChild(element("th", {}, "all"));
    const body = table.createTBody();
    weeks.forEach((week) => {
      const row = body.insertRow();
      row.dataset.week = week.week;
      row.appendChild(element("th", { title: "from " + week.start }, week.week));
      types.forEach((type) => {
        const count = week.counts[type] || 0;
        const cell = row.insertCell();
        cell.dataset.type = type;
        cell.dataset.count = String(count);
        if (!count) return;
        cell.appendChild(element("span", { class: "count" }, String(count)));
        (incidents[week.week + " " + type] || []).forEach((incident) => {
          const dot = element("a", { class: "dot", href: incident.page || "#",
            title: label(incident) }, "●");
          dot.style.color = colours[type];
          cell.appendChild(dot);
        });
      });
      row.appendChild(element("td", { class: "total" }, String(week.total)));
    });
    timeline.appendChild(table);
  }

  function show(message) { status.textContent = message; }

  const outlines = fetch(root + "/static/vendor/countries-110m.geojson")
    .then((r) => r.json())
    .then((world) => {
      L.geoJSON(world, {
        interactive: false,
        style: { color: "#999", weight: 0.6, fillColor: "#f2efe6", fillOpacity: 1 },
      }).addTo(map);
    });
  const incidents = fetch(root + "/map" + (query ? "?" + query : "")).then((r) =>
    r.json().then((data) => {
      if (!r.ok) throw new Error(data.error || r.statusText);
      return data;
    }));

  Promise.all([outlines, incidents])
    .then(([, data]) => {
      const types = [...new Set(data.results.map((i) => i.type))].sort();
      const colours = colourOf(types);
      drawMarkers(data.results, colours);
      drawTimeline(data, types, colours);
      const off = data.results.length - data.placed;
      show(data.results.length + " incidents, " + data.placed + " on the map" +
        (off ? " (" + off + " without coordinates)" : "") +
        (data.undated ? ", " + data.undated + " undated" : "") +
        (data.truncated ? "; more pass the filters than are shown" : ""));
    })
    .catch((error) => { show("Could not load the incidents: " + error.message); })
    .finally(() => { window.mapReady = true; });
})();
