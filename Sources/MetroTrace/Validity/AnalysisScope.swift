/// The records an analysis must settle to answer for the chains of a few items, at any
/// date: every record of those items, and, transitively, every record such a record
/// reads when it is judged — each record its references resolve to (cycle members
/// included), and every record of a referenced standard that was once found out of
/// tolerance (reverse traceability asks for the standard's last good calibration before
/// the finding: ``TraceabilityAnalysis/lastGood(_:before:)``).
///
/// A chain of a national network reaches a few dozen records of millions, so a command
/// about one item settles only these (``TraceabilityAnalysis/init(network:policy:chainsOf:)``)
/// instead of the whole history.
struct AnalysisScope: Sendable {
    /// The items whose chains the scope answers for, sorted.
    let items: [ItemIndex]
    /// The records to settle, in index order (references before the records using them).
    let records: [RecordIndex]

    /// The scope of the chains of `items` in `network`.
    ///
    /// - Complexity: O(a·r) for the a records reached with r references each.
    init(network: Network, items: some Sequence<ItemIndex>) {
        var selected: Set<RecordIndex> = []
        var queue: [RecordIndex] = []
        var itemsAdded: Set<ItemIndex> = []
        func addRecords(of item: ItemIndex) {
            guard itemsAdded.insert(item).inserted else { return }
            for record in network.records(of: item) where selected.insert(record).inserted { queue.append(record) }
        }
        for item in items { addRecords(of: item) }
        self.items = itemsAdded.sorted()
        while let next = queue.popLast() {
            for row in network.referenceRange(of: next) {
                let reference = network.references[row]
                switch network.resolve(reference, of: next) {
                case .record(let used), .cycle(let used):
                    if selected.insert(used).inserted { queue.append(used) }
                case .anchor, .none:
                    break
                }
                if network.eventRows(of: reference.item).contains(where: { $0.state == .outOfTolerance }) {
                    addRecords(of: reference.item)
                }
            }
        }
        records = selected.sorted()
    }

    /// Whether the scope answers for `item`'s chain.
    func covers(_ item: ItemIndex) -> Bool {
        let position = firstPosition(in: items.indices) { items[$0] >= item }
        return position < items.count && items[position] == item
    }
}
