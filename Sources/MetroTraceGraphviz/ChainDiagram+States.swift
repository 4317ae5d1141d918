import MetroTrace

/// What each node of a chain diagram says about its own item: its state at the query
/// date and, where it differs, at the dates it was used; the record's own findings; and
/// the path from an out-of-tolerance standard down to a suspect item.
extension ChainDiagram.Builder {
    /// Settles every node's state notes and colour, and the suspect path, once the
    /// nodes and edges are known.
    mutating func settleStates() {
        for edge in pending where edge.reference != nil {
            nodes[edge.from].uses.append(network.date(of: edge.link.record))
        }
        // A record's own findings (not about one of its references) belong to its node.
        for link in chain.links {
            guard let position = index.position(of: .record(link.record)) else { continue }
            // Findings a rule makes at several points come merged, one per rule.
            for finding in link.findings
            where finding.reference == nil && finding.severity != .info && finding.rule != .unanchored {
                let status = Status(worst: finding.severity)
                nodes[position].notes.append((status, "\(finding.rule.id): \(finding.message(in: context.language))"))
                nodes[position].status = max(nodes[position].status, status)
            }
        }
        for position in nodes.indices.dropFirst() {
            let info = nodes[position]
            if case .item(let item) = info.key, item.rawValue < 0 { continue }
            settleState(of: position)
        }
        markSuspectPath()
    }

    /// The item's state at the query date, and at each date it was used when that
    /// differs; the node takes the colour of its state when used (a standard that
    /// failed only after it was used does not break what it calibrated before).
    mutating func settleState(of position: Int) {
        let item = nodes[position].item
        let now = analysis.stateFindings(of: item, at: chain.at, messages: false)
        let nowPhrases = now.map { phrase($0, of: item, at: chain.at) }
        var uses = nodes[position].uses.sorted()
        uses.removeDuplicates()
        var usedPhrases: [(Day, [(Status, String)])] = []
        for day in uses.prefix(3) {
            let findings = analysis.stateFindings(of: item, at: day, messages: false)
            let phrases = findings.map { phrase($0, of: item, at: day) }
            nodes[position].status = max(nodes[position].status, Status(worst: findings.map(\.severity).max()))
            usedPhrases.append((day, phrases))
        }
        let sameWhenUsed = !usedPhrases.isEmpty && usedPhrases.allSatisfy { $0.1.map(\.1) == nowPhrases.map(\.1) }
        for (status, text) in nowPhrases {
            let when =
                sameWhenUsed
                ? context.text(
                    "diagram.when.now-and-used",
                    ("dates", .list(uses.prefix(3).map { LocalizedText.literal($0.description) })))
                : context.text("diagram.when.at", ("date", .literal(chain.at.description)))
            nodes[position].notes.append(
                (status, context.text("diagram.note", ("text", .literal(text)), ("when", .literal(when)))))
        }
        guard !sameWhenUsed else { return }
        for (day, phrases) in usedPhrases {
            let when = context.text("diagram.when.used", ("date", .literal(day.description)))
            for (status, text) in phrases {
                nodes[position].notes.append(
                    (status, context.text("diagram.note", ("text", .literal(text)), ("when", .literal(when)))))
            }
        }
    }

    /// A state finding in a few words with its rule id and date:
    /// `record.expired: JXIM-P-2025-0014 expired 2026-05-19`.
    func phrase(_ finding: Finding, of item: ItemIndex, at day: Day) -> (Status, String) {
        let date: LocalizedText = .literal(finding.date?.description ?? "")
        let words: String =
            switch finding.rule {
            case .expired:
                context.text(
                    "diagram.state.expired",
                    ("record", finding.record.map(LocalizedText.literal) ?? .key("diagram.state.its-record")),
                    ("date", date))
            case .outOfService:
                context.text(
                    "diagram.state.out-of-service", ("state", .literal(stateWords(item, at: day))), ("date", date))
            case .anchorNotRecognized: context.text("diagram.state.recognition-lapsed")
            case .noRecordInForce: context.text("diagram.state.no-record")
            case .suspect:
                context.text(
                    "diagram.state.suspect", ("date", date),
                    ("cause", finding.cause.map(LocalizedText.literal) ?? .key("diagram.a-standard")))
            default: finding.rule.id
            }
        return (Status(worst: finding.severity), "\(finding.rule.id): \(words)")
    }

    /// `out of tolerance` or `retired`, as the item stands on `day`.
    func stateWords(_ item: ItemIndex, at day: Day) -> String {
        switch network.state(of: item, at: day).state {
        case .retired: context.text("state.retired")
        case .outOfTolerance: context.text("state.out-of-tolerance")
        default: context.text("state.out-of-service")
        }
    }

    /// Marks the path from each standard that makes the chain suspect down to the
    /// chain's item: its nodes and edges at least amber, and the standard's node saying
    /// so.
    mutating func markSuspectPath() {
        let suspects = chain.findings.filter { $0.rule == .suspect && $0.rule.dependsOnQueryDate }
        for finding in suspects {
            guard let cause = finding.cause else { continue }
            let status = Status(worst: finding.severity)
            let sources = nodes.indices.filter { network.id(of: nodes[$0].item) == cause && nodes[$0].uses.count > 0 }
            // The nodes downstream of the cause, through the edges of the chain.
            var reached = Set(sources)
            var queue = sources
            while let next = queue.popLast() {
                for edge in pending where edge.from == next && reached.insert(edge.to).inserted {
                    queue.append(edge.to)
                }
            }
            for position in reached { nodes[position].status = max(nodes[position].status, status) }
            for (position, edge) in pending.enumerated() where reached.contains(edge.from) && reached.contains(edge.to)
            {
                pending[position].suspect = finding
            }
            for source in sources {
                nodes[source].notes.append(
                    (
                        status,
                        context.text(
                            "diagram.suspect-source", ("rule", .literal(Rule.suspect.id)),
                            ("date", .literal(finding.date?.description ?? "")))
                    ))
            }
        }
    }
}
