/// A frozen traceability network: labs, items and records in flat, index-linked arrays
/// with interned strings, built once by ``NetworkBuilder`` and then only read.
///
/// Items and records are stored as structs of arrays with 32-bit indices; the references,
/// points and budget lines of records and the records of each item are CSR arrays (an
/// offsets array into one flat array). Records are numbered in date order, same-day
/// records by their dependencies, so one pass in index order visits every record after
/// everything it depends on.
///
/// ## Thread safety
///
/// `Network` is an immutable value type (`Sendable`): copies share storage, and any number
/// of threads or tasks may query one network at once without locking. The only state it
/// keeps is its cache of analyses (``analysis(policy:)``, up to four policies), guarded by
/// a mutex; two threads that ask for the same policy at once may both analyse, and both
/// get equal results. A ``TraceabilityAnalysis`` is immutable too and may be shared in the
/// same way. Building (``NetworkBuilder``) is single-threaded: one builder per thread.
public struct Network: Sendable {
    /// The dataset's name.
    public let name: String

    // MARK: Shared tables
    var strings: StringTable
    var units: [Unit]
    var quantities: [QuantityKind]

    // MARK: Labs
    var labs: [Lab]
    var labIndexByID: [String: LabIndex]
    var labAccreditationStart: [Int32]
    var accreditations: [DateWindow]
    var labCapabilityStart: [Int32]
    var capabilities: [CapabilityRow]

    // MARK: Items
    var itemID: [Int32]
    var itemName: [Int32]
    var itemKind: [ItemKind]
    var itemQuantity: [Int32]
    var itemUnit: [Int32]
    var itemLab: [Int32]
    var itemRangeLower: [Double]
    var itemRangeUpper: [Double]
    var itemToleranceAbsolute: [Double]
    var itemToleranceRelative: [Double]
    var itemAccuracyClass: [Int32]
    /// Serial number, model, manufacturer and asset tag: string ids, -1 for none.
    var itemSerial: [Int32]
    var itemModel: [Int32]
    var itemManufacturer: [Int32]
    var itemAssetTag: [Int32]
    var itemCompulsory: [Bool]
    var itemDriftPerYear: [Double]
    var itemRecognitionStart: [Int32]
    var recognitions: [RecognitionRow]
    var itemAnchorStart: [Int32]
    var anchorPoints: [PointRow]
    var itemEventStart: [Int32]
    var events: [EventRow]
    var itemRecordStart: [Int32]
    var itemRecords: [RecordIndex]
    var itemIDIndex: IDIndex

    // MARK: Records (in date order)
    var recordID: [Int32]
    var recordItem: [ItemIndex]
    var recordLab: [LabIndex]
    var recordDate: [Day]
    var recordDue: [Day?]
    var recordActivity: [Activity]
    var recordVerdict: [Verdict?]
    var recordProcedure: [Int32]
    var recordSource: [Int32]
    var recordUnit: [Int32]
    var recordInCycle: [Bool]
    var recordReferenceStart: [Int32]
    var references: [ReferenceRow]
    var recordPointStart: [Int32]
    var points: [PointRow]
    var recordBudgetStart: [Int32]
    var budget: [BudgetRow]
    var recordIDIndex: IDIndex

    /// Analyses computed for this network, by policy (shared by copies).
    let analysisCache = AnalysisCache()

    // MARK: Counts and ids

    /// The number of items.
    public var itemCount: Int { itemID.count }
    /// The number of records.
    public var recordCount: Int { recordID.count }
    /// The number of labs.
    public var labCount: Int { labs.count }

    /// Every item index, in the order the items were loaded.
    public var itemIndices: some RandomAccessCollection<ItemIndex> {
        (0..<Int32(itemCount)).lazy.map(ItemIndex.init)
    }

    /// Every record index, in date order.
    public var recordIndices: some RandomAccessCollection<RecordIndex> {
        (0..<Int32(recordCount)).lazy.map(RecordIndex.init)
    }

    /// The item with the given id, if any (O(log n)).
    public func item(id: String) -> ItemIndex? {
        itemIDIndex.find(id) { strings[itemID[Int($0)]] }.map(ItemIndex.init)
    }
    /// The record with the given id, if any (O(log n)).
    public func record(id: String) -> RecordIndex? {
        recordIDIndex.find(id) { strings[recordID[Int($0)]] }.map(RecordIndex.init)
    }
    /// The lab with the given id, if any.
    public func lab(id: String) -> LabIndex? { labIndexByID[id] }

