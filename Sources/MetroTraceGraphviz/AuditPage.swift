import MetroTrace

/// The HTML of the audit report, section by section.
struct AuditPage {
    private var body = ""
    let title: String
    /// The report number, in the header and on every printed page.
    let number: String

    init(title: String, number: String) {
        self.title = title
        self.number = number
    }

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
            <dt>Report number</dt><dd class="id">\(escape(number))</dd>
            <dt>Query date</dt><dd>\(day)</dd>
            <dt>Dataset</dt><dd>\(escape(context.datasetName))</dd>
            <dt>SHA-256 of the dataset</dt><dd><code>\(escape(context.digest ?? "(not computed)"))</code></dd>
            <dt>Policy</dt><dd>\(escape(context.policyName))</dd>
            <dt>Items</dt><dd>\(counts.valid + counts.warning + counts.broken): \(counts.valid) valid, \(counts.warning) with warnings, \(counts.broken) broken</dd>
            </dl>
            </header>

            """
    }

    /// The items past due at the date, most overdue first: what an auditor looks at first.
    mutating func overdue(_ plan: DuePlan, network: Network, limit: Int) {
        body += "<section id=\"overdue\">\n<h2>Overdue</h2>\n"
        guard !plan.overdue.isEmpty else {
            body += "<p>No item is past the due date of its record in force on \(plan.from).</p>\n</section>\n"
            return
        }
        let entries = plan.overdue.sorted {
            ($0.daysLeft, network.id(of: $0.item)) < ($1.daysLeft, network.id(of: $1.item))
        }
        body +=
            "<table>\n<caption>\(entries.count) item\(entries.count == 1 ? "" : "s") past due on \(plan.from)</caption>\n"
        body +=
            "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Owner lab</th><th scope=\"col\">Record</th><th scope=\"col\">Due</th><th scope=\"col\">Overdue</th><th scope=\"col\">Still used by</th></tr></thead>\n<tbody>\n"
        for entry in entries.prefix(limit) {
            let lab = network.lab(of: entry.item).map { network.id(of: $0) } ?? "-"
            let users =
                entry.blocked.isEmpty
                ? "-"
                : entry.blocked.prefix(8).map { "<span class=\"id\">\(escape(network.id(of: $0)))</span>" }.joined(
                    separator: ", ")
                    + (entry.blocked.count > 8 ? " … (\(entry.blocked.count))" : "")
            body +=
                "<tr><th scope=\"row\" class=\"id\">\(escape(network.id(of: entry.item)))</th><td class=\"id\">\(escape(lab))</td><td class=\"id\">\(escape(network.id(of: entry.record)))</td><td class=\"id\">\(entry.due)</td><td class=\"broken\">\(-entry.daysLeft) days</td><td>\(users)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if entries.count > limit {
            body += "<p>… and \(entries.count - limit) more; <code>metrotrace due</code> lists them all.</p>\n"
        }
        body += "</section>\n"
    }

    /// Reverse traceability (ISO/IEC 17025 §7.10): per standard found out of tolerance,
    /// the window of doubt and every record and item in it, with the path from the
    /// standard.
    mutating func suspects(_ impacts: [Impact], network: Network) {
        body += "<section id=\"suspect\">\n<h2>Suspect records (reverse traceability)</h2>\n"
        guard !impacts.isEmpty else {
            body += "<p>No standard found out of tolerance put an earlier record in doubt.</p>\n</section>\n"
            return
        }
        for impact in impacts {
            let standard = escape(network.id(of: impact.standard))
            let window = "\(impact.lastGood?.description ?? "its first use") – \(impact.foundOn)"
            body +=
                "<h3><span class=\"id\">\(standard)</span> \(escape(network.itemName(of: impact.standard))): found out of tolerance \(impact.foundOn)</h3>\n"
            body +=
                "<p>Every use from its last good calibration to the finding is suspect: <b>\(window)</b>. \(impact.items.count) item\(impact.items.count == 1 ? "" : "s") and \(impact.records.count) record\(impact.records.count == 1 ? "" : "s") are affected; the results they carry are to be evaluated and their customers informed where needed.</p>\n"
            body +=
                "<table>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Owner lab</th><th scope=\"col\">Record</th><th scope=\"col\">Date</th><th scope=\"col\">Path from the standard</th><th scope=\"col\">Still affected</th></tr></thead>\n<tbody>\n"
            let byRecord = Dictionary(impact.records.map { ($0.record, $0) }, uniquingKeysWith: { a, _ in a })
            for affected in impact.items {
                let lab = network.lab(of: affected.item).map { network.id(of: $0) } ?? "-"
                for record in affected.records {
                    // The path: the standard, then each affected record it went through.
                    var path: [String] = []
                    var step = byRecord[record]
                    while let current = step {
                        path.insert("\(network.id(of: current.record)) (\(network.id(of: current.item)))", at: 0)
                        step = current.via.flatMap { byRecord[$0] }
                    }
                    let pathHTML = ([standard] + path.map(escape)).map { "<span class=\"id\">\($0)</span>" }
                        .joined(separator: " → ")
                    body +=
                        "<tr><th scope=\"row\" class=\"id\">\(escape(network.id(of: affected.item)))</th><td class=\"id\">\(escape(lab))</td><td class=\"id\">\(escape(network.id(of: record)))</td><td class=\"id\">\(network.date(of: record))</td><td>\(pathHTML)</td><td class=\"\(affected.stillAffected ? "warning" : "")\">\(affected.stillAffected ? "yes" : "no (recalibrated since)")</td></tr>\n"
                }
            }
            body += "</tbody>\n</table>\n"
        }
        body += "</section>\n"
    }

    /// The sign-off block: 编制 / 审核 / 批准 with names (or lines to sign) and dates.
    mutating func signOff(_ signatures: AuditReport.Signatures, at day: Day) {
        func cell(_ role: String, _ english: String, _ name: String?) -> String {
            let signed = name.map { escape($0) } ?? "&#160;"
            return
                "<td><div class=\"role\">\(role) \(english)</div><div class=\"signature\">\(signed)</div><div class=\"date\">Date 日期: \(name == nil ? "&#160;" : day.description)</div></td>"
        }
        body += "<section id=\"sign-off\">\n<h2>Sign-off</h2>\n<table class=\"sign-off\">\n<tr>"
        body += cell("编制", "Prepared by", signatures.prepared)
        body += cell("审核", "Reviewed by", signatures.reviewed)
        body += cell("批准", "Approved by", signatures.approved)
        body += "</tr>\n</table>\n</section>\n"
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

    mutating func findings(
        _ findings: [(ItemIndex, Finding)], severity: FindingSeverity = .error, drawn: Set<ItemIndex>,
        network: Network, limit: Int
    ) {
        let errors = severity == .error
        body +=
            "<section id=\"\(errors ? "findings" : "warnings")\">\n<h2>\(errors ? "Error findings" : "Warnings")</h2>\n"
        guard !findings.isEmpty else {
            body +=
                errors
                ? "<p>No error findings: every chain is traceable.</p>\n</section>\n"
                : "<p>No warnings.</p>\n</section>\n"
            return
        }
        let what = errors ? "error finding" : "warning"
        let chains = errors ? "on the broken chains" : "on chains that are still traceable or broken"
        body +=
            "<table>\n<caption>\(findings.count) \(what)\(findings.count == 1 ? "" : "s") \(chains)</caption>\n"
        body +=
            "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Rule</th><th scope=\"col\">Record</th><th scope=\"col\">Lab</th><th scope=\"col\">Finding</th><th scope=\"col\">Chain</th></tr></thead>\n<tbody>\n"
        for (item, finding) in findings.prefix(limit) {
            let id = network.id(of: item)
            let link = drawn.contains(item) ? "<a href=\"#\(Self.anchor(id))\">diagram</a>" : "listed below"
            body +=
                "<tr><th scope=\"row\" class=\"id\">\(escape(id))</th><td class=\"id\"><code>\(escape(finding.rule.id))</code></td><td class=\"id\">\(escape(finding.record ?? "-"))</td><td class=\"id\">\(escape(finding.lab ?? "-"))</td><td>\(escape(finding.message))</td><td>\(link)</td></tr>\n"
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
            let overdue = plan.overdue.isEmpty ? "" : " (the \(plan.overdue.count) overdue are listed at the top)"
            body += "<p>Nothing more falls due from \(plan.from) to \(plan.to)\(overdue).</p>\n</section>\n"
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
                "<tr><td class=\"id\">\(entry.due)</td><th scope=\"row\" class=\"id\">\(escape(network.id(of: entry.item)))</th><td class=\"id\">\(escape(lab))</td><td class=\"id\">\(escape(network.id(of: entry.record)))</td><td>\(blocks)</td></tr>\n"
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

    /// Text inside a CSS string literal: quotes, backslashes and `<` (which could close
    /// the style element) escaped as CSS code points.
    static func cssString(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&": result += "\\" + String(scalar.value, radix: 16) + " "
            case _ where scalar.value < 0x20: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    func finished() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
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
        .id { white-space: nowrap; }
        table.sign-off td { width: 33%; border: 1px solid #999; padding: .6em; vertical-align: top; }
        table.sign-off .signature { min-height: 2.5em; border-bottom: 1px solid #999; margin: .4em 0; }
        table.sign-off .role { font-weight: bold; }
        footer.number { display: none; }
        @page {
          size: A4;
          margin: 18mm 14mm 20mm 14mm;
          @bottom-left { content: "\(Self.cssString(number))"; font-size: 8pt; color: #555; }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; }
        }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          table { font-size: 9pt; }
          thead { display: table-header-group; }
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
