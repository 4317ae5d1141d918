import Dispatch

extension Network {
    /// Checks a network read from a snapshot before anything uses it: every index points
    /// where it may and every CSR array is ordered (``validateStructure()``), and every
    /// value the analysis relies on is one a build could have produced
    /// (``validateValues()``), so that a crafted snapshot with a recomputed checksum can
    /// make no query read out of bounds, trap or loop.
    ///
    /// - Complexity: O(size of the network).
    func validate() throws(SnapshotError) {
        try validateStructure()
        try validateValues()
    }

    /// Checks that every index points where it may and every CSR array is ordered.
    func validateStructure() throws(SnapshotError) {
        func fail(_ what: String) -> SnapshotError { SnapshotError("snapshot is inconsistent: \(what)") }
        func count(_ name: String, _ actual: Int, _ expected: Int) throws(SnapshotError) {
            guard actual == expected else { throw fail("\(name) has \(actual) entries, expected \(expected)") }
        }
        func range(_ name: String, _ values: [Int32], _ lower: Int32, _ upper: Int) throws(SnapshotError) {
            for value in values where value < lower || Int(value) >= upper {
                throw fail("\(name) holds \(value), outside \(lower)..<\(upper)")
            }
        }
        func starts(_ name: String, _ values: [Int32], entries: Int, total: Int) throws(SnapshotError) {
            try count(name, values.count, entries + 1)
            guard values.first == 0, Int(values.last ?? -1) == total else {
                throw fail("\(name) does not span its rows")
            }
            for i in 1..<values.count where values[i] < values[i - 1] { throw fail("\(name) is not ordered") }
        }
        let n = itemID.count
        let m = recordID.count
        let s = strings.strings.count
        for (name, column) in [
            ("item names", itemName.count), ("item kinds", itemKind.count),
            ("item quantities", itemQuantity.count), ("item units", itemUnit.count),
            ("item labs", itemLab.count), ("item ranges", itemRangeLower.count),
            ("item ranges", itemRangeUpper.count), ("item tolerances", itemToleranceAbsolute.count),
            ("item tolerances", itemToleranceRelative.count), ("item classes", itemAccuracyClass.count),
            ("item drifts", itemDriftPerYear.count),
        ] as [(String, Int)] {
            try count(name, column, n)
        }
        let details: [(String, Int)] = [
            ("item serial numbers", itemSerial.count), ("item models", itemModel.count),
            ("item manufacturers", itemManufacturer.count), ("item asset tags", itemAssetTag.count),
            ("item compulsory flags", itemCompulsory.count),
        ]
        for (name, column) in details { try count(name, column, n) }
        for (name, column) in [
            ("record items", recordItem.count), ("record labs", recordLab.count),
            ("record dates", recordDate.count), ("record dues", recordDue.count),
            ("record activities", recordActivity.count), ("record verdicts", recordVerdict.count),
            ("record procedures", recordProcedure.count), ("record sources", recordSource.count),
            ("record units", recordUnit.count), ("record cycles", recordInCycle.count),
        ] {
            try count(name, column, m)
        }
        try range("item ids", itemID, 0, s)
        try range("item names", itemName, 0, s)
        try range("item classes", itemAccuracyClass, -1, s)
        try range("item serial numbers", itemSerial, -1, s)
        try range("item models", itemModel, -1, s)
        try range("item manufacturers", itemManufacturer, -1, s)
        try range("item asset tags", itemAssetTag, -1, s)
        try range("item quantities", itemQuantity, 0, quantities.count)
        try range("item units", itemUnit, 0, units.count)
        try range("item labs", itemLab, -1, labs.count)
        try starts("item recognitions", itemRecognitionStart, entries: n, total: recognitions.count)
        try range("recognition schemes", recognitions.map(\.scheme), 0, s)
        try starts("item anchor points", itemAnchorStart, entries: n, total: anchorPoints.count)
        try starts("item events", itemEventStart, entries: n, total: events.count)
        try starts("item records", itemRecordStart, entries: n, total: itemRecords.count)
        try count("item records", itemRecords.count, m)
        try range("item records", itemRecords.map(\.rawValue), 0, m)
        try range("record ids", recordID, 0, s)
        try range("record items", recordItem.map(\.rawValue), 0, n)
        try range("record labs", recordLab.map(\.rawValue), 0, labs.count)
        try range("record procedures", recordProcedure, -1, s)
        try range("record sources", recordSource, -1, s)
        try range("record units", recordUnit, -1, units.count)
        try starts("record references", recordReferenceStart, entries: m, total: references.count)
        try range("reference items", references.map(\.item.rawValue), 0, n)
        try range("reference records", references.map(\.used), -2, m)
        try starts("record points", recordPointStart, entries: m, total: points.count)
        try starts("record budgets", recordBudgetStart, entries: m, total: budget.count)
        try range("budget names", budget.map(\.name), 0, s)
        try starts("lab accreditations", labAccreditationStart, entries: labs.count, total: accreditations.count)
        try starts("lab capabilities", labCapabilityStart, entries: labs.count, total: capabilities.count)
        try range("capability quantities", capabilities.map(\.quantity), -1, quantities.count)
        for i in 1..<max(m, 1) where recordDate[i] < recordDate[i - 1] { throw fail("records are not in date order") }
        for (name, index, total) in [("item id index", itemIDIndex, n), ("record id index", recordIDIndex, m)] {
            try count(name, index.hashes.count, total)
            try count(name, index.positions.count, total)
            try range(name, index.positions, 0, total)
        }
    }