    /// The id of an item.
    public func id(of item: ItemIndex) -> String { strings[itemID[item.int]] }
    /// The id of a record.
    public func id(of record: RecordIndex) -> String { strings[recordID[record.int]] }
    /// The id of a lab.
    public func id(of lab: LabIndex) -> String { labs[lab.int].id }

    /// The name of an item.
    public func itemName(of item: ItemIndex) -> String { strings[itemName[item.int]] }
    /// The kind of an item.
    public func kind(of item: ItemIndex) -> ItemKind { itemKind[item.int] }
    /// The calibrated item of a record.
    public func item(of record: RecordIndex) -> ItemIndex { recordItem[record.int] }
    /// The issuing lab of a record.
    public func lab(of record: RecordIndex) -> LabIndex { recordLab[record.int] }
    /// The owner lab of an item, if it has one.
    public func lab(of item: ItemIndex) -> LabIndex? {
        let lab = itemLab[item.int]
        return lab < 0 ? nil : LabIndex(lab)
    }
    /// The date of a record.
    public func date(of record: RecordIndex) -> Day { recordDate[record.int] }
    /// The due date a record states, if any.
    public func statedDue(of record: RecordIndex) -> Day? { recordDue[record.int] }
    /// The activity of a record.
    public func activity(of record: RecordIndex) -> Activity { recordActivity[record.int] }
    /// The verdict of a record, if it states one.
    public func verdict(of record: RecordIndex) -> Verdict? { recordVerdict[record.int] }
    /// The kind of quantity of an item.
    public func quantity(of item: ItemIndex) -> QuantityKind { quantities[Int(itemQuantity[item.int])] }
    /// The unit an item's values are usually written in.
    public func unit(of item: ItemIndex) -> Unit { units[Int(itemUnit[item.int])] }

    /// Whether the record takes part in a dependency cycle (it depends on itself,
    /// possibly through same-day calibrations).
    public func isInCycle(_ record: RecordIndex) -> Bool { recordInCycle[record.int] }

    // MARK: History

    /// The records of an item, oldest first (same-day records in dataset order).
    public func records(of item: ItemIndex) -> ArraySlice<RecordIndex> {
        itemRecords[Self.positions(itemRecordStart, item.int)]
    }

    /// The item's record in force at `day`: its latest record dated on or before `day`;
    /// of two on the same day, the later in the dataset.
    ///
    /// - Complexity: O(log r) for an item with r records.
    public func recordInForce(_ item: ItemIndex, at day: Day) -> RecordIndex? {
        let start = Int(itemRecordStart[item.int])
        let firstLater = firstPosition(in: start..<Int(itemRecordStart[item.int + 1])) {
            recordDate[itemRecords[$0].int] > day
        }
        return firstLater > start ? itemRecords[firstLater - 1] : nil
    }

    /// The status events of an item, oldest first.
    public func events(of item: ItemIndex) -> [StatusEvent] {
        eventRows(of: item).map { StatusEvent(date: $0.day, state: $0.state) }
    }

    func eventRows(of item: ItemIndex) -> ArraySlice<EventRow> { events[eventRange(of: item)] }

    @inline(__always)
    func eventRange(of item: ItemIndex) -> Range<Int> { Self.positions(itemEventStart, item.int) }

    /// The state of an item at `day`: that of its latest event on or before `day`, or
    /// in service when it has none.
    ///
    /// - Complexity: O(e) for an item with e events.
    public func state(of item: ItemIndex, at day: Day) -> (state: ItemState, since: Day?) {
        ItemState.on(day, events: eventRows(of: item))
    }

    // MARK: Rows
    //
    // Each CSR list is offered as a slice and as the range of its positions in the flat
    // array. Hot loops index the flat array over the range: a slice holds a reference to
    // the array's storage, retained and released each time one is made.

    /// Positions `starts[i]..<starts[i + 1]` of a CSR list.
    @inline(__always)
    private static func positions(_ starts: [Int32], _ i: Int) -> Range<Int> {
        Int(starts[i])..<Int(starts[i + 1])
    }

