// Runs in the HTML page after the figure is drawn (plotly's post_script; {plot_id} is the
// figure's div). Legend clicks hide a whole lane or status; zooming relabels the axis.
(function () {
  var gd = document.getElementById('{plot_id}');
  var hidden = {lane: {}, status: {}};
  function apply() {
    var vis = [], idx = [];
    gd.data.forEach(function (t, i) {
      var m = t.meta || {};
      if (m.legend) {
        var off = hidden[m.legend][m[m.legend]];
        vis.push(off ? 'legendonly' : true); idx.push(i);
      } else if (m.lane !== undefined) {
        vis.push(!(hidden.lane[m.lane] || hidden.status[m.status])); idx.push(i);
      }
    });
    Plotly.restyle(gd, {visible: vis}, idx);
    var notes = {};
    (gd.layout.annotations || []).forEach(function (a, i) {
      var parts = String(a.name || '').split('|');
      if (parts[0] === 'label') {
        notes['annotations[' + i + '].visible'] = !(hidden.lane[parts[1]] || hidden.status[parts[2]]);
      }
    });
    Plotly.relayout(gd, notes);
  }
  gd.on('plotly_legendclick', function (ev) {
    var m = ev.data[ev.curveNumber].meta || {};
    if (!m.legend) { return false; }
    var key = m[m.legend];
    hidden[m.legend][key] = !hidden[m.legend][key];
    apply();
    return false;
  });
  gd.on('plotly_legenddoubleclick', function () { return false; });
  var axis = (gd.layout.meta || {}).axis;
  if (!axis) { return; }
  var months = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
  function dayOf(x) {
    var d = axis.days, xs = axis.xs;
    for (var i = 0; i < xs.length - 1; i++) {
      if (x <= xs[i + 1]) {
        var f = xs[i + 1] > xs[i] ? (x - xs[i]) / (xs[i + 1] - xs[i]) : 0;
        return d[i] + f * (d[i + 1] - d[i]);
      }
    }
    return d[d.length - 1];
  }
  function xOf(day) {
    var d = axis.days, xs = axis.xs;
    for (var i = 0; i < d.length - 1; i++) {
      if (day <= d[i + 1]) {
        return xs[i] + (xs[i + 1] - xs[i]) * (day - d[i]) / (d[i + 1] - d[i]);
      }
    }
    return xs[xs.length - 1];
  }
  // day ordinal (0001-01-01 = 1) <-> JavaScript date
  var EPOCH = Date.UTC(1970, 0, 1) / 86400000, ORD1970 = 719163;
  function toDate(day) { var t = new Date(0); t.setTime((day - ORD1970) * 86400000); return t; }
  function relabel(lo, hi) {
    var vals = [], text = [];
    var d0 = dayOf(lo), d1 = dayOf(hi), span = d1 - d0;
    var stepMonths = [1, 3, 6, 12, 24, 60, 120, 240, 300, 600, 1200];
    if (span < 62) {
      var step = Math.max(1, Math.round(span / 8));
      for (var day = Math.ceil(d0); day <= d1; day += step) {
        var t = toDate(day);
        vals.push(xOf(day));
        text.push(t.getUTCDate() + ' ' + months[t.getUTCMonth()] + ' ' + t.getUTCFullYear());
      }
    } else {
      var want = span / 30.44 / 8, s = stepMonths[stepMonths.length - 1];
      for (var k = 0; k < stepMonths.length; k++) { if (stepMonths[k] >= want) { s = stepMonths[k]; break; } }
      var first = toDate(d0), idx = first.getUTCFullYear() * 12 + first.getUTCMonth();
      idx += (s - idx % s) % s;
      for (; ; idx += s) {
        var y = Math.floor(idx / 12), mo = idx % 12;
        var day2 = Date.UTC(y, mo, 1) / 86400000 + ORD1970;
        if (y < 1 || day2 > d1) { if (y >= 1) break; else continue; }
        vals.push(xOf(day2));
        text.push(s >= 12 ? String(y) : months[mo] + ' ' + y);
      }
    }
    Plotly.relayout(gd, {'xaxis.tickvals': vals, 'xaxis.ticktext': text});
  }
  var base = {vals: gd.layout.xaxis.tickvals, text: gd.layout.xaxis.ticktext};
  gd.on('plotly_relayout', function (ev) {
    if (ev['xaxis.range[0]'] !== undefined) {
      relabel(ev['xaxis.range[0]'], ev['xaxis.range[1]']);
    } else if (ev['xaxis.range'] !== undefined) {
      relabel(ev['xaxis.range'][0], ev['xaxis.range'][1]);
    } else if (ev['xaxis.autorange'] !== undefined) {
      Plotly.relayout(gd, {'xaxis.tickvals': base.vals, 'xaxis.ticktext': base.text});
    }
  });
})();
