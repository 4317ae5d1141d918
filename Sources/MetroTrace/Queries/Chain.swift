/// The full traceability chain of an item at a date: its record in force and every
/// upstream record up to the anchors, as a DAG (a record may use several references,
/// and references may share ancestors).
public struct Chain: Sendable, Codable {
    /// The item the chain is for.
    public let item: ItemIndex
    /// The query date.
    public let at: Day
    /// Valid, warning or broken: the worst finding on the chain.
    public let status: Status
    /// Whether the item is itself a valid anchor at the date.
    public let isAnchor: Bool
    /// The item's record in force at the date, if any.
    public let record: RecordIndex?
    /// Every record of the chain, the item's record in force first, then breadth-first
    /// upstream; each appears once.
    public let links: [Link]
    /// The findings of the query date, then those of each link in `links` order.
    public let findings: [Finding]

    /// One record of a chain.
    public struct Link: Sendable, Codable {
        /// The record.
        public let record: RecordIndex
        /// The calibrated item.
        public let item: ItemIndex
        /// The record's due date (stated or from the policy); nil when it never expires.
        public let due: Day?
        /// The worst of the record's own findings (not those upstream).
        public let status: Status
        /// The record's own findings, judged at its date.
        public let findings: [Finding]
        /// The standards the record used, each with what stood behind it then.
        public let references: [Reference]
    }

    /// A standard used by a record of the chain.
    public struct Reference: Sendable, Codable {
        /// The standard.
        public let item: ItemIndex
        /// The value at which it was used, in SI units; NaN when it was used at each
        /// point's nominal value.
        public let at: Double
        /// The sensitivity coefficient, in SI units.
        public let sensitivity: Double
        /// Its record in force at the using record's date; nil when it served as an
        /// anchor or had none.
        public let record: RecordIndex?
        /// Whether it served as a valid anchor at that date.
        public let isAnchor: Bool
    }

    /// The link of a record, if the record is in the chain.
    public func link(of record: RecordIndex) -> Link? {
        links.first { $0.record == record }
    }

    /// The item's traceability at the date: what
    /// ``TraceabilityAnalysis/validity(of:at:)`` gives, read off the chain.
    public var validity: ItemValidity {
        ItemValidity(
            item: item, status: status, record: record, due: record == nil ? nil : links.first?.due,
            isAnchor: isAnchor)
    }
}

extension TraceabilityAnalysis {
    /// The full chain behind an item at `day`.
    ///
    /// - Complexity: O(c·(log h + e)) for a chain of c records.
    public func chain(of item: ItemIndex, at day: Day) -> Chain {
        var queryFindings: [FindingCode] = []
        let (record, isAnchor) = queryDateFindings(of: item, at: day) { queryFindings.append($0) }
        var worst = queryFindings.map { Self.rank($0.severity) }.max() ?? 0
        var links: [Chain.Link] = []
        var findings = queryFindings.map { render($0) }
        if let record {
            worst = max(worst, judged.upstreamWorst[record.int])
            var queue = [record]
            var seen: Set<RecordIndex> = [record]
            var head = 0
            while head < queue.count {
                let current = queue[head]
                head += 1
                let link = makeLink(current)
                links.append(link)
                findings.append(contentsOf: link.findings)
                for reference in link.references {
                    if let used = reference.record, seen.insert(used).inserted {
                        queue.append(used)
                    }
                }
            }
        }
        return Chain(
            item: item, at: day, status: Status(worst: Self.severity(rank: worst)), isAnchor: isAnchor,
            record: record, links: links, findings: findings)
    }

    func makeLink(_ record: RecordIndex) -> Chain.Link {
        let own = ownFindings(record)
        let references = network.referenceRows(of: record).map { row -> Chain.Reference in
            let resolution = network.resolve(row, of: record)
            let used: RecordIndex? =
                switch resolution {
                case .record(let r), .cycle(let r): r
                case .anchor, .none: nil
                }
            return Chain.Reference(
                item: row.item, at: row.at, sensitivity: row.sensitivity, record: used,
                isAnchor: resolution == .anchor)
        }
        return Chain.Link(
            record: record, item: network.recordItem[record.int], due: judged.effectiveDue[record.int],
            status: Status(worst: own.map(\.severity).max()), findings: renderMergingPoints(own),
            references: references)
    }
}