    /// Checks the values: numbers finite where the analysis computes with them (U, k,
    /// coverage, dof, sensitivities, ranges, tolerances, drifts, CMCs), dates in the
    /// plausible range and windows in order, ids unique and indexed under their hashes,
    /// each item's records its own and in date order, and each reference standing on an
    /// earlier record of its item.
    func validateValues() throws(SnapshotError) {
        func fail(_ what: String) -> SnapshotError { SnapshotError("snapshot is inconsistent: \(what)") }
        let earliest = Day.earliest, latest = Day.latest
        // Names are autoclosures: these run for every record, and a message is made only
        // for the one that fails.
        func day(_ name: @autoclosure () -> String, _ value: Day?) throws(SnapshotError) {
            guard let value else { return }
            guard value >= earliest, value <= latest else {
                throw fail("\(name()) holds day \(value.ordinal), outside the plausible dates \(earliest)…\(latest)")
            }
        }
        func window(_ name: @autoclosure () -> String, _ value: DateWindow) throws(SnapshotError) {
            try day(name(), value.from)
            try day(name(), value.to)
            if let from = value.from, let to = value.to, to < from { throw fail("\(name()) ends before it starts") }
        }
        /// A number that is absent (NaN) or finite.
        func optional(_ value: Double) -> Bool { value.isNaN || value.isFinite }
        func point(_ name: @autoclosure () -> String, _ row: PointRow, stated: Bool) throws(SnapshotError) {
            guard row.nominal.isFinite, optional(row.value) else {
                throw fail("\(name()) has a value that is not finite")
            }
            guard row.dof > 0 else { throw fail("\(name()) has degrees of freedom \(row.dof)") }
            guard row.k.isNaN || (row.k.isFinite && row.k > 0) else { throw fail("\(name()) has k = \(row.k)") }
            guard row.coverage.isNaN || (row.coverage > 0 && row.coverage < 1) else {
                throw fail("\(name()) has coverage \(row.coverage)")
            }
            if row.hasStatedUncertainty {
                guard row.expanded.isFinite, row.expanded > 0 else { throw fail("\(name()) has U = \(row.expanded)") }
                guard !(row.k.isNaN && row.coverage.isNaN) else {
                    throw fail("\(name()) states U without k or coverage")
                }
            } else if stated {
                throw fail("\(name()) has no uncertainty")
            }
        }

        // Dates.
        for (r, date) in recordDate.enumerated() {
            try day("record \(r)'s date", date)
            if let due = recordDue[r] {
                try day("record \(r)'s due date", due)
                guard due >= date else { throw fail("record \(r) is due before its date") }
            }
        }
        for (i, event) in events.enumerated() { try day("event \(i)", event.day) }
        for (i, accreditation) in accreditations.enumerated() { try window("accreditation \(i)", accreditation) }
        for (i, capability) in capabilities.enumerated() { try window("capability \(i)", capability.window) }
        for (i, recognition) in recognitions.enumerated() { try window("recognition \(i)", recognition.window) }
        for item in 0..<itemID.count {
            let range = Int(itemEventStart[item])..<Int(itemEventStart[item + 1])
            for e in range.dropFirst() where events[e].day < events[e - 1].day {
                throw fail("the events of item \(item) are not in date order")
            }
        }

        // Numbers.
        for (i, row) in points.enumerated() { try point("point \(i)", row, stated: false) }
        for (i, row) in anchorPoints.enumerated() { try point("realised uncertainty \(i)", row, stated: true) }
        for (i, reference) in references.enumerated() {
            guard reference.sensitivity.isFinite, optional(reference.at) else {
                throw fail("reference \(i) has a value that is not finite")
            }
        }
        for (i, line) in budget.enumerated() {
            guard line.standardUncertainty.isFinite, line.standardUncertainty >= 0, line.sensitivity.isFinite,
                line.dof > 0
            else {
                throw fail(
                    "budget line \(i) has u = \(line.standardUncertainty), sensitivity \(line.sensitivity), dof \(line.dof)"
                )
            }
        }
        for item in 0..<itemID.count {
            let lower = itemRangeLower[item], upper = itemRangeUpper[item]
            guard (lower.isNaN && upper.isNaN) || (lower.isFinite && upper.isFinite && lower <= upper) else {
                throw fail("item \(item) has the range \(lower)…\(upper)")
            }
            let absolute = itemToleranceAbsolute[item], relative = itemToleranceRelative[item]
            guard absolute.isNaN || (absolute.isFinite && absolute >= 0),
                relative.isNaN || (relative.isFinite && relative >= 0),
                itemDriftPerYear[item].isFinite
            else { throw fail("item \(item) has a tolerance or drift that is not a finite, non-negative number") }
        }
        for (i, capability) in capabilities.enumerated() {
            guard capability.lower.isFinite, capability.upper.isFinite, capability.lower <= capability.upper,
                capability.cmcAbsolute.isFinite, capability.cmcAbsolute >= 0, capability.cmcRelative.isFinite,
                capability.cmcRelative >= 0, capability.cmcK.isFinite, capability.cmcK > 0
            else { throw fail("capability \(i) has a range or CMC that is not finite, or is reversed or negative") }
        }
        for lab in labs {
            for capability in lab.capabilities {
                let values = [
                    capability.range.lower.si, capability.range.upper.si, capability.cmc?.absolute?.si ?? 0,
                    capability.cmc?.relative ?? 0, capability.cmc?.k ?? 1,
                ]
                guard values.allSatisfy(\.isFinite), (capability.cmc?.k ?? 1) > 0 else {
                    throw fail("a capability of lab \(lab.id) has a value that is not finite")
                }
            }
        }

        // Ids: unique, and found under their hashes.
        guard !labs.contains(where: { $0.id.isEmpty }), Set(labs.map(\.id)).count == labs.count,
            labIndexByID.count == labs.count
        else {
            throw fail("lab ids are empty or not unique")
        }
        try validateIndex("item", itemIDIndex, ids: itemID)
        try validateIndex("record", recordIDIndex, ids: recordID)

        // Each item's records are its own, in date order; each reference stands on an
        // earlier record of the item it names.
        for item in 0..<itemID.count {
            let range = Int(itemRecordStart[item])..<Int(itemRecordStart[item + 1])
            var previous = -1
            for row in range {
                let record = itemRecords[row].int
                guard recordItem[record].int == item else {
                    throw fail("item \(item)'s records include record \(record) of another item")
                }
                guard record > previous else { throw fail("item \(item)'s records are not in order") }
                previous = record
            }
        }
        for record in 0..<recordID.count {
            for row in Int(recordReferenceStart[record])..<Int(recordReferenceStart[record + 1]) {
                let used = Int(references[row].used)
                guard used >= 0 else { continue }
                guard used < record, recordItem[used] == references[row].item else {
                    throw fail(
                        "reference \(row) of record \(record) stands on record \(used), which is not an earlier record of its item"
                    )
                }
            }
        }
    }

