import Foundation
import MetroTrace

/// The `index.html` of an audit bundle: one self-contained page (inline CSS and a few
/// lines of script to sort columns) with a row per chain and a link to its diagram.
enum BundleIndex {
    static func html(_ bundle: AuditBundle, network: Network, at day: Day, context: DiagramContext) -> String {
        let escape = HTMLPage.escape
        let counts = Dictionary(grouping: bundle.entries, by: \.status).mapValues(\.count)
        var rows = ""
        for entry in bundle.entries {
            let item = entry.item
            let link =
                entry.file.map { "<a href=\"\(escape($0))\">diagram</a>" }
                ?? "<span class=\"error\">not drawn: \(escape(entry.error ?? "unknown error"))</span>"
            let worst = entry.worst.map { "<code>\(escape($0.rule.id))</code> \(escape($0.message))" } ?? ""
            rows += """
                <tr class="\(entry.status.rawValue)"><td>\(escape(network.id(of: item)))</td>\
                <td>\(escape(network.itemName(of: item)))</td><td>\(escape(network.kind(of: item).rawValue))</td>\
                <td>\(escape(network.lab(of: item).map { network.id(of: $0) } ?? ""))</td>\
                <td data-order="\(entry.status == .broken ? 0 : entry.status == .warning ? 1 : 2)">\(entry.status.symbol) \(entry.status.rawValue)</td>\
                <td>\(worst)</td><td>\(link)</td></tr>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Traceability chains at \(day) — \(escape(context.datasetName))</title>
            <style>
            body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { cursor: pointer; background: #f4f4f4; }
            tr.broken td:nth-child(5) { color: #c62828; font-weight: bold; }
            tr.warning td:nth-child(5) { color: #b26a00; font-weight: bold; }
            tr.valid td:nth-child(5) { color: #2e7d32; }
            .error { color: #c62828; }
            code { font-size: 90%; }
            @media print { th { cursor: auto; } a { color: inherit; } }
            </style>
            </head>
            <body>
            <h1>Traceability chains at \(day)</h1>
            <p>Dataset “\(escape(context.datasetName))”\(context.digest.map { ", SHA-256 <code>\($0)</code>" } ?? ""); \
            policy \(escape(context.policyName)). \(bundle.entries.count) chains: \(counts[.valid] ?? 0) valid, \
            \(counts[.warning] ?? 0) with warnings, \(counts[.broken] ?? 0) broken. \
            Every file's digest is in <a href="MANIFEST.sha256">MANIFEST.sha256</a>.</p>
            <table id="chains">
            <thead><tr><th scope="col">Item</th><th scope="col">Name</th><th scope="col">Kind</th>\
            <th scope="col">Lab</th><th scope="col">Status</th><th scope="col">Worst finding</th>\
            <th scope="col">Diagram</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            <script>
            document.querySelectorAll("#chains th").forEach(function (header, column) {
              header.addEventListener("click", function () {
                var body = document.querySelector("#chains tbody");
                var rows = Array.prototype.slice.call(body.rows);
                var ascending = header.dataset.ascending !== "true";
                header.dataset.ascending = ascending;
                rows.sort(function (a, b) {
                  var x = a.cells[column].dataset.order || a.cells[column].textContent;
                  var y = b.cells[column].dataset.order || b.cells[column].textContent;
                  return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
            </script>
            </body>
            </html>

            """
    }
}
