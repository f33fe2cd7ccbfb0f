// The SPARQL page: runs the textarea's query against /sparql and draws the result as a table.
// Every value is set as text, never as HTML.
"use strict";
(() => {
  const form = document.getElementById("sparql-form");
  const textarea = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const endpoint = form.dataset.endpoint;

  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => {
      textarea.value = button.dataset.query;
      form.requestSubmit();
    });
  }

  function cell(tag, text) {
    const element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function drawBindings(data) {
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    for (const name of data.head.vars) head.appendChild(cell("th", name));
    const body = table.createTBody();
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const name of data.head.vars) {
        row.appendChild(cell("td", binding[name] ? binding[name].value : ""));
      }
    }
    results.replaceChildren(table);
    status.textContent = `${data.results.bindings.length} rows`;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "running…";
    results.replaceChildren();
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.5" },
        body: new URLSearchParams({ query: textarea.value }),
      });
      const type = response.headers.get("content-type") || "";
      if (!response.ok) {
        const problem = type.includes("json") ? (await response.json()).error : await response.text();
        status.textContent = `error ${response.status}: ${problem}`;
        return;
      }
      if (type.includes("json")) {
        const data = await response.json();
        if ("boolean" in data) {
          results.replaceChildren(cell("p", String(data.boolean)));
          status.textContent = "ask";
        } else {
          drawBindings(data);
        }
      } else {
        results.replaceChildren(cell("pre", await response.text()));
        status.textContent = "graph";
      }
    } catch (error) {
      status.textContent = `failed: ${error}`;
    }
  });
})();
