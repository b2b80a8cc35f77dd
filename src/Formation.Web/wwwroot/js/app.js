// Formation: small progressive enhancements; every page works without them.
(function () {
    'use strict';

    function drawOrgChart(element) {
        var source = document.getElementById(element.getAttribute('data-source'));
        if (!source || typeof echarts === 'undefined') {
            return;
        }
        var data = JSON.parse(source.textContent);
        var chart = echarts.init(element, null, { renderer: 'svg' });
        chart.setOption({
            animation: false,
            series: [{
                type: 'tree',
                data: [data],
                orient: 'TB',
                top: 40, bottom: 60, left: 20, right: 20,
                symbol: 'roundRect',
                symbolSize: [10, 10],
                expandAndCollapse: false,
                initialTreeDepth: -1,
                label: { position: 'top', fontSize: 13, backgroundColor: '#fff', borderColor: '#0d6efd', borderWidth: 1, borderRadius: 4, padding: [6, 8] },
                leaves: { label: { position: 'bottom' } },
                lineStyle: { color: '#adb5bd', curveness: 0 }
            }]
        });
        window.addEventListener('resize', function () { chart.resize(); });
        // A chart drawn in a hidden tab has no size; draw it again when its tab is shown.
        document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (tab) {
            tab.addEventListener('shown.bs.tab', function () { chart.resize(); });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('[data-chart="orgchart"]').forEach(drawOrgChart);
    });
})();
