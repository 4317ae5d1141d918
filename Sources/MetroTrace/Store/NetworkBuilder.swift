/// Collects labs, items and records with string ids, checks each as it arrives, and
/// freezes them into a ``Network`` with ``build()``.
///
/// Every problem is logged with where it came from (document, JSON path, line) and
/// which lab, item or record it concerns; ``build()`` throws ``DatasetError`` with all
/// of them when there is any error, so the user can fix everything in one go.
///
/// Entities are converted to compact rows when added, so building a network of
/// millions of records holds no model struct per record.
public struct NetworkBuilder: Sendable {
    /// The dataset's name.
    public var name = ""
    /// The documents (files) entities came from, indexed by ``Origin/document``.
    public private(set) var documents: [String] = []
    /// Everything found so far.
    public internal(set) var log: DiagnosticLog

    var strings = StringTable()
    var units: [Unit] = []
    var unitIndexBySymbol: [String: Int32] = [:]
    var dimensions: [Dimension] = []
    var dimensionIndex: [Dimension: UInt16] = [:]
    var declaredQuantities: [(kind: QuantityKind, origin: Origin)] = []
    /// Entities that could not be read; what refers to them is not reported as dangling.
    var unreadable: Set<Unreadable> = []

    struct Unreadable: Hashable, Sendable {
        var kind: EntityKind
        var id: String
    }

    var labs: [(lab: Lab, origin: Origin)] = []
    var items: [PendingItem] = []
    var recognitions: [RecognitionRow] = []
    var anchorPoints: [PointRow] = []
    var events: [EventRow] = []
    var records: [PendingRecord] = []
    var references: [PendingReference] = []
    var points: [PointRow] = []
    var budget: [BudgetRow] = []

    /// Creates an empty builder that keeps up to `diagnosticLimit` errors and warnings.
    public init(diagnosticLimit: Int = 1000) {
        log = DiagnosticLog(limit: diagnosticLimit)
    }

    /// Makes room for about `records` records and `items` items, so that a large load
    /// does not grow its tables step by step.
    public mutating func reserveCapacity(records: Int, items: Int) {
        self.records.reserveCapacity(records)
        references.reserveCapacity(records * 3 / 2)
        points.reserveCapacity(records * 2)
        self.items.reserveCapacity(items)
        strings.reserveCapacity(records + items)
    }

    /// Registers a document (file) and returns its index for ``Origin/document``.
    public mutating func addDocument(_ name: String) -> Int32 {
        documents.append(name)
        return Int32(documents.count - 1)
    }

    /// Logs a diagnostic found outside the builder (a file that could not be read).
    public mutating func report(_ diagnostic: Diagnostic) {
        log.append(diagnostic)
    }

    /// Declares a kind of quantity beyond the built-in catalog.
    public mutating func declare(_ kind: QuantityKind, origin: Origin? = nil) {
        declaredQuantities.append((kind, origin ?? Origin(document: -1, index: Int32(declaredQuantities.count))))
    }

    // MARK: Diagnostics

    func file(of origin: Origin) -> String? {
        origin.document >= 0 && Int(origin.document) < documents.count ? documents[Int(origin.document)] : nil
    }

    mutating func problem(
        _ section: String, _ origin: Origin, _ field: String, subject: String?,
        _ message: LocalizedText, severity: Diagnostic.Severity = .error
    ) {
        log.append(
            Self.diagnostic(
                section, origin, field, subject: subject, message, severity: severity,
                file: file(of: origin)))
    }

    /// The diagnostic of a problem with `field` of the entity at `origin` in `section`
    /// (its path `section[index].field`), for the builder and the resolver alike.
    static func diagnostic(
        _ section: String, _ origin: Origin, _ field: String, subject: String?,
        _ message: LocalizedText, severity: Diagnostic.Severity = .error, file: String?
    ) -> Diagnostic {
        var path = "\(section)[\(origin.index)]"
        if !field.isEmpty { path += "." + field }
        return Diagnostic(
            severity, file: file, line: origin.line > 0 ? Int(origin.line) : nil,
            path: path, subject: subject, text: message)
    }

    // MARK: Interning

    mutating func internUnit(_ unit: Unit) -> Int32 {
        if let index = unitIndexBySymbol[unit.symbol] { return index }
        let index = Int32(units.count)
        units.append(unit)
        unitIndexBySymbol[unit.symbol] = index
        return index
    }

    static let noDimension = UInt16.max

