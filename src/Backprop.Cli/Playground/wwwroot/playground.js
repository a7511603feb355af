// Backprop playground: the page. It holds no model: it sends settings to the server, receives frames by server-sent
// events and draws them. window.playground exposes its state for the browser tests.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const state = { id: null, info: null, source: null, frames: 0, frame: null, points: null, generation: -1, history: [], recent: [], ups: 0, csv: false, playing: false };
  window.playground = state;
  let settings = null;

  // Orange (0) → white (0.5) → blue (1), as on TensorFlow Playground.
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255, lo = [245, 147, 34], mid = [232, 234, 235], hi = [8, 119, 189];
    const [a, b, u] = t < 0.5 ? [lo, mid, t * 2] : [mid, hi, t * 2 - 1];
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = a[c] + (b[c] - a[c]) * u;
  }
  const colour = v => { const i = Math.max(0, Math.min(255, Math.round(v * 255))) * 3; return `rgb(${lut[i]},${lut[i + 1]},${lut[i + 2]})`; };

  function bytes(base64) {
    const s = atob(base64), out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  // A size×size map of bytes as an offscreen canvas.
  function mapCanvas(data, size, reuse) {
    const c = reuse || document.createElement("canvas");
    c.width = size; c.height = size;
    const ctx = c.getContext("2d"), img = ctx.createImageData(size, size);
    for (let i = 0; i < data.length; i++) {
      const k = data[i] * 3;
      img.data[4 * i] = lut[k]; img.data[4 * i + 1] = lut[k + 1]; img.data[4 * i + 2] = lut[k + 2]; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return c;
  }

  function showMessage(text) { $("message").textContent = text || ""; }

  async function api(path, options) {
    const response = await fetch(path, options);
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    if (!response.ok) throw new Error(body && body.error ? body.error : `the server answered ${response.status}`);
    return body;
  }

  const post = (path, value) => api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: value === undefined ? "" : JSON.stringify(value) });

  function options(select, values, labels, chosen) {
    select.innerHTML = "";
    values.forEach((v, i) => { const o = document.createElement("option"); o.value = v; o.textContent = labels ? labels[i] : v; select.appendChild(o); });
    select.value = String(chosen);
  }

  const datasetNames = { circle: "Circle", xor: "XOR", gauss: "Gaussian clusters", spiral: "Spiral", flower: "Planar flower (course)", plane: "Plane (regression)", multigauss: "Multi-Gaussian (regression)", csv: "Your CSV" };
  const featureNames = { "x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1x2": "x₁x₂", "sin_x1": "sin x₁", "sin_x2": "sin x₂" };

  function buildControls() {
    const info = state.info, d = settings;
    const sets = [...info.datasets, "csv"];
    options($("dataset"), sets, sets.map(s => datasetNames[s] || s), d.dataset);
    $("dataset").querySelector('option[value="csv"]').disabled = !state.csv;
    options($("activation"), info.activations, null, d.activation);
    options($("optimizer"), info.optimizers, ["Gradient descent", "Momentum", "Adam"], d.optimizer);
    options($("learningRate"), [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10], null, d.learningRate);
    options($("l2"), [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10], null, d.l2);
    $("seed").value = d.seed; $("noise").value = d.noise; $("trainPercent").value = d.trainPercent; $("batchSize").value = d.batchSize;
    const features = $("features");
    features.innerHTML = "";
    for (const f of info.features) {
      const label = document.createElement("label"), box = document.createElement("input");
      box.type = "checkbox"; box.value = f; box.checked = d.features.includes(f);
      box.addEventListener("change", () => { settings.features = [...features.querySelectorAll("input:checked")].map(b => b.value); send(); });
      label.append(box, " " + (featureNames[f] || f));
      features.appendChild(label);
    }
    buildUnits();
    labels();
  }

  function buildUnits() {
    const units = $("units");
    units.innerHTML = "";
    settings.hidden.forEach((n, l) => {
      const span = document.createElement("span"), minus = document.createElement("button"), plus = document.createElement("button");
      minus.textContent = "−"; plus.textContent = "+";
      minus.onclick = () => { if (settings.hidden[l] > 1) { settings.hidden[l]--; buildUnits(); send(); } };
      plus.onclick = () => { if (settings.hidden[l] < state.info.maxUnits) { settings.hidden[l]++; buildUnits(); send(); } };
      span.append(`layer ${l + 1}: `, minus, ` ${n} `, plus);
      units.appendChild(span);
    });
    $("layerCount").textContent = settings.hidden.length;
  }

  function labels() {
    $("noiseValue").textContent = settings.noise;
    $("trainPercentValue").textContent = settings.trainPercent + "%";
    $("batchSizeValue").textContent = settings.batchSize;
  }

  let sendTimer = null;
  function send() {
    labels();
    clearTimeout(sendTimer);
    sendTimer = setTimeout(async () => {
      try { await post(`/api/sessions/${state.id}/settings`, settings); showMessage(""); }
      catch (e) { showMessage(e.message); }
    }, 60);
  }

  function wire() {
    const change = (id, key, parse) => $(id).addEventListener(id === "noise" || id === "trainPercent" || id === "batchSize" ? "input" : "change", () => {
      settings[key] = parse($(id).value); send();
    });
    change("dataset", "dataset", String); change("activation", "activation", String); change("optimizer", "optimizer", String);
    change("learningRate", "learningRate", Number); change("l2", "l2", Number); change("seed", "seed", v => Math.max(0, parseInt(v, 10) || 0));
    change("noise", "noise", Number); change("trainPercent", "trainPercent", Number); change("batchSize", "batchSize", Number);
    $("addLayer").onclick = () => { if (settings.hidden.length < state.info.maxHiddenLayers) { settings.hidden.push(2); buildUnits(); send(); } };
    $("removeLayer").onclick = () => { if (settings.hidden.length > 0) { settings.hidden.pop(); buildUnits(); send(); } };
    $("play").onclick = () => command(state.playing ? "pause" : "play");
    $("step").onclick = () => command("step");
    $("reset").onclick = () => command("reset");
    $("csvFile").addEventListener("change", upload);
    window.addEventListener("pagehide", () => { if (state.id) navigator.sendBeacon(`/api/sessions/${state.id}/close`); });
  }

  async function command(name) {
    try { await post(`/api/sessions/${state.id}/${name}`); showMessage(""); }
    catch (e) { showMessage(e.message); }
  }

  async function upload() {
    const file = $("csvFile").files[0];
    if (!file) return;
    if (file.size > state.info.maxUploadBytes) { showMessage(`${file.name}: too large (${Math.round(file.size / 1024)} KiB); the playground takes up to ${state.info.maxUploadBytes / 1024} KiB.`); return; }
    const target = $("csvTarget").value.trim();
    try {
      const text = await file.text();
      const result = await api(`/api/sessions/${state.id}/upload?name=${encodeURIComponent(file.name)}&target=${encodeURIComponent(target)}`,
        { method: "POST", headers: { "Content-Type": "text/csv" }, body: text });
      state.csv = true;
      settings.dataset = "csv";
      $("dataset").querySelector('option[value="csv"]').disabled = false;
      $("dataset").value = "csv";
      showMessage("");
      $("message").textContent = "";
      document.title = `Backprop playground — ${file.name} (${result.rows} rows)`;
    } catch (e) { showMessage(e.message); }
  }

  function connect() {
    const source = new EventSource(`/api/sessions/${state.id}/events`);
    state.source = source;
    source.addEventListener("points", e => { state.points = JSON.parse(e.data); });
    source.addEventListener("frame", e => onFrame(JSON.parse(e.data)));
    source.onerror = async () => {
      if (source.readyState === EventSource.CLOSED) showMessage("the connection to the playground server was lost; reload the page");
      else {
        try { await api(`/api/sessions/${state.id}/frame`); }
        catch (err) { source.close(); showMessage(err.message); }
      }
    };
  }

  function onFrame(frame) {
    if (frame.generation !== state.generation) { state.generation = frame.generation; state.history = []; }
    state.frame = frame;
    state.frames++;
    state.playing = frame.playing;
    const now = performance.now();
    state.recent.push(now);
    while (state.recent.length && now - state.recent[0] > 1000) state.recent.shift();
    state.ups = state.recent.length;
    if (frame.trainCost >= 0) state.history.push([frame.epoch, frame.trainCost, frame.testCost]);
    if (state.history.length > 1500) state.history = state.history.filter((_, i) => i % 2 === 0);
    if (frame.message) showMessage(frame.message);
    draw(frame);
  }

  const heatSource = document.createElement("canvas");
  function draw(frame) {
    $("play").textContent = frame.playing ? "❚❚ Pause" : "▶ Play";
    $("epoch").textContent = frame.epoch;
    $("ups").textContent = state.ups;
    $("trainCost").textContent = frame.trainCost >= 0 ? frame.trainCost.toFixed(3) : "–";
    $("testCost").textContent = frame.testCost >= 0 ? frame.testCost.toFixed(3) : "–";
    const shapes = $("shapes");
    if (shapes.dataset.key !== frame.shapes.join("|")) {
      shapes.dataset.key = frame.shapes.join("|");
      shapes.innerHTML = "";
      for (const s of frame.shapes) { const li = document.createElement("li"); li.textContent = s; shapes.appendChild(li); }
    }
    drawHeat(frame);
    drawNetwork(frame);
    drawCurve();
  }

  function drawHeat(frame) {
    const canvas = $("heat"), ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
    mapCanvas(bytes(frame.output), 100, heatSource);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heatSource, 0, 0, w, h);
    const p = state.points;
    if (!p) return;
    const toX = x => (x + 6) / 12 * w, toY = y => (6 - y) / 12 * h;
    for (const [set, rim] of [[p.train, "#fff"], [p.test, "#000"]]) {
      for (let i = 0; i < set.length; i += 3) {
        ctx.beginPath();
        ctx.arc(toX(set[i]), toY(set[i + 1]), 3.2, 0, 2 * Math.PI);
        ctx.fillStyle = colour(set[i + 2]);
        ctx.fill();
        ctx.lineWidth = 1; ctx.strokeStyle = rim; ctx.stroke();
      }
    }
  }

  const neuronCanvases = [];
  function drawNetwork(frame) {
    const canvas = $("net"), ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    const layers = frame.layers, columns = layers.length;
    const most = Math.max(...layers.map(l => l.maps.length)), box = Math.max(10, Math.min(36, (H - 20) / most - 6));
    const xs = layers.map((_, l) => 20 + l * (W - 40 - box) / Math.max(1, columns - 1));
    const position = (l, u, count) => [xs[l], 10 + u * Math.min(box + 12, (H - 20 - box) / Math.max(1, count - 1))];
    // Weights: lines from unit u of layer l−1 to unit v of layer l; width ∝ |w|, blue positive, orange negative.
    for (let l = 1; l < columns; l++) {
      const weights = layers[l].weights, count = weights.length, previous = weights[0].length;
      for (let v = 0; v < count; v++) {
        const [x2, y2] = l === columns - 1 ? [xs[l], H / 2 - box / 2] : position(l, v, count);
        for (let u = 0; u < previous; u++) {
          const [x1, y1] = position(l - 1, u, previous), w = weights[v][u];
          ctx.beginPath();
          ctx.moveTo(x1 + box, y1 + box / 2);
          ctx.lineTo(x2, y2 + box / 2);
          ctx.lineWidth = Math.min(6, 0.5 + Math.abs(w) * 1.5);
          ctx.strokeStyle = colour(Math.max(0, Math.min(1, 0.5 + w / 2)));
          ctx.stroke();
        }
      }
    }
    let k = 0;
    layers.forEach((layer, l) => {
      layer.maps.forEach((map, u) => {
        const c = mapCanvas(bytes(map), 25, neuronCanvases[k]);
        neuronCanvases[k++] = c;
        const [x, y] = position(l, u, layer.maps.length);
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(c, x, y, box, box);
        ctx.strokeStyle = "#999"; ctx.lineWidth = 1; ctx.strokeRect(x, y, box, box);
      });
    });
    const out = layers[columns - 1];
    ctx.drawImage(heatSource, xs[columns - 1], H / 2 - box / 2, box, box);
    ctx.fillStyle = "#333"; ctx.font = "12px system-ui";
    ctx.fillText(out.names[0], xs[columns - 1] + 10, H / 2 + box / 2 + 14);
    layers[0].names.forEach((n, u) => { const [x, y] = position(0, u, layers[0].names.length); ctx.fillText(featureNames[n] || n, x, y + box + 11); });
  }

  function drawCurve() {
    const canvas = $("curve"), ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height, data = state.history;
    ctx.clearRect(0, 0, w, h);
    if (data.length < 2) return;
    const maxCost = Math.max(...data.map(d => Math.max(d[1], d[2]))) || 1, first = data[0][0], last = data[data.length - 1][0] || 1;
    for (const [index, style] of [[1, "#888"], [2, "#111"]]) {
      ctx.beginPath();
      data.forEach((d, i) => {
        const x = (d[0] - first) / Math.max(1, last - first) * (w - 4) + 2, y = h - 4 - d[index] / maxCost * (h - 8);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.lineWidth = 1.5; ctx.strokeStyle = style; ctx.stroke();
    }
    ctx.fillStyle = "#555"; ctx.font = "11px system-ui";
    ctx.fillText("train (grey), test (black)", 6, 12);
  }

  async function start() {
    try {
      state.info = await api("/api/info");
      settings = structuredClone(state.info.defaults);
      state.csv = !!state.info.csv;
      buildControls();
      wire();
      state.id = (await post("/api/sessions", settings)).id;
      $("downloadModel").href = `/api/sessions/${state.id}/model.bp`;
      $("downloadData").href = `/api/sessions/${state.id}/data.csv`;
      connect();
    } catch (e) { showMessage(e.message); }
  }
  start();
})();
