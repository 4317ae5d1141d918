import MetroTrace

/// A diagram as an HTML page: the SVG, and beside it the list of every item each
/// collapsed box stands for (each box links to its list), so that a large scheme or
/// impact printed on A4 or A3 still names every item. No external assets.
enum DiagramPage {
    /// The page of `graph`, given its rendered SVG.
    static func html(_ graph: DOTGraph, svg: String) -> String {
        let language = graph.language
        func text(_ key: String, _ arguments: (String, LocalizedText)...) -> String {
            HTMLPage.escape(
                LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(in: language)
            )
        }
        // The page's title is the diagram's own heading (the first line of its label).
        let label = graph.attributes.last { $0.name == "label" }.map { attribute -> String in
            switch attribute.value {
            case .html(let html): GraphvizLabelText.plainText(html)
            case .text(let text): text
            }
        }
        let heading = label?.split(separator: "\n").first.map(String.init) ?? graph.name
        let title = HTMLPage.escape(heading)
        var body = "<h1>\(title)</h1>\n<figure>\n\(HTMLPage.inlineSVG(svg))\n</figure>\n"
        if !graph.collapsed.isEmpty {
            let count = graph.collapsed.reduce(0) { $0 + $1.members.count }
            body +=
                "<section id=\"lists\">\n<h2>\(text("page.lists.title"))</h2>\n<p>\(text("page.lists.summary", ("boxes", .literal(String(graph.collapsed.count))), ("count", .literal(String(count)))))</p>\n"
            body += "<div class=\"lists\">\n"
            let headings = ["item", "name", "lab", "state"].map { "<th>\(text("page.lists.heading." + $0))</th>" }
                .joined()
            for box in graph.collapsed { body += list(box, headings: headings) }
            body += "</div>\n</section>\n"
        }
        let fonts = DiagramContext.defaultFont.split(separator: ",").filter { $0 != "sans-serif" }
            .map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            <!DOCTYPE html>
            <html lang="\(language.htmlTag)">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(title)</title>
            <style>
            body { font-family: \(fonts), sans-serif; margin: 1em; color: #222; }
            h1 { font-size: 1.3em; } h2 { font-size: 1.1em; border-bottom: 2px solid #ccc; }
            figure { margin: 0; overflow: auto; } figure svg { max-width: 100%; height: auto; }
            .lists { display: flex; flex-wrap: wrap; gap: 0 2em; align-items: flex-start; }
            table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: 90%; }
            caption { text-align: left; font-weight: bold; padding: .3em 0; }
            th, td { border-bottom: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
            td.id { white-space: nowrap; } td.broken { color: #c62828; font-weight: bold; } td.warning { color: #b26a00; }
            :target caption { background: #fff3c4; }
            @page { size: A4; margin: 12mm; }
            @media print { figure { page-break-after: always; } thead { display: table-header-group; } tr { page-break-inside: avoid; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The table of one collapsed box.
    static func list(_ box: CollapsedNode, headings: String) -> String {
        var table =
            "<table id=\"\(box.listAnchor)\">\n<caption>\(HTMLPage.escape(box.caption))</caption>\n<thead><tr>\(headings)</tr></thead>\n<tbody>\n"
        for member in box.members {
            let stateClass = member.status == .valid ? "" : " class=\"\(member.status.rawValue)\""
            table +=
                "<tr><td class=\"id\">\(HTMLPage.escape(member.id))</td><td>\(HTMLPage.escape(member.name))</td><td class=\"id\">\(HTMLPage.escape(member.lab ?? "—"))</td><td\(stateClass)>\(HTMLPage.escape(member.state))</td></tr>\n"
        }
        return table + "</tbody>\n</table>\n"
    }
}