    mutating func internDimension(_ dimension: Dimension?) -> UInt16 {
        guard let dimension else { return Self.noDimension }
        // Most values share a few dimensions: look at the last ones first.
        for index in dimensions.indices.suffix(4).reversed() where dimensions[index] == dimension {
            return UInt16(index)
        }
        if let index = dimensionIndex[dimension] { return index }
        let index = UInt16(dimensions.count)
        dimensions.append(dimension)
        dimensionIndex[dimension] = index
        return index
    }

    func dimension(_ index: UInt16) -> Dimension? {
        index == Self.noDimension ? nil : dimensions[Int(index)]
    }

    // MARK: Common checks

    // Field paths and subjects are built only when there is a problem to report: a
    // million-record load would otherwise format millions of strings it never shows.

    mutating func checkDay(
        _ day: Day?, _ section: String, _ origin: Origin, _ field: @autoclosure () -> String,
        subject: @autoclosure () -> String
    ) {
        guard let day else { return }
        if day < Day.earliest || day > Day.latest {
            problem(
                section, origin, field(), subject: subject(),
                .key(
                    "diagnostic.date.implausible", ("date", .literal("\(day)")),
                    ("earliest", .literal("\(Day.earliest)")), ("latest", .literal("\(Day.latest)"))))
        }
    }

    /// Checks an id: not empty, and free of control characters (a NUL or a line break in
    /// an id would cut file names, table cells and diagram labels short).
    mutating func checkID(_ id: String, _ section: String, _ origin: Origin, what: EntityKind) {
        if id.isEmpty {
            problem(section, origin, "id", subject: nil, .key("diagnostic.id.empty.\(what.rawValue)"))
            return
        }
        // Control characters (category Cc) are C0, DEL and C1: bytes below 0x20, 0x7F, and
        // 0xC2 0x80…0x9F in UTF-8. Scanned by byte: every record id passes here.
        var utf8 = id
        let clean = utf8.withUTF8 { bytes in
            for (i, byte) in bytes.enumerated() {
                if byte < 0x20 || byte == 0x7F
                    || (byte == 0xC2 && i + 1 < bytes.count && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F)
                {
                    return false
                }
            }
            return true
        }
        guard !clean else { return }
        for (offset, scalar) in id.unicodeScalars.enumerated() where scalar.properties.generalCategory == .control {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            problem(
                section, origin, "id", subject: nil,
                .key(
                    "diagnostic.id.control-character",
                    (
                        "id",
                        .literal(
                            id.unicodeScalars.map { $0.properties.generalCategory == .control ? "�" : String($0) }
                                .joined())
                    ),
                    ("code", .literal(code)), ("position", .literal("\(offset + 1)"))))
            return
        }
    }

    /// Checks that a value is a finite number in coherent SI units: one written as
    /// `1e308 Qg` overflows to infinity, and NaN or infinity would poison every result
    /// computed from it.
    mutating func checkFinite(
        _ value: QuantityValue?, _ section: String, _ origin: Origin, _ field: @autoclosure () -> String,
        subject: @autoclosure () -> String
    ) {
        guard let value, !value.si.isFinite || !value.number.isFinite else { return }
        problem(
            section, origin, field(), subject: subject(),
            .key(
                value.si.isNaN ? "diagnostic.value.not-a-number" : "diagnostic.value.overflows",
                ("value", .literal("\(value)"))))
    }

    /// Checks that a pure number is finite.
    mutating func checkFinite(
        _ number: Double?, _ section: String, _ origin: Origin, _ field: @autoclosure () -> String,
        subject: @autoclosure () -> String
    ) {
        guard let number, !number.isFinite else { return }
        problem(
            section, origin, field(), subject: subject(),
            .key("diagnostic.number.not-finite", ("number", .literal("\(number)"))))
    }

    mutating func checkWindow(
        _ window: DateWindow, _ section: String, _ origin: Origin, _ field: @autoclosure () -> String,
        subject: @autoclosure () -> String
    ) {
        checkDay(window.from, section, origin, field() + ".from", subject: subject())
        checkDay(window.to, section, origin, field() + ".to", subject: subject())
        if let from = window.from, let to = window.to, to < from {
            problem(
                section, origin, field() + ".to", subject: subject(),
                .key("diagnostic.window.reversed", ("to", .literal("\(to)")), ("from", .literal("\(from)"))))
        }
    }