    /// Checks an id index: hashes sorted and those of the ids at their positions, and no
    /// id twice.
    ///
    /// That the index pairs each position with its id's hash is checked without reading
    /// it out of order: the index's (position, hash) pairs and the ids' are compared as
    /// multisets, by a sum of a keyed mix of each pair (the key drawn afresh for each
    /// check, so that no file can be made to agree by chance or by design), and each
    /// side is read in its own order, in two halves on two threads.
    /// - Parameter twoThreadsFrom: how many ids it takes to use two threads (tests set it
    ///   low to exercise both halves).
    func validateIndex(_ name: String, _ index: IDIndex, ids: [Int32], twoThreadsFrom: Int = 100_000)
        throws(SnapshotError)
    {
        func fail(_ what: String) -> SnapshotError { SnapshotError("snapshot is inconsistent: \(what)") }
        let count = ids.count
        var random = SystemRandomNumberGenerator()
        let key = PairMix(position: random.next(), hash: random.next())
        // Per half: the sum of the mixes, and the first position whose id is empty, or -1.
        var idSums = [UInt64](repeating: 0, count: 2)
        var empty = [Int](repeating: -1, count: 2)
        // A snapshot's strings come with their hashes, worked out from their bytes as
        // they were read; a built network's are hashed here.
        let stringHashes = strings.hashesUntilFrozen
        let hashesKnown = stringHashes.count == strings.strings.count
        let emptyHash = IDIndex.hash("")
        idSums.withUnsafeMutableBufferPointer { sums in
            empty.withUnsafeMutableBufferPointer { empty in
                // Each half writes only its own part of the buffers, and reads through
                // pointers, touching no reference count the other half touches.
                let shared = HalvesOutput(first: sums, second: empty)
                ids.withUnsafeBufferPointer { ids in
                    strings.strings.withUnsafeBufferPointer { texts in
                        stringHashes.withUnsafeBufferPointer { stringHashes in
                            let input = HalvesInput(ids: ids, texts: texts, hashes: stringHashes)
                            Self.inHalves(count, from: twoThreadsFrom) { half, range in
                                var sum: UInt64 = 0
                                for p in range {
                                    let string = Int(input.ids[p])
                                    let hash = hashesKnown ? input.hashes[string] : IDIndex.hash(input.texts[string])
                                    if hash == emptyHash, input.texts[string].isEmpty {
                                        shared.second[half] = p
                                        return
                                    }
                                    sum &+= key.mix(p, hash)
                                }
                                shared.first[half] = sum
                            }
                        }
                    }
                }
            }
        }
        if let p = empty.first(where: { $0 >= 0 }) { throw fail("\(name) \(p) has an empty id") }
        // Equal ids have equal hashes, which the sorting puts side by side: compare those
        // (rare). A position listed twice, and so another never, changes the sum.
        var indexSums = [UInt64](repeating: 0, count: 2)
        var problems = [String?](repeating: nil, count: 2)
        indexSums.withUnsafeMutableBufferPointer { sums in
            problems.withUnsafeMutableBufferPointer { problems in
                let shared = HalvesOutput(first: sums, second: problems)
                Self.inHalves(index.positions.count, from: twoThreadsFrom) { half, range in
                    var sum: UInt64 = 0
                    for k in range {
                        let p = Int(index.positions[k])
                        let hash = index.hashes[k]
                        sum &+= key.mix(p, hash)
                        guard k > 0 else { continue }
                        let previous = index.hashes[k - 1]
                        guard previous <= hash else {
                            shared.second[half] = "the \(name) id index is not sorted"
                            return
                        }
                        guard previous == hash else { continue }
                        var j = k - 1
                        while j >= 0, index.hashes[j] == hash {
                            if strings[ids[Int(index.positions[j])]] == strings[ids[p]] {
                                shared.second[half] = "\(name) id \"\(strings[ids[p]])\" appears twice"
                                return
                            }
                            j -= 1
                        }
                    }
                    shared.first[half] = sum
                }
            }
        }
        if let problem = problems.first(where: { $0 != nil }) ?? nil { throw fail(problem) }
        guard idSums[0] &+ idSums[1] == indexSums[0] &+ indexSums[1] else {
            throw fail("the \(name) id index does not match the \(name) ids (a hash or a position is wrong)")
        }
    }

