import MetroTrace

/// The result of `metrotrace due`: what falls due, by owner lab and date, as a table,
/// JSON, CSV (for spreadsheets and planning tools) or an iCalendar file.
public struct DueReport: Sendable {
    /// The network the plan is about.
    public let network: Network
    /// What falls due.
    public let plan: DuePlan

    /// A report of `plan`.
    public init(network: Network, plan: DuePlan) {
        self.network = network
        self.plan = plan
    }

    func labID(_ item: ItemIndex) -> String { network.lab(of: item).map { network.id(of: $0) } ?? "-" }

    /// Entries grouped by owner lab (labs in order of their first due date).
    func byLab(_ entries: [DuePlan.Entry]) -> [(lab: String, entries: [DuePlan.Entry])] {
        var order: [String] = []
        var groups: [String: [DuePlan.Entry]] = [:]
        for entry in entries {
            let lab = labID(entry.item)
            if groups[lab] == nil { order.append(lab) }
            groups[lab, default: []].append(entry)
        }
        return order.map { ($0, groups[$0]!) }
    }

    func blockedText(_ entry: DuePlan.Entry, _ options: TextOptions = .plain) -> String {
        guard !entry.blocked.isEmpty else { return "-" }
        return options.text(
            "due.blocks", ("count", .literal(String(entry.blocked.count))),
            ("downstream", .literal(String(entry.blockedDownstream))))
    }

    /// Whether anything is overdue (the command then exits with 1).
    public var hasOverdue: Bool { !plan.overdue.isEmpty }

    /// Tables per lab: overdue items first, then those falling due, then those out of
    /// service; in English, as wide as they need.
    public func text() -> String { text(.plain) }

    /// Tables per lab — overdue items first, then those falling due, then those out of
    /// service — in the options' language and width.
    public func text(_ options: TextOptions) -> String {
        var text =
            options.bold(
                TextTable.wrap(
                    options.text(
                        "due.title", ("from", .literal(plan.from.description)), ("to", .literal(plan.to.description)),
                        ("days", .literal(String(plan.from.distance(to: plan.to)))), ("dataset", .literal(network.name))
                    ),
                    width: options.width, indent: 2)) + "\n"
        let sections: [(key: String, entries: [DuePlan.Entry], status: Status?)] = [
            ("due.overdue", plan.overdue, .broken), ("due.falling-due", plan.due, nil),
            ("due.out-of-service", plan.outOfService, .warning),
        ]
        for section in sections where !section.entries.isEmpty {
            let title = options.text(section.key)
            text += "\n" + (section.status.map { options.coloured(title, $0) } ?? title) + "\n"
            for (lab, group) in byLab(section.entries) {
                var table = TextTable(
                    headings: ["due", "days", "item", "kind", "record", "blocks"].map {
                        options.text("due.heading." + $0)
                    })
                table.cuttable = [(5, 12), (3, 6)]
                for entry in group {
                    table.append([
                        entry.due.description, String(entry.daysLeft), network.id(of: entry.item),
                        options.text("kind." + network.kind(of: entry.item).rawValue + ".short"),
                        network.id(of: entry.record), blockedText(entry, options),
                    ])
                }
                text += "\n\(lab)\n" + table.rendered(width: options.width)
            }
        }
        let blocking = plan.due.filter { !$0.blocked.isEmpty }.count
        let summary = options.text(
            "due.summary", ("count", .literal(String(plan.due.count))), ("blocking", .literal(String(blocking))),
            ("overdue", .literal(String(plan.overdue.count))),
            ("outOfService", .literal(String(plan.outOfService.count))))
        return text + "\n" + TextTable.wrap(summary, width: options.width, indent: 2) + "\n"
    }

    func entryJSON(_ entry: DuePlan.Entry) -> JSONOutputValue {
        .object([
            "item": .string(network.id(of: entry.item)), "name": .string(network.itemName(of: entry.item)),
            "kind": .string(network.kind(of: entry.item).rawValue),
            "lab": .optional(network.lab(of: entry.item).map { network.id(of: $0) }),
            "record": .string(network.id(of: entry.record)), "due": .string(entry.due.description),
            "daysLeft": .integer(entry.daysLeft),
            "blocks": .array(entry.blocked.map { .string(network.id(of: $0)) }),
            "blockedDownstream": .integer(entry.blockedDownstream),
        ])
    }

    /// The plan as JSON: the window, the items falling due, the overdue ones and those
    /// out of service.
    public func json() -> JSONOutputValue {
        .object([
            "from": .string(plan.from.description), "to": .string(plan.to.description),
            "due": .array(plan.due.map(entryJSON)), "overdue": .array(plan.overdue.map(entryJSON)),
            "outOfService": .array(plan.outOfService.map(entryJSON)),
        ])
    }

    /// One CSV row per item (UTF-8 with BOM, CRLF), overdue and out-of-service ones flagged.
    public func csv() -> String {
        let outOfService = Set(plan.outOfService.map(\.item))
        let rows = (plan.overdue + plan.due + plan.outOfService).map { entry in
            [
                labID(entry.item), network.id(of: entry.item), network.itemName(of: entry.item),
                network.kind(of: entry.item).rawValue,
                network.id(of: entry.record), entry.due.description, String(entry.daysLeft),
                entry.daysLeft < 0 ? "yes" : "no",
                String(entry.blocked.count), String(entry.blockedDownstream),
                outOfService.contains(entry.item) ? "yes" : "no",
            ]
        }
        return CSVTable.write(
            header: [
                "lab", "item", "name", "kind", "record", "due", "days_left", "overdue", "blocks", "blocked_downstream",
                "out_of_service",
            ], rows: rows)
    }

    /// An iCalendar file (RFC 5545) with an all-day event on each due date.
    public func ics(_ options: TextOptions = .plain) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
                .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
        }
        func compact(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }
        let product = options.language == .english ? "EN" : "ZH"
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//MetroTrace//due//\(product)", "CALSCALE:GREGORIAN"]
        for entry in plan.overdue + plan.due {
            let item = network.id(of: entry.item)
            lines += [
                "BEGIN:VEVENT",
                "UID:\(escaped(item))-\(escaped(network.id(of: entry.record)))@metrotrace",
                "DTSTAMP:\(compact(plan.from))T000000Z",
                "DTSTART;VALUE=DATE:\(compact(entry.due))",
                "SUMMARY:\(escaped(options.text("due.ics.summary", ("item", .literal(item)), ("name", .literal(network.itemName(of: entry.item))))))",
                "DESCRIPTION:\(escaped(options.text("due.ics.description", ("lab", .literal(labID(entry.item))), ("record", .literal(network.id(of: entry.record))), ("blocks", .literal(blockedText(entry, options))))))",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    /// A content line folded at 75 octets (RFC 5545 §3.1), never inside a character.
    static func folded(_ line: String) -> String {
        var out = ""
        var octets = 0
        for character in line {
            let size = character.utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.append(character)
            octets += size
        }
        return out
    }
}
