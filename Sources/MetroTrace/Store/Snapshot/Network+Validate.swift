extension Network {
    /// Checks that every index points where it may and every CSR array is ordered, so
    /// that a snapshot whose checksum happens to match cannot make a query read out of
    /// bounds.
    ///
    /// - Complexity: O(size of the network).
    func validate() throws(SnapshotError) {
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
            guard values.first == 0, Int(values.last ?? -1) == total else { throw fail("\(name) does not span its rows") }
            for i in 1..<values.count where values[i] < values[i - 1] { throw fail("\(name) is not ordered") }
        }
        let n = itemID.count
        let m = recordID.count
        let s = strings.strings.count
        for (name, column) in [("item names", itemName.count), ("item kinds", itemKind.count),
                               ("item quantities", itemQuantity.count), ("item units", itemUnit.count),
                               ("item labs", itemLab.count), ("item ranges", itemRangeLower.count),
                               ("item ranges", itemRangeUpper.count), ("item tolerances", itemToleranceAbsolute.count),
                               ("item tolerances", itemToleranceRelative.count), ("item classes", itemAccuracyClass.count),
                               ("item drifts", itemDriftPerYear.count)] {
            try count(name, column, n)
        }
        for (name, column) in [("record items", recordItem.count), ("record labs", recordLab.count),
                               ("record dates", recordDate.count), ("record dues", recordDue.count),
                               ("record activities", recordActivity.count), ("record verdicts", recordVerdict.count),
                               ("record procedures", recordProcedure.count), ("record sources", recordSource.count),
                               ("record units", recordUnit.count), ("record cycles", recordInCycle.count)] {
            try count(name, column, m)
        }
        try range("item ids", itemID, 0, s)
        try range("item names", itemName, 0, s)
        try range("item classes", itemAccuracyClass, -1, s)
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
}
