import MetroTrace

/// The HTML of the audit report, section by section, in the context's language.
struct AuditPage {
    private var body = ""
    let title: String
    /// The report number, in the header and on every printed page.
    let number: String
    /// The language of every text, and what the report is about.
    let context: DiagramContext

    init(title: String, number: String, context: DiagramContext) {
        self.title = title
        self.number = number
        self.context = context
    }

    let escape = HTMLPage.escape

    /// The catalogue's text of `key`, escaped for the page.
    func t(_ key: String, _ arguments: (String, LocalizedText)...) -> String {
        escape(
            LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(
                in: context.language))
    }

    /// A number as a text argument.
    static func n(_ value: Int) -> LocalizedText { .literal(String(value)) }

    /// A table head of the catalogue's headings `report.heading.KEY`.
    func head(_ keys: [String]) -> String {
        "<thead><tr>" + keys.map { "<th scope=\"col\">\(t("report.heading." + $0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
    }

    /// An anchor id for an item's chain (ids may hold anything; anchors may not).
    static func anchor(_ item: String) -> String {
        "chain-"
            + item.unicodeScalars.map { scalar in
                (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) && scalar.isASCII
                    ? String(scalar) : "_\(scalar.value)_"
            }.joined()
    }

    mutating func header(context: DiagramContext, at day: Day, counts: (valid: Int, warning: Int, broken: Int)) {
        let total = counts.valid + counts.warning + counts.broken
        body += """
            <header>
            <h1>\(escape(title))</h1>
            <dl class="facts">
            <dt>\(t("report.fact.number"))</dt><dd class="id">\(escape(number))</dd>
            <dt>\(t("report.fact.date"))</dt><dd>\(day)</dd>
            <dt>\(t("report.fact.dataset"))</dt><dd>\(escape(context.datasetName))</dd>
            <dt>\(t("report.fact.digest"))</dt><dd><code>\(escape(context.digest ?? "—"))</code></dd>
            <dt>\(t("report.fact.policy"))</dt><dd>\(escape(context.policyName))</dd>
            <dt>\(t("report.fact.items"))</dt><dd>\(t("check.summary", ("count", Self.n(total)), ("valid", Self.n(counts.valid)), ("warning", Self.n(counts.warning)), ("broken", Self.n(counts.broken))))</dd>
            </dl>
            </header>

            """
    }

    /// The items past due at the date, most overdue first: what an auditor looks at first.
    mutating func overdue(_ plan: DuePlan, network: Network, limit: Int) {
        body += "<section id=\"overdue\">\n<h2>\(t("report.overdue.title"))</h2>\n"
        guard !plan.overdue.isEmpty else {
            body += "<p>\(t("report.overdue.none", ("date", .literal(plan.from.description))))</p>\n</section>\n"
            return
        }
        let entries = plan.overdue.sorted {
            ($0.daysLeft, network.id(of: $0.item)) < ($1.daysLeft, network.id(of: $1.item))
        }
        body +=
            "<table>\n<caption>\(t("report.overdue.caption", ("count", Self.n(entries.count)), ("date", .literal(plan.from.description))))</caption>\n"
        body += head(["item", "owner", "record", "due", "overdue", "still-used-by"])
        for entry in entries.prefix(limit) {
            let lab = network.lab(of: entry.item).map { network.id(of: $0) } ?? "-"
            let users =
                entry.blocked.isEmpty
                ? "-"
                : entry.blocked.prefix(8).map { "<span class=\"id\">\(escape(network.id(of: $0)))</span>" }.joined(
                    separator: ", ")
                    + (entry.blocked.count > 8 ? " … (\(entry.blocked.count))" : "")
            body +=
                "<tr><th scope=\"row\" class=\"id\">\(escape(network.id(of: entry.item)))</th><td class=\"id\">\(escape(lab))</td><td class=\"id\">\(escape(network.id(of: entry.record)))</td><td class=\"id\">\(entry.due)</td><td class=\"broken\">\(t("report.days", ("count", Self.n(-entry.daysLeft))))</td><td>\(users)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if entries.count > limit {
            body +=
                "<p>\(t("report.more", ("count", Self.n(entries.count - limit)), ("command", "metrotrace due")))</p>\n"
        }
        body += "</section>\n"
    }

    /// Reverse traceability (ISO/IEC 17025 §7.10): per standard found out of tolerance,
    /// the window of doubt and every record and item in it, with the path from the
    /// standard.
    mutating func suspects(_ impacts: [Impact], network: Network) {
        body += "<section id=\"suspect\">\n<h2>\(t("report.suspect.title"))</h2>\n"
        guard !impacts.isEmpty else {
            body += "<p>\(t("report.suspect.none"))</p>\n</section>\n"
            return
        }
        for impact in impacts {
            let standard = escape(network.id(of: impact.standard))
            let from = impact.lastGood.map { LocalizedText.literal($0.description) } ?? .key("report.suspect.first-use")
            body +=
                "<h3><span class=\"id\">\(standard)</span> \(escape(network.itemName(of: impact.standard))): \(t("report.suspect.found", ("date", .literal(impact.foundOn.description))))</h3>\n"
            body +=
                "<p>\(t("report.suspect.window", ("from", from), ("to", .literal(impact.foundOn.description)), ("items", Self.n(impact.items.count)), ("records", Self.n(impact.records.count))))</p>\n"
            body += "<table>\n" + head(["item", "owner", "record", "date", "path", "still-affected"])
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
                        "<tr><th scope=\"row\" class=\"id\">\(escape(network.id(of: affected.item)))</th><td class=\"id\">\(escape(lab))</td><td class=\"id\">\(escape(network.id(of: record)))</td><td class=\"id\">\(network.date(of: record))</td><td>\(pathHTML)</td><td class=\"\(affected.stillAffected ? "warning" : "")\">\(t(affected.stillAffected ? "report.suspect.yes" : "report.suspect.no"))</td></tr>\n"
                }
            }
            body += "</tbody>\n</table>\n"
        }
        body += "</section>\n"
    }

    /// The sign-off block: 编制 / 审核 / 批准 with names (or lines to sign) and dates.
    mutating func signOff(_ signatures: AuditReport.Signatures, at day: Day) {
        func cell(_ role: String, _ name: String?) -> String {
            let signed = name.map { escape($0) } ?? "&#160;"
            return
                "<td><div class=\"role\">\(t("report.sign." + role))</div><div class=\"signature\">\(signed)</div><div class=\"date\">\(t("report.sign.date")): \(name == nil ? "&#160;" : day.description)</div></td>"
        }
        body += "<section id=\"sign-off\">\n<h2>\(t("report.sign.title"))</h2>\n<table class=\"sign-off\">\n<tr>"
        body += cell("prepared", signatures.prepared)
        body += cell("reviewed", signatures.reviewed)
        body += cell("approved", signatures.approved)
        body += "</tr>\n</table>\n</section>\n"
    }

    mutating func summaries(
        byIndustry: [(String, (valid: Int, warning: Int, broken: Int))],
        byLab: [(String, (valid: Int, warning: Int, broken: Int))]
    ) {
        body += "<section id=\"summary\">\n<h2>\(t("report.summary.title"))</h2>\n"
        for (caption, heading, rows) in [
            ("report.summary.by-industry", "industry", byIndustry), ("report.summary.by-lab", "lab", byLab),
        ] {
            body += "<table>\n<caption>\(t(caption))</caption>\n" + head([heading, "valid", "warnings", "broken"])
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
        let kind = errors ? "errors" : "warnings"
        body += "<section id=\"\(errors ? "findings" : "warnings")\">\n<h2>\(t("report.\(kind).title"))</h2>\n"
        guard !findings.isEmpty else {
            body += "<p>\(t("report.\(kind).none"))</p>\n</section>\n"
            return
        }
        body += "<table>\n<caption>\(t("report.\(kind).caption", ("count", Self.n(findings.count))))</caption>\n"
        body += head(["item", "rule", "record", "lab", "finding", "chain"])
        for (item, finding) in findings.prefix(limit) {
            let id = network.id(of: item)
            let link =
                drawn.contains(item)
                ? "<a href=\"#\(Self.anchor(id))\">\(t("report.link.diagram"))</a>" : t("report.link.below")
            body +=
                "<tr><th scope=\"row\" class=\"id\">\(escape(id))</th><td class=\"id\"><code>\(escape(finding.rule.id))</code></td><td class=\"id\">\(escape(finding.record ?? "-"))</td><td class=\"id\">\(escape(finding.lab ?? "-"))</td><td>\(escape(finding.message(in: context.language)))</td><td>\(link)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if findings.count > limit {
            body +=
                "<p>\(t("report.more", ("count", Self.n(findings.count - limit)), ("command", "metrotrace check --format json")))</p>\n"
        }
        body += "</section>\n"
    }

    mutating func scopeProblems(_ problems: [(lab: String, findings: [Finding])]) {
        body += "<section id=\"scope\">\n<h2>\(t("report.scope.title"))</h2>\n"
        if problems.isEmpty { body += "<p>\(t("report.scope.none"))</p>\n" }
        for (lab, findings) in problems {
            body += "<h3>\(escape(lab))</h3>\n<ul>\n"
            for finding in findings {
                body +=
                    "<li><code>\(escape(finding.rule.id))</code> \(escape(finding.record ?? "")): \(escape(finding.message(in: context.language)))</li>\n"
            }
            body += "</ul>\n"
        }
        body += "</section>\n"
    }

    mutating func dues(_ plan: DuePlan, network: Network, limit: Int) {
        body += "<section id=\"dues\">\n<h2>\(t("report.dues.title"))</h2>\n"
        let window: [(String, LocalizedText)] = [
            ("from", .literal(plan.from.description)), ("to", .literal(plan.to.description)),
        ]
        guard !plan.due.isEmpty else {
            let none = t("report.dues.none", window[0], window[1])
            let overdue =
                plan.overdue.isEmpty ? "" : t("report.dues.overdue-above", ("count", Self.n(plan.overdue.count)))
            body += "<p>\(none)\(overdue)</p>\n</section>\n"
            return
        }
        body += "<table>\n<caption>\(t("report.dues.caption", window[0], window[1]))</caption>\n"
        body += head(["due", "item", "owner", "record", "would-block"])
        for entry in plan.due.prefix(limit) {
            let lab = network.lab(of: entry.item).map { network.id(of: $0) } ?? "-"
            let blocks =
                entry.blocked.isEmpty
                ? "-"
                : t(
                    "due.blocks", ("count", Self.n(entry.blocked.count)),
                    ("downstream", Self.n(entry.blockedDownstream)))
            body +=
                "<tr><td class=\"id\">\(entry.due)</td><th scope=\"row\" class=\"id\">\(escape(network.id(of: entry.item)))</th><td class=\"id\">\(escape(lab))</td><td class=\"id\">\(escape(network.id(of: entry.record)))</td><td>\(blocks)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if plan.due.count > limit {
            body +=
                "<p>\(t("report.more", ("count", Self.n(plan.due.count - limit)), ("command", "metrotrace due")))</p>\n"
        }
        body += "</section>\n"
    }

    mutating func diagrams(_ diagrams: [(item: String, svg: String)], omitted: Int) {
        body += "<section id=\"diagrams\">\n<h2>\(t("report.diagrams.title"))</h2>\n"
        if diagrams.isEmpty { body += "<p>\(t("report.diagrams.none"))</p>\n" }
        for (item, svg) in diagrams {
            // A diagram that could not be drawn comes as a paragraph saying why.
            let inline = HTMLPage.inlineSVG(svg)
            body +=
                "<figure id=\"\(Self.anchor(item))\">\n<figcaption>\(t("report.diagrams.caption", ("item", .literal(item))))</figcaption>\n"
            body += (inline.isEmpty ? svg : inline) + "\n</figure>\n"
        }
        if omitted > 0 { body += "<p>\(t("report.diagrams.omitted", ("count", Self.n(omitted))))</p>\n" }
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

    /// The words around the page numbers: `Page ` n ` of ` m, `第 ` n ` 页，共 ` m ` 页`.
    var pageWord: (String, String, String) {
        (
            LocalizedText.key("report.page.before").rendered(in: context.language),
            LocalizedText.key("report.page.between").rendered(in: context.language),
            LocalizedText.key("report.page.after").rendered(in: context.language)
        )
    }

    func finished() -> String {
        """
        <!DOCTYPE html>
        <html lang="\(context.language.htmlTag)">
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
          @bottom-right { content: "\(Self.cssString(pageWord.0))" counter(page) "\(Self.cssString(pageWord.1))" counter(pages) "\(Self.cssString(pageWord.2))"; font-size: 8pt; color: #555; }
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