    /// Checks a stated expanded uncertainty: U, k and coverage positive and consistent.
    mutating func checkExpanded(
        _ expanded: ExpandedUncertainty, _ section: String, _ origin: Origin, _ field: @autoclosure () -> String,
        subject: @autoclosure () -> String
    ) {
        if !expanded.value.si.isFinite {
            checkFinite(expanded.value, section, origin, field() + ".U", subject: subject())
        } else if !(expanded.value.si > 0) {
            problem(
                section, origin, field() + ".U", subject: subject(),
                .key("diagnostic.U.not-positive", ("value", .literal("\(expanded.value)"))))
        }
        if let k = expanded.k, !(k > 0 && k.isFinite) {
            problem(
                section, origin, field() + ".k", subject: subject(),
                .key("diagnostic.k.not-positive", ("k", .literal(NumberFormatting.shortest(k)))))
        }
        if let p = expanded.coverage, !(p > 0 && p < 1) {
            problem(
                section, origin, field() + ".coverage", subject: subject(),
                .key("diagnostic.coverage.not-probability", ("coverage", .literal(NumberFormatting.shortest(p)))))
        }
        if let dof = expanded.dof, !(dof > 0 && dof.isFinite) {
            problem(
                section, origin, field() + ".dof", subject: subject(),
                .key("diagnostic.dof.not-positive", ("dof", .literal(NumberFormatting.shortest(dof)))))
        }
        if expanded.k == nil && expanded.coverage == nil {
            problem(
                section, origin, field() + ".U", subject: subject(),
                .key("diagnostic.U.without-k"))
        }
        if let k = expanded.k, let p = expanded.coverage, k > 0, p > 0, p < 1,
            expanded.dof.map({ $0 > 0 }) ?? true
        {
            let implied = StudentT.coverageFactor(probability: p, dof: expanded.dof)
            if abs(k - implied) > 0.03 * implied {
                let dofText: LocalizedText =
                    expanded.dof.map { .key("diagnostic.dof.finite", ("dof", .literal(NumberFormatting.shortest($0)))) }
                    ?? .key("diagnostic.dof.infinite")
                problem(
                    section, origin, field() + ".k", subject: subject(),
                    .key(
                        "diagnostic.k.disagrees-with-coverage", ("k", .literal(NumberFormatting.shortest(k))),
                        ("coverage", .literal(NumberFormatting.shortest(p))), ("dof", dofText),
                        ("implied", .literal(NumberFormatting.significant(implied, digits: 4)))))
            }
        }
    }

    static func pointRow(nominal: Double, value: Double?, expanded: ExpandedUncertainty?) -> PointRow {
        PointRow(
            nominal: nominal, value: value ?? .nan, expanded: expanded?.value.si ?? .nan,
            k: expanded?.k ?? .nan, coverage: expanded?.coverage ?? .nan,
            dof: expanded?.dof ?? .infinity)
    }
}

/// An item as held by the builder until ``NetworkBuilder/build()``.
struct PendingItem: Sendable {
    var id: Int32
    var name: Int32
    var kind: ItemKind
    var quantity: Int32
    var unit: Int32
    var lab: Int32
    var rangeLower: Double
    var rangeUpper: Double
    var toleranceAbsolute: Double
    var toleranceRelative: Double
    var accuracyClass: Int32
    var serial: Int32
    var model: Int32
    var manufacturer: Int32
    var assetTag: Int32
    var compulsory: Bool
    var driftPerYear: Double
    var recognitionStart: Int32
    var anchorStart: Int32
    var eventStart: Int32
    /// Dimensions of the range, tolerance, drift and anchor uncertainty, checked
    /// against the quantity at build time.
    var rangeDimension: UInt16
    var toleranceDimension: UInt16
    var driftDimension: UInt16
    var anchorDimension: UInt16
    var origin: Origin
}

/// A record as held by the builder until ``NetworkBuilder/build()``.
struct PendingRecord: Sendable {
    var id: Int32
    var item: Int32
    var lab: Int32
    var date: Day
    var due: Day?
    var activity: Activity
    var verdict: Verdict?
    var procedure: Int32
    var source: Int32
    var unit: Int32
    var referenceStart: Int32
    var pointStart: Int32
    var budgetStart: Int32
    /// The dimension of the points and of the budget's lines (u × sensitivity).
    var pointDimension: UInt16
    var budgetDimension: UInt16
    var origin: Origin
}

/// A reference as held by the builder, with the item still named by its id; `at` is
/// NaN when the reference was used at each point's nominal value.
struct PendingReference: Sendable {
    var item: Int32
    var sensitivity: Double
    var at: Double
    var sensitivityDimension: UInt16
    var atDimension: UInt16
}
