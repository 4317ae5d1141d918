/// What falls due in a window: items whose record in force expires in it, and for each
/// standard among them, the calibrations its expiry would block.
public struct DuePlan: Sendable, Codable {
    /// An item whose record in force falls due (or fell due).
    public struct Entry: Sendable, Hashable, Codable {
        public let item: ItemIndex
        public let record: RecordIndex
        /// The last day the record may be relied on (stated, or from the policy's interval).
        public let due: Day
        /// Days from the plan's start to the due date (negative when overdue).
        public let daysLeft: Int
        /// Items whose record in force used this item directly and fall due after it: their
        /// next calibration would find this standard expired unless it is recalibrated first.
        public let blocked: [ItemIndex]
        /// Every item downstream of those (the knock-on), counted once.
        public let blockedDownstream: Int
    }

    /// The first day of the window (the query date).
    public let from: Day
    /// The last day of the window.
    public let to: Day
    /// Items falling due in the window, by due date.
    public let due: [Entry]
    /// Items already past due at the start of the window, by due date.
    public let overdue: [Entry]
    /// Items out of service at the start of the window (found out of tolerance and not
    /// repaired, or retired) whose record falls or fell due by its end: not to be
    /// recalibrated as they are, so listed apart, by due date.
    public var outOfService: [Entry] = []
}

extension TraceabilityAnalysis {
    /// The items whose record in force at `day` falls due within `days` days (inclusive),
    /// and those already overdue; only items owned by `lab` when given, and only those
    /// whose record in force `issuer` issued (what a centre must recalibrate for its
    /// customers) when given. Items out of service at `day` are listed apart.
    ///
    /// - Complexity: O(n·(log h + r)) for n items with h records and r references each.
    public func duePlan(at day: Day, within days: Int, lab: LabIndex? = nil, issuer: LabIndex? = nil) -> DuePlan {
        let end = day.advanced(by: days)
        let validities = validity(at: day)
        // Who uses whom now: for every item's record in force, the items it references.
        var users: [[ItemIndex]] = Array(repeating: [], count: network.itemCount)
        var dueOf: [Day?] = Array(repeating: nil, count: network.itemCount)
        for validity in validities {
            dueOf[validity.item.int] = validity.due
            guard let record = validity.record else { continue }
            for reference in network.referenceRows(of: record) where reference.item != validity.item {
                users[reference.item.int].append(validity.item)
            }
        }
        var due: [DuePlan.Entry] = []
        var overdue: [DuePlan.Entry] = []
        var outOfService: [DuePlan.Entry] = []
        for validity in validities {
            guard let record = validity.record, let date = validity.due, date <= end else { continue }
            if let lab, network.lab(of: validity.item) != lab { continue }
            if let issuer, network.lab(of: record) != issuer { continue }
            let blocked = users[validity.item.int].filter { user in dueOf[user.int].map { $0 > date } ?? true }
            let entry = DuePlan.Entry(
                item: validity.item, record: record, due: date, daysLeft: day.distance(to: date),
                blocked: blocked, blockedDownstream: Self.downstream(of: blocked, users: users))
            let state = network.state(of: validity.item, at: day).state
            if state == .outOfTolerance || state == .retired {
                outOfService.append(entry)
            } else if date < day {
                overdue.append(entry)
            } else {
                due.append(entry)
            }
        }
        let order: (DuePlan.Entry, DuePlan.Entry) -> Bool = { ($0.due, $0.item.rawValue) < ($1.due, $1.item.rawValue) }
        var plan = DuePlan(from: day, to: end, due: due.sorted(by: order), overdue: overdue.sorted(by: order))
        plan.outOfService = outOfService.sorted(by: order)
        return plan
    }

    /// How many items stand below `items` (themselves included), each counted once.
    static func downstream(of items: [ItemIndex], users: [[ItemIndex]]) -> Int {
        guard !items.isEmpty else { return 0 }
        var seen = Set(items)
        var queue = items
        while let next = queue.popLast() {
            for user in users[next.int] where seen.insert(user).inserted { queue.append(user) }
        }
        return seen.count
    }
}