    /// Runs `body` over the two halves of `0..<count` on two threads (on one below
    /// `threshold`, where a second thread costs more than it saves), with the half's number.
    static func inHalves(_ count: Int, from threshold: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
        guard count >= threshold else { return body(0, 0..<count) }
        let middle = count / 2
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            body(half, half == 0 ? 0..<middle : middle..<count)
        }
    }
}

/// A keyed mix of a (position, hash) pair (wyhash's multiply-and-fold), summed over an
/// id index and over the ids to compare the two as multisets.
private struct PairMix: Sendable {
    let position: UInt64
    let hash: UInt64

    @inline(__always) func mix(_ p: Int, _ value: UInt64) -> UInt64 {
        let first = Self.fold((value ^ hash).multipliedFullWidth(by: UInt64(p) ^ position))
        return Self.fold((first ^ hash).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15))
    }

    @inline(__always) private static func fold(_ product: (high: UInt64, low: UInt64)) -> UInt64 {
        product.high ^ product.low
    }
}

/// What both threads of ``Network/validateIndex(_:_:ids:twoThreadsFrom:)`` read: the ids'
/// strings, the strings and their hashes.
private struct HalvesInput: @unchecked Sendable {
    let ids: UnsafeBufferPointer<Int32>
    let texts: UnsafeBufferPointer<String>
    let hashes: UnsafeBufferPointer<UInt64>
}

/// Buffers two threads of ``Network/validateIndex(_:_:ids:twoThreadsFrom:)`` write into, each only its
/// own half.
private struct HalvesOutput<First, Second>: @unchecked Sendable {
    let first: UnsafeMutableBufferPointer<First>
    let second: UnsafeMutableBufferPointer<Second>
}
