extension Resolver {
    /// The order records are numbered in: by date; within a day, each record after the
    /// same-day records it depends on (the in-force records of its references that are
    /// not valid anchors that day), ties broken by dataset order.
    ///
    /// Records that depend on themselves, directly or through same-day calibrations,
    /// cannot be ordered so; they are flagged as in a cycle and kept in dataset order
    /// at the end of their day. Only same-day records can form a cycle, since a record
    /// depends only on records dated on or before it.
    ///
    /// - Complexity: O(n log n) for n records.
    func recordOrder() -> (order: [Int32], provisional: [Int32], inCycle: [Bool]) {
        let count = builder.records.count
        let provisional = provisionalOrder()
        var provisionalPosition = [Int32](repeating: 0, count: count)
        for (position, record) in provisional.enumerated() { provisionalPosition[Int(record)] = Int32(position) }
        let recordsByItem = RecordsByItem(
            provisional: provisional, recordItem: recordItem, itemCount: builder.items.count)

        var order: [Int32] = []
        order.reserveCapacity(count)
        var inCycle = [Bool](repeating: false, count: count)
        // Scratch space reused by every day.
        var indegree = [Int32](repeating: 0, count: count)
        var groupStart = 0
        while groupStart < count {
            let day = builder.records[Int(provisional[groupStart])].date
            var groupEnd = groupStart + 1
            while groupEnd < count, builder.records[Int(provisional[groupEnd])].date == day { groupEnd += 1 }
            let group = provisional[groupStart..<groupEnd]
            let edges = sameDayEdges(of: group, on: day, recordsByItem: recordsByItem)
            if edges.isEmpty {
                order.append(contentsOf: group)
            } else {
                orderDay(
                    group, edges: edges, provisionalPosition: provisionalPosition,
                    indegree: &indegree, order: &order, inCycle: &inCycle)
            }
            groupStart = groupEnd
        }
        return (order, provisional, inCycle)
    }

    /// The records by date, then dataset order.
    func provisionalOrder() -> [Int32] {
        // One integer key per record: the date (shifted to be non-negative) above the
        // dataset position, so that a plain integer sort gives (date, position).
        var keys = builder.records.enumerated().map { position, record in
            UInt64(UInt32(bitPattern: record.date.ordinal) ^ 0x8000_0000) << 32 | UInt64(position)
        }
        keys.sort()
        return keys.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
    }

    /// Dependencies among the records of one day (`group`, in provisional order): an edge
    /// `from → to` where `to` used, through a reference that is not a valid anchor that
    /// day, the in-force record `from` of the same day.
    func sameDayEdges(of group: ArraySlice<Int32>, on day: Day, recordsByItem: RecordsByItem)
        -> [(from: Int32, to: Int32)]
    {
        let pending = builder.records
        var edges: [(from: Int32, to: Int32)] = []
        for record in group {
            let end =
                Int(record) + 1 < pending.count
                ? Int(pending[Int(record) + 1].referenceStart) : builder.references.count
            for r in Int(pending[Int(record)].referenceStart)..<end {
                let target = referenceItem[r]
                // A valid anchor is used as such, not through its own records.
                guard target >= 0, !isValidAnchor(target, day),
                    let used = recordsByItem.inForce(target, on: day, dates: pending),
                    pending[Int(used)].date == day
                else { continue }
                edges.append((used, record))
            }
        }
        return edges
    }

    /// Appends the records of one day to `order`, each after the records it depends on
    /// (Kahn's algorithm, ready records taken in provisional order); what depends on
    /// itself or on a cycle follows, its strongly connected components in dependency
    /// order, each flagged in `inCycle` when it is a cycle.
    ///
    /// - Parameter indegree: scratch space of one entry per record, all 0, left so.
    func orderDay(
        _ group: ArraySlice<Int32>, edges unsorted: [(from: Int32, to: Int32)], provisionalPosition: [Int32],
        indegree: inout [Int32], order: inout [Int32], inCycle: inout [Bool]
    ) {
        let edges = unsorted.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        var successorStart: [Int32: Int] = [:]
        for (i, edge) in edges.enumerated() where successorStart[edge.from] == nil {
            successorStart[edge.from] = i
        }
        for edge in edges { indegree[Int(edge.to)] += 1 }
        var ready = MinHeap()
        for record in group where indegree[Int(record)] == 0 {
            ready.insert(provisionalPosition[Int(record)])
        }
        let provisionalStart = Int(provisionalPosition[Int(group.first!)])
        var placed = Set<Int32>()
        placed.reserveCapacity(group.count)
        while let position = ready.popMin() {
            let record = group[group.startIndex + Int(position) - provisionalStart]
            guard !placed.contains(record) else { continue }
            order.append(record)
            placed.insert(record)
            guard var e = successorStart[record] else { continue }
            while e < edges.count, edges[e].from == record {
                let next = edges[e].to
                indegree[Int(next)] -= 1
                if indegree[Int(next)] == 0, !placed.contains(next) {
                    ready.insert(provisionalPosition[Int(next)])
                }
                e += 1
            }
        }
        if placed.count < group.count {
            // What remains depends on itself (a cycle) or on a cycle.
            let stuck = group.filter { !placed.contains($0) }
            for component in components(of: stuck, edges: edges) {
                for record in component.records {
                    inCycle[Int(record)] = component.isCycle
                    order.append(record)
                }
            }
        }
        for record in group { indegree[Int(record)] = 0 }
    }