    func referenceRows(of record: RecordIndex) -> ArraySlice<ReferenceRow> { references[referenceRange(of: record)] }
    @inline(__always)
    func referenceRange(of record: RecordIndex) -> Range<Int> { Self.positions(recordReferenceStart, record.int) }

    func pointRows(of record: RecordIndex) -> ArraySlice<PointRow> { points[pointRange(of: record)] }
    @inline(__always)
    func pointRange(of record: RecordIndex) -> Range<Int> { Self.positions(recordPointStart, record.int) }

    func budgetRows(of record: RecordIndex) -> ArraySlice<BudgetRow> { budget[budgetRange(of: record)] }
    @inline(__always)
    func budgetRange(of record: RecordIndex) -> Range<Int> { Self.positions(recordBudgetStart, record.int) }

    func recognitionRows(of item: ItemIndex) -> ArraySlice<RecognitionRow> { recognitions[recognitionRange(of: item)] }
    @inline(__always)
    func recognitionRange(of item: ItemIndex) -> Range<Int> { Self.positions(itemRecognitionStart, item.int) }

    func anchorRows(of item: ItemIndex) -> ArraySlice<PointRow> { anchorPoints[anchorRange(of: item)] }
    @inline(__always)
    func anchorRange(of item: ItemIndex) -> Range<Int> { Self.positions(itemAnchorStart, item.int) }

    func accreditationRows(of lab: LabIndex) -> ArraySlice<DateWindow> { accreditations[accreditationRange(of: lab)] }
    @inline(__always)
    func accreditationRange(of lab: LabIndex) -> Range<Int> { Self.positions(labAccreditationStart, lab.int) }

    func capabilityRows(of lab: LabIndex) -> ArraySlice<CapabilityRow> { capabilities[capabilityRange(of: lab)] }
    @inline(__always)
    func capabilityRange(of lab: LabIndex) -> Range<Int> { Self.positions(labCapabilityStart, lab.int) }
}

// MARK: Row types

/// One capability of a lab, in SI units.
struct CapabilityRow: Sendable {
    var quantity: Int32
    var activity: Activity
    var lower: Double
    var upper: Double
    var cmcAbsolute: Double
    var cmcRelative: Double
    var cmcK: Double
    var cmcCombine: CMC.Combination
    var hasCMC: Bool
    var window: DateWindow
    /// The capability's position in its lab's list as written, for messages.
    var index: Int32
}

/// A recognition window of an anchor.
struct RecognitionRow: Sendable {
    var scheme: Int32
    var window: DateWindow
}

/// A status event.
struct EventRow: Sendable {
    var day: Day
    var state: ItemState
}

/// A reference of a record, resolved; `at` is NaN when the reference was used at each
/// point's nominal value. `used` is what it stood on at the record's date, settled once
/// when the network is built: its record in force, or ``anchor`` or ``nothing``.
struct ReferenceRow: Sendable {
    var item: ItemIndex
    var used: Int32
    var sensitivity: Double
    var at: Double

    static let anchor: Int32 = -2
    static let nothing: Int32 = -1

    var isUsedAtEachPoint: Bool { at.isNaN }

    /// The value at which the reference was used for a point of nominal `nominal`.
    func value(forPointAt nominal: Double) -> Double { at.isNaN ? nominal : at }
}

/// A result point in SI units; NaN marks what was not stated, and an infinite `dof`
/// stands for infinite degrees of freedom.
struct PointRow: Sendable {
    var nominal: Double
    var value: Double
    var expanded: Double
    var k: Double
    var coverage: Double
    var dof: Double

    var hasStatedUncertainty: Bool { !expanded.isNaN }

    /// The lowest and highest nominal value of rows `range` of `points`; NaN when the
    /// range is empty.
    static func nominalSpan(_ points: [PointRow], _ range: Range<Int>) -> (low: Double, high: Double) {
        var low = range.isEmpty ? .nan : points[range.lowerBound].nominal
        var high = low
        for row in range {
            low = min(low, points[row].nominal)
            high = max(high, points[row].nominal)
        }
        return (low, high)
    }
}

/// A budget line: the standard uncertainty of an input and its sensitivity, in SI units.
struct BudgetRow: Sendable {
    var name: Int32
    var standardUncertainty: Double
    var sensitivity: Double
    var dof: Double
    var type: EvaluationType?
    var distribution: Distribution?
}
