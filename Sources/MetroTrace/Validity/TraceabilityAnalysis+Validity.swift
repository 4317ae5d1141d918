/// The traceability of one item at a query date.
public struct ItemValidity: Hashable, Sendable, Codable {
    /// The item.
    public var item: ItemIndex
    /// Valid, warning or broken: the worst finding on its record in force and upstream.
    public var status: Status
    /// Its record in force at the date, if any.
    public var record: RecordIndex?
    /// That record's due date (stated or from the policy), if it expires.
    public var due: Day?
    /// Whether the item is itself a valid anchor at the date (an SI realisation, a
    /// recognised primary standard or reference material in service).
    public var isAnchor: Bool
}

extension TraceabilityAnalysis {
    /// Whether an item is traceable at `day`, and through which record.
    ///
    /// - Complexity: O(log h + e) for an item with h records and e status events.
    public func validity(of item: ItemIndex, at day: Day) -> ItemValidity {
        var worst: UInt8 = 0
        let (record, isAnchor) = queryDateFindings(of: item, at: day) { finding in
            worst = max(worst, Self.rank(finding.severity))
        }
        if let record { worst = max(worst, judged.upstreamWorst[record.int]) }
        return ItemValidity(
            item: item, status: Status(worst: Self.severity(rank: worst)), record: record,
            due: record.flatMap { judged.effectiveDue[$0.int] }, isAnchor: isAnchor)
    }

    /// The traceability of every item at `day`, in item order.
    ///
    /// - Complexity: O(n·(log h + e)) for n items.
    public func validity(at day: Day) -> [ItemValidity] {
        network.itemIndices.map { validity(of: $0, at: day) }
    }

    /// An item's own state at `day` as findings: no record in force, expired, out of
    /// service, anchor not recognised, suspect (the rules that depend on the query date).
    /// Empty when it is in order on that day; what a diagram shows on the item's node, at
    /// the query date and at the dates it was used.
    ///
    /// - Parameters:
    ///   - item: The item.
    ///   - day: The day its state is wanted on.
    ///   - messages: False to leave `message` empty, when only the facts (rule, severity,
    ///     record, date, cause) are wanted: the words are the dear part, and a diagram
    ///     asks this for every node.
    public func stateFindings(of item: ItemIndex, at day: Day, messages: Bool = true) -> [Finding] {
        var codes: [FindingCode] = []
        queryDateFindings(of: item, at: day) { codes.append($0) }
        return codes.map { messages ? render($0) : render($0, message: "") }
    }

    /// The findings that depend on the query date: no record in force, expired, out of
    /// service, anchor not recognised, suspect. Returns the record in force and whether
    /// the item is a valid anchor.
    @discardableResult
    func queryDateFindings(
        of item: ItemIndex, at day: Day, _ emit: (FindingCode) -> Void
    ) -> (record: RecordIndex?, isAnchor: Bool) {
        requireCovered(item)
        let anchor = anchorState(item, at: day)
        if anchor == .valid { return (nil, true) }
        guard let record = network.recordInForce(item, at: day) else {
            switch anchor {
            case .notRecognized:
                emit(
                    FindingCode(
                        .anchorNotRecognized, policy.severity(of: .anchorNotRecognized), record: nil, subject: item,
                        day: day))
            case .outOfService(_, let since):
                emit(
                    FindingCode(
                        .outOfService, policy.severity(of: .outOfService), record: nil, subject: item, day: since))
            case .notAnAnchor, .valid:
                emit(
                    FindingCode(
                        .noRecordInForce, policy.severity(of: .noRecordInForce), record: nil, subject: item, day: day))
            }
            return (nil, false)
        }
        if let due = judged.effectiveDue[record.int], due < day {
            emit(
                FindingCode(
                    .expired, policy.severity(of: .expired), record: record, value: Double(day.ordinal - due.ordinal),
                    day: due))
        }
        let (state, since) = network.state(of: item, at: day)
        if !state.isInService {
            emit(
                FindingCode(
                    .outOfService, policy.severity(of: .outOfService), record: record, subject: item, day: since))
        }
        if let found = judged.suspectSince[record.int], found <= day {
            emit(
                FindingCode(
                    .suspect, policy.severity(of: .suspect), record: record,
                    subject: judged.suspectCause[record.int] >= 0 ? ItemIndex(judged.suspectCause[record.int]) : nil,
                    day: found))
        }
        return (record, false)
    }

    /// Every finding on an item's chain at `day`: those of the query date, then the own
    /// findings of its record in force and of every upstream record, each judged at its
    /// own date, nearest first.
    public func findings(of item: ItemIndex, at day: Day) -> [Finding] {
        chain(of: item, at: day).findings
    }
}
