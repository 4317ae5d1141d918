import MetroTrace

/// The HTML of the audit report, section by section.
struct AuditPage {
    private var body = ""
    let title: String

    init(title: String) { self.title = title }

    let escape = HTMLPage.escape

    /// An anchor id for an item's chain (ids may hold anything; anchors may not).
    static func anchor(_ item: String) -> String {
        "chain-"
            + item.unicodeScalars.map { scalar in
                (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) && scalar.isASCII
                    ? String(scalar) : "_\(scalar.value)_"
            }.joined()
    }

    mutating func header(context: DiagramContext, at day: Day, counts: (valid: Int, warning: Int, broken: Int)) {
        body += """
            <header>
            <h1>\(escape(title))</h1>
            <dl class="facts">
            <dt>Query date</dt><dd>\(day)</dd>
            <dt>Dataset</dt><dd>\(escape(context.datasetName))</dd>
            <dt>SHA-256 of the dataset</dt><dd><code>\(escape(context.digest ?? "(not computed)"))</code></dd>
            <dt>Policy</dt><dd>\(escape(context.policyName))</dd>
            <dt>Items</dt><dd>\(counts.valid + counts.warning + counts.broken): \(counts.valid) valid, \(counts.warning) with warnings, \(counts.broken) broken</dd>
            </dl>
            </header>

            """
    }

    mutating func summaries(
        byIndustry: [(String, (valid: Int, warning: Int, broken: Int))],
        byLab: [(String, (valid: Int, warning: Int, broken: Int))]
    ) {
        body += "<section id=\"summary\">\n<h2>Summary</h2>\n"
        for (caption, heading, rows) in [
            ("Items by industry (of the owner lab)", "Industry", byIndustry),
            ("Items by owner lab", "Lab", byLab),
        ] {
            body +=
                "<table>\n<caption>\(caption)</caption>\n<thead><tr><th scope=\"col\">\(heading)</th><th scope=\"col\">Valid</th><th scope=\"col\">Warnings</th><th scope=\"col\">Broken</th></tr></thead>\n<tbody>\n"
            for (name, counts) in rows {
                body +=
                    "<tr><th scope=\"row\">\(escape(name))</th><td>\(counts.valid)</td><td class=\"warning\">\(counts.warning)</td><td class=\"broken\">\(counts.broken)</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        body += "</section>\n"
    }

    mutating func findings(_ findings: [(ItemIndex, Finding)], drawn: Set<ItemIndex>, network: Network, limit: Int) {
        body += "<section id=\"findings\">\n<h2>Error findings</h2>\n"
        guard !findings.isEmpty else {
            body += "<p>No error findings: every chain is traceable.</p>\n</section>\n"
            return
        }
        body +=
            "<table>\n<caption>\(findings.count) error finding\(findings.count == 1 ? "" : "s") on the broken chains</caption>\n"
        body +=
            "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Rule</th><th scope=\"col\">Record</th><th scope=\"col\">Lab</th><th scope=\"col\">Finding</th><th scope=\"col\">Chain</th></tr></thead>\n<tbody>\n"
        for (item, finding) in findings.prefix(limit) {
            let id = network.id(of: item)
            let link = drawn.contains(item) ? "<a href=\"#\(Self.anchor(id))\">diagram</a>" : "listed below"
            body +=
                "<tr><th scope=\"row\">\(escape(id))</th><td><code>\(escape(finding.rule.id))</code></td><td>\(escape(finding.record ?? "-"))</td><td>\(escape(finding.lab ?? "-"))</td><td>\(escape(finding.message))</td><td>\(link)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if findings.count > limit {
            body +=
                "<p>… and \(findings.count - limit) more; <code>metrotrace check --format json</code> lists them all.</p>\n"
        }
        body += "</section>\n"
    }

    mutating func scopeProblems(_ problems: [(lab: String, findings: [Finding])]) {
        body += "<section id=\"scope\">\n<h2>Capability-scope problems by lab</h2>\n"
        if problems.isEmpty { body += "<p>No lab issued a record outside its accreditation, scope or CMC.</p>\n" }
        for (lab, findings) in problems {
            body += "<h3>\(escape(lab))</h3>\n<ul>\n"
            for finding in findings {
                body +=
                    "<li><code>\(escape(finding.rule.id))</code> \(escape(finding.record ?? "")): \(escape(finding.message))</li>\n"
            }
            body += "</ul>\n"
        }
        body += "</section>\n"
    }

    mutating func dues(_ plan: DuePlan, network: Network, limit: Int) {
        body += "<section id=\"dues\">\n<h2>Upcoming dues</h2>\n"
        guard !plan.due.isEmpty else {
            body += "<p>Nothing falls due from \(plan.from) to \(plan.to).</p>\n</section>\n"
            return
        }
        body += "<table>\n<caption>Records falling due from \(plan.from) to \(plan.to)</caption>\n"
        body +=
            "<thead><tr><th scope=\"col\">Due</th><th scope=\"col\">Item</th><th scope=\"col\">Owner lab</th><th scope=\"col\">Record</th><th scope=\"col\">Would block</th></tr></thead>\n<tbody>\n"
        for entry in plan.due.prefix(limit) {
            let lab = network.lab(of: entry.item).map { network.id(of: $0) } ?? "-"
            let blocks =
                entry.blocked.isEmpty
                ? "-" : "\(entry.blocked.count) calibrations (\(entry.blockedDownstream) items downstream)"
            body +=
                "<tr><td>\(entry.due)</td><th scope=\"row\">\(escape(network.id(of: entry.item)))</th><td>\(escape(lab))</td><td>\(escape(network.id(of: entry.record)))</td><td>\(blocks)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if plan.due.count > limit {
            body += "<p>… and \(plan.due.count - limit) more; <code>metrotrace due</code> lists them all.</p>\n"
        }
        body += "</section>\n"
    }

    mutating func diagrams(_ diagrams: [(item: String, svg: String)], omitted: Int) {
        body += "<section id=\"diagrams\">\n<h2>Broken chains</h2>\n"
        if diagrams.isEmpty { body += "<p>No broken chain.</p>\n" }
        for (item, svg) in diagrams {
            // A diagram that could not be drawn comes as a paragraph saying why.
            let inline = HTMLPage.inlineSVG(svg)
            body +=
                "<figure id=\"\(Self.anchor(item))\">\n<figcaption>Traceability chain of \(escape(item))</figcaption>\n"
            body += (inline.isEmpty ? svg : inline) + "\n</figure>\n"
        }
        if omitted > 0 {
            body +=
                "<p>\(omitted) more broken chain\(omitted == 1 ? " is" : "s are") not drawn here, to keep the report small; <code>metrotrace diagrams</code> draws every chain.</p>\n"
        }
        body += "</section>\n"
    }

    func finished() -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-Hans-CN">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(title))</title>
        <style>
        body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 70em; color: #222; line-height: 1.4; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
        dl.facts dt { font-weight: bold; }
        table { border-collapse: collapse; width: 100%; margin: 1em 0; }
        caption { text-align: left; font-weight: bold; padding: .3em 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        thead th { background: #f4f4f4; }
        td.broken { color: #c62828; font-weight: bold; } td.warning { color: #b26a00; }
        .error { color: #c62828; }
        figure { margin: 2em 0; overflow-x: auto; } figcaption { font-weight: bold; margin-bottom: .5em; }
        figure svg { max-width: 100%; height: auto; }
        code { font-size: 90%; }
        @media print {
          body { margin: 0; max-width: none; }
          figure { page-break-inside: avoid; page-break-before: always; }
          tr { page-break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }
}
