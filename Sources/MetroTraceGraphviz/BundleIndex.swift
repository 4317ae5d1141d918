import Foundation
import MetroTrace

/// The `index.html` of an audit bundle: one self-contained page (inline CSS and a few
/// lines of script to sort columns) with a row per chain and a link to its diagram.
enum BundleIndex {
    static func html(_ bundle: AuditBundle, network: Network, at day: Day, context: DiagramContext) -> String {
        let escape = HTMLPage.escape
        func t(_ key: String, _ arguments: (String, LocalizedText)...) -> String {
            escape(
                LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(
                    in: context.language))
        }
        let counts = Dictionary(grouping: bundle.entries, by: \.status).mapValues(\.count)
        var rows = ""
        for entry in bundle.entries {
            let item = entry.item
            let link =
                entry.file.map { "<a href=\"\(escape($0))\">\(t("report.link.diagram"))</a>" }
                ?? "<span class=\"error\">\(t("bundle.not-drawn", ("error", .literal(entry.error ?? "?"))))</span>"
            let worst =
                entry.worst.map { "<code>\(escape($0.rule.id))</code> \(escape($0.message(in: context.language)))" }
                ?? ""
            rows += """
                <tr class="\(entry.status.rawValue)"><td>\(escape(network.id(of: item)))</td>\
                <td>\(escape(network.itemName(of: item)))</td><td>\(t("kind." + network.kind(of: item).rawValue))</td>\
                <td>\(escape(network.lab(of: item).map { network.id(of: $0) } ?? ""))</td>\
                <td data-order="\(entry.status == .broken ? 0 : entry.status == .warning ? 1 : 2)">\(entry.status.symbol) \(t("status." + entry.status.rawValue))</td>\
                <td>\(worst)</td><td>\(link)</td></tr>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="\(context.language.htmlTag)">
            <head>
            <meta charset="utf-8">
            <title>\(t("bundle.title", ("date", .literal(day.description)))) — \(escape(context.datasetName))</title>
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
            <h1>\(t("bundle.title", ("date", .literal(day.description))))</h1>
            <p>\(t("bundle.dataset", ("dataset", .literal(context.datasetName)), ("policy", .literal(context.policyName))))\
            \(context.digest.map { " SHA-256 <code>\($0)</code>." } ?? "") \
            \(t("check.summary", ("count", .literal(String(bundle.entries.count))), ("valid", .literal(String(counts[.valid] ?? 0))), ("warning", .literal(String(counts[.warning] ?? 0))), ("broken", .literal(String(counts[.broken] ?? 0))))). \
            \(t("bundle.manifest")) <a href="MANIFEST.sha256">MANIFEST.sha256</a>.</p>
            <table id="chains">
            <thead><tr>\(["item", "name", "kind", "lab", "status", "worst", "diagram"].map { "<th scope=\"col\">\(t("report.heading." + $0))</th>" }.joined())</tr></thead>
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
