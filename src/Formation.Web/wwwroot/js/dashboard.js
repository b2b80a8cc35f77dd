// Formation dashboard: draws the trend, channel mix and funnel from the JSON the page carries.
// The figures are all in the page's tables and cards as well; without script only the charts are missing.
(function () {
    'use strict';

    function money(symbol, value) {
        // A day still to come has no value (null, or '-' in a tooltip).
        if (value === null || value === undefined || value === '-') { return '—'; }
        return symbol + Number(value).toLocaleString(undefined, { maximumFractionDigits: 2 });
    }

    function empty(chart, text) {
        chart.setOption({ title: { text: text, left: 'center', top: 'middle', textStyle: { color: '#6c757d', fontSize: 14, fontWeight: 'normal' } } });
    }

    function trend(chart, data) {
        var l = data.labels;
        if (data.trend.length === 0) { empty(chart, l.empty); return; }
        chart.setOption({
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 56, right: 56, top: 36, bottom: 28 },
            xAxis: { type: 'category', data: data.trend.map(function (p) { return p.label; }) },
            yAxis: [
                { type: 'value', name: data.currency, axisLabel: { formatter: function (v) { return money('', v); } } },
                { type: 'value', minInterval: 1 }
            ],
            series: [
                { name: l.cost, type: 'bar', data: data.trend.map(function (p) { return p.cost; }), tooltip: { valueFormatter: function (v) { return money(data.currency, v); } } },
                { name: l.revenue, type: 'line', data: data.trend.map(function (p) { return p.revenue; }), tooltip: { valueFormatter: function (v) { return money(data.currency, v); } } },
                { name: l.leads, type: 'line', yAxisIndex: 1, data: data.trend.map(function (p) { return p.leads; }) },
                { name: l.conversions, type: 'line', yAxisIndex: 1, data: data.trend.map(function (p) { return p.conversions; }) }
            ]
        });
    }

    function mix(chart, data) {
        var rows = data.channels.filter(function (c) { return c.cost > 0; });
        if (rows.length === 0) { empty(chart, data.labels.empty); return; }
        chart.setOption({
            animation: false,
            tooltip: { trigger: 'item', valueFormatter: function (v) { return money(data.currency, v); } },
            series: [{
                type: 'pie', radius: ['35%', '70%'],
                label: { formatter: '{b}\n{d}%' },
                data: rows.map(function (c) { return { name: c.name, value: c.cost }; })
            }]
        });
    }

    function funnel(chart, data) {
        var l = data.labels;
        if (data.funnel[0].value === 0) { empty(chart, l.empty); return; }
        // Stages differ by orders of magnitude, so the widths follow the order of the stages and the labels carry
        // the numbers and each stage's share of the one before.
        var stages = data.funnel.map(function (s, i) {
            var before = i === 0 ? null : data.funnel[i - 1].value;
            var share = before ? ' (' + (100 * s.value / before).toFixed(2) + '%)' : '';
            return { name: l[s.key], value: data.funnel.length - i, label: { formatter: l[s.key] + ': ' + Number(s.value).toLocaleString() + share } };
        });
        chart.setOption({
            animation: false,
            series: [{ type: 'funnel', sort: 'none', minSize: '20%', left: 8, right: 8, top: 8, bottom: 8, label: { position: 'inside', color: '#fff' }, data: stages }]
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        var source = document.getElementById('dashboard-data');
        if (!source || typeof echarts === 'undefined') {
            return;
        }
        var data = JSON.parse(source.textContent);
        var draw = { trend: trend, mix: mix, funnel: funnel };
        var charts = [];
        document.querySelectorAll('[data-chart]').forEach(function (element) {
            var kind = element.getAttribute('data-chart');
            if (!draw[kind]) { return; }
            var chart = echarts.init(element, null, { renderer: 'svg' });
            draw[kind](chart, data);
            element.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    });
})();
