/* Renders the ranking table from the JSON block and sorts it by the clicked column.
   Values are inserted with textContent only: report text is untrusted. ES5, for older office browsers. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ranking-data").textContent);
  var table = document.getElementById("ranking-table");
  var headers = table.tHead.rows[0].cells;
  var state = { key: "rank", ascending: true };

  function value(row, key) {
    if (key.indexOf("dim") === 0) { return row.dimensions[Number(key.slice(3))]; }
    return row[key];
  }

  function compare(a, b, key, type) {
    var x = value(a, key), y = value(b, key);
    if (x === null || x === undefined) { return (y === null || y === undefined) ? 0 : 1; }
    if (y === null || y === undefined) { return -1; }
    var order = type === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
    return state.ascending ? order : -order;
  }

  // A flag after the agency's name in the ranking, its explanation on hover (a link when it has an href).
  function flag(parent, tag, className, text, title, href) {
    var element = document.createElement(tag);
    element.className = className;
    if (href) { element.href = href; }
    element.textContent = text;
    element.title = title;
    parent.appendChild(document.createTextNode(" "));
    parent.appendChild(element);
    return element;
  }

  function cell(tr, key, text, className) {
    var td = document.createElement("td");
    td.setAttribute("data-key", key);
    td.textContent = text === null || text === undefined ? "—" : String(text);
    if (className) { td.className = className; }
    tr.appendChild(td);
    return td;
  }

  function render() {
    var type = "number";
    for (var h = 0; h < headers.length; h++) {
      var key = headers[h].getAttribute("data-key");
      if (key === state.key) {
        type = headers[h].getAttribute("data-type");
        headers[h].setAttribute("aria-sort", state.ascending ? "ascending" : "descending");
      } else {
        headers[h].removeAttribute("aria-sort");
      }
    }
    var rows = data.rows.slice();
    rows.sort(function (a, b) { return compare(a, b, state.key, type) || a.id - b.id; });
    var body = document.createElement("tbody");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var tr = document.createElement("tr");
      tr.setAttribute("data-report", String(row.id));
      cell(tr, "rank", row.rank, "num");
      var agency = cell(tr, "agency", "", "");
      var link = document.createElement("a");
      link.href = "#report-" + row.id;
      link.textContent = row.agency;
      agency.appendChild(link);
      if (row.truncated) {
        flag(agency, "span", "flag", "文本可能不完整", "文本在句子中间结束，可能只读到报告的一部分：请核对原文件。");
      }
      if (row.missing) {
        flag(agency, "span", "flag", "原文件已不存在", "评分后该文件已删除或移走：结果仍保留，但不代表文件夹中现有的文件。");
      }
      if (row.same_group) {
        flag(agency, "a", "flag same", "同年度 " + row.same_count + " 份",
          "同一机关同一年度有多份报告（共 " + row.same_count + " 份），请核对以哪一份为准",
          "#same-agency-year-" + row.same_group);
      }
      cell(tr, "year", row.year, "num");
      cell(tr, "score", row.score, "num");
      cell(tr, "grade", row.grade, "");
      for (var d = 0; d < row.dimensions.length; d++) { cell(tr, "dim" + d, row.dimensions[d], "num"); }
      cell(tr, "deductions", row.deductions, "num");
      cell(tr, "format", row.format, "");
      cell(tr, "path", row.path.split(/[\\\/]/).pop(), "path").title = row.path;
      body.appendChild(tr);
    }
    table.replaceChild(body, table.tBodies[0]);
    table.setAttribute("data-rendered", String(rows.length));
  }

  function sortBy(header) {
    var key = header.getAttribute("data-key");
    state.ascending = key === state.key ? !state.ascending : header.getAttribute("data-type") !== "number" || key === "rank";
    state.key = key;
    render();
  }

  // A link may ask for an initial order: report.html?sort=score&order=desc (keys are the data-key values).
  var query = /[?&]sort=([a-z0-9]+)(?:&order=(asc|desc))?/.exec(window.location.search);
  if (query && table.querySelector('th[data-key="' + query[1] + '"]')) {
    state.key = query[1];
    state.ascending = query[2] !== "desc";
  }

  for (var i = 0; i < headers.length; i++) {
    headers[i].addEventListener("click", function (event) { sortBy(event.currentTarget); });
    headers[i].addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(event.currentTarget); }
    });
  }
  render();
})();