    /// Whether an item (by builder index) is a valid anchor on `day` (``AnchorState``).
    func isValidAnchor(_ item: Int32, _ day: Day) -> Bool {
        let items = builder.items
        let pending = items[Int(item)]
        guard pending.kind.canAnchor else { return false }
        func range(_ start: KeyPath<PendingItem, Int32>, _ total: Int) -> Range<Int> {
            let end = Int(item) + 1 < items.count ? Int(items[Int(item) + 1][keyPath: start]) : total
            return Int(pending[keyPath: start])..<end
        }
        let recognitions = builder.recognitions[range(\.recognitionStart, builder.recognitions.count)]
        let events = builder.events[range(\.eventStart, builder.events.count)]
        return AnchorState.of(
            kind: pending.kind, recognitions: recognitions.lazy.map(\.window),
            ownerAccredited: {
                let lab = itemLab[Int(item)]
                return lab >= 0 && builder.labs[Int(lab)].lab.accreditations.contains { $0.window.contains(day) }
            },
            state: { ItemState.on(day, events: events) }, at: day) == .valid
    }

    /// The strongly connected components of the dependency graph among `stuck`, in
    /// dependency order (a component after those it depends on), each listing its records
    /// in dataset order and whether it is a cycle (more than one record, or one that
    /// depends on itself).
    ///
    /// - Complexity: O(v + e) (Tarjan's algorithm, iterative).
    func components(of stuck: [Int32], edges: [(from: Int32, to: Int32)])
        -> [(records: [Int32], isCycle: Bool)]
    {
        let members = Set(stuck)
        var successors: [Int32: [Int32]] = [:]
        for edge in edges where members.contains(edge.from) && members.contains(edge.to) {
            successors[edge.from, default: []].append(edge.to)
        }
        var index: [Int32: Int] = [:]
        var lowLink: [Int32: Int] = [:]
        var onStack: Set<Int32> = []
        var stack: [Int32] = []
        var next = 0
        var emitted: [(records: [Int32], isCycle: Bool)] = []
        let position = Dictionary(uniqueKeysWithValues: stuck.enumerated().map { ($1, $0) })
        for root in stuck where index[root] == nil {
            var work: [(node: Int32, child: Int)] = [(root, 0)]
            index[root] = next; lowLink[root] = next; next += 1
            stack.append(root); onStack.insert(root)
            while let (node, child) = work.last {
                let children = successors[node] ?? []
                if child < children.count {
                    work[work.count - 1].child += 1
                    let target = children[child]
                    if index[target] == nil {
                        index[target] = next; lowLink[target] = next; next += 1
                        stack.append(target); onStack.insert(target)
                        work.append((target, 0))
                    } else if onStack.contains(target) {
                        lowLink[node] = min(lowLink[node]!, index[target]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent]!, lowLink[node]!) }
                if lowLink[node] == index[node] {
                    var component: [Int32] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == node { break }
                    }
                    let isCycle = component.count > 1 || (successors[node] ?? []).contains(node)
                    emitted.append((component.sorted { position[$0]! < position[$1]! }, isCycle))
                }
            }
        }
        // Tarjan emits a component after every component that depends on it.
        return emitted.reversed()
    }
}

/// Each item's records in provisional order (by date), in CSR form, to find the record
/// in force on a day while the records are being ordered.
struct RecordsByItem {
    private var start: [Int32]
    private var list: [Int32]

    init(provisional: [Int32], recordItem: [Int32], itemCount: Int) {
        start = [Int32](repeating: 0, count: itemCount + 1)
        for item in recordItem where item >= 0 { start[Int(item) + 1] += 1 }
        for i in 0..<itemCount { start[i + 1] += start[i] }
        var fill = start
        list = [Int32](repeating: 0, count: provisional.count)
        for record in provisional {
            let item = Int(recordItem[Int(record)])
            guard item >= 0 else { continue }
            list[Int(fill[item])] = record
            fill[item] += 1
        }
    }

    /// The last record of `item` dated on or before `day`.
    func inForce(_ item: Int32, on day: Day, dates records: [PendingRecord]) -> Int32? {
        let first = Int(start[Int(item)])
        let firstLater = firstPosition(in: first..<Int(start[Int(item) + 1])) { records[Int(list[$0])].date > day }
        return firstLater > first ? list[firstLater - 1] : nil
    }
}
