import Foundation
import MetroTrace

/// Reads a folder of dataset tables (see ``DatasetTables``) into a `DatasetSink`:
/// each row checked cell by cell, problems named by file, line and column, children
/// attached to their parent row in order.
public enum DatasetTablesReader {
    /// Whether `directory` holds dataset tables (a `labs.csv`, `items.csv` or
    /// `calibrations.csv`).
    public static func holdsTables(_ directory: String) -> Bool {
        [DatasetTables.labs, DatasetTables.items, DatasetTables.calibrations].contains {
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0.file))
        }
    }

    /// Reads the tables in `directory` into `sink`; returns the files read.
    @discardableResult
    public static func read<Sink: DatasetSink>(directory: String, into sink: inout Sink) -> [String] {
        read(TablesReading(source: .folder(directory)), into: &sink)
    }

    /// Reads tables held in memory, by file name (`labs.csv` …), into `sink`, as if they
    /// were the files of a folder named `name` (for services that receive tables, and
    /// for fuzzing); returns the tables read.
    @discardableResult
    public static func read<Sink: DatasetSink>(tables: [String: [UInt8]], named name: String, into sink: inout Sink)
        -> [String]
    {
        read(TablesReading(source: .memory(folder: name, tables: tables)), into: &sink)
    }

    static func read<Sink: DatasetSink>(_ reading: TablesReading, into sink: inout Sink) -> [String] {
        var reader = reading
        reader.readAll()
        for diagnostic in reader.problems { sink.report(diagnostic) }
        reader.emit(into: &sink)
        return reader.filesRead
    }

    /// Reads the tables in `directory` into a `Dataset`.
    /// - Throws: `DatasetError` when any table has an error.
    public static func readDataset(directory: String) throws(DatasetError) -> (
        dataset: Dataset, warnings: DiagnosticLog
    ) {
        let read = try readDatasetWithPlaces(directory: directory)
        return (read.dataset, read.warnings)
    }

    /// Like ``readDataset(directory:)``, with the CSV file and line each lab, item and
    /// record was read from, by subject (`item E1-1KG`): what
    /// `DatasetAddition.add(_:to:label:replaceableEntities:places:lock:)` names when the
    /// merged dataset has a problem.
    public static func readDatasetWithPlaces(directory: String) throws(DatasetError) -> (
        dataset: Dataset, warnings: DiagnosticLog, places: [String: (file: String, line: Int)]
    ) {
        var collector = DatasetCollector()
        collector.keepsPlaces = true
        read(directory: directory, into: &collector)
        if collector.log.hasErrors { throw DatasetError(log: collector.log) }
        return (collector.dataset, collector.log, collector.places)
    }
}

/// One reading of a folder of tables.
struct TablesReading {
    /// Where the tables come from.
    enum Source {
        /// The CSV files of a folder.
        case folder(String)
        /// Tables by file name, named in messages as if in `folder`.
        case memory(folder: String, tables: [String: [UInt8]])
    }

    let source: Source
    /// The folder, for messages.
    var directory: String {
        switch source {
        case .folder(let folder), .memory(let folder, _): folder
        }
    }
    var problems: [Diagnostic] = []
    var filesRead: [String] = []

    var name: String?
    var quantities: [(QuantityKind, Origin)] = []
    var labs: [(Lab, Origin)] = []
    var items: [(Item, Origin)] = []
    var records: [(CalibrationRecord, Origin)] = []
    var unreadable: [(EntityKind, String)] = []
    var documentIndex: [String: Int32] = [:]

    init(source: Source) { self.source = source }

    /// Whether the source holds a `labs.csv`, `items.csv` or `calibrations.csv`.
    var holdsTables: Bool {
        switch source {
        case .folder(let folder): DatasetTablesReader.holdsTables(folder)
        case .memory(_, let tables):
            [DatasetTables.labs, DatasetTables.items, DatasetTables.calibrations].contains { tables[$0.file] != nil }
        }
    }

    mutating func readAll() {
        if case .folder(let folder) = source {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                problems.append(Diagnostic(.error, file: folder, text: .key("diagnostic.folder.missing")))
                return
            }
        }
        guard holdsTables else {
            problems.append(
                Diagnostic(
                    .error, file: directory,
                    text: .key("diagnostic.csv.no-tables")))
            return
        }
        reportUnknownFiles()
        for row in rows(DatasetTables.dataset) {
            var row = row
            name = row.text("name")
        }
        for row in rows(DatasetTables.quantities) {
            var row = row
            let name = row.text("name")
            row.subject = name.map { "quantity \($0)" }
            var unit: MetroTrace.Unit?
            if let text = row.text("unit") {
                do throws(UnitError) { unit = try MetroTrace.Unit.parse(text) } catch {
                    row.report("unit", error.text)
                }
            }
            problems += row.problems
            if let name, let unit, !row.hasErrors {
                quantities.append((QuantityKind(name: name, dimension: unit.dimension, unit: unit.symbol), origin(row)))
            }
        }
        readLabs()
        readItems()
        readRecords()
    }

    // MARK: Tables

    mutating func readLabs() {
        var accreditations = children(DatasetTables.accreditations, key: "lab") { row -> Accreditation? in
            guard let scheme = row.text("scheme") else { return nil }
            return Accreditation(scheme: scheme, id: row.text("id"), window: row.window())
        }
        var capabilities = children(DatasetTables.capabilities, key: "lab") { row -> Capability? in
            let quantity = row.text("quantity"), activity = row.enumeration("activity", Activity.self)
            let range = row.range()
            let absolute = row.quantity("cmc_absolute", .interval), relative = row.ratio("cmc_relative")
            let k = row.number("cmc_k"), combine = row.enumeration("cmc_combine", CMC.Combination.self)
            var cmc: CMC?
            if absolute != nil || relative != nil {
                cmc = CMC(absolute: absolute, relative: relative ?? 0, k: k ?? 2, combine: combine ?? .sum)
            } else if k != nil || combine != nil {
                row.report("cmc_absolute", .key("diagnostic.csv.cmc-part"))
            }
            if range == nil, !row.hasErrors { row.report("lower", .key("diagnostic.csv.capability-range")) }
            guard let quantity, let activity, let range else { return nil }
            return Capability(quantity: quantity, activity: activity, range: range, cmc: cmc, window: row.window())
        }
        for row in rows(DatasetTables.labs) {
            var row = row
            let id = row.text("id")
            row.subject = id.map { "lab \($0)" }
            let name = row.text("name"), kind = row.enumeration("kind", LabKind.self), industry = row.text("industry")
            problems += row.problems
            guard let id else { continue }
            let ownAccreditations = accreditations.take(id), ownCapabilities = capabilities.take(id)
            guard let name, let kind, !row.hasErrors, ownAccreditations.complete, ownCapabilities.complete else {
                unreadable.append((.lab, id))
                continue
            }
            labs.append(
                (
                    Lab(
                        id: id, name: name, kind: kind, industry: industry,
                        accreditations: ownAccreditations.values, capabilities: ownCapabilities.values), origin(row)
                ))
        }
        report(orphans: accreditations, parent: "lab", in: DatasetTables.labs)
        report(orphans: capabilities, parent: "lab", in: DatasetTables.labs)
    }

    mutating func readItems() {
        var recognitions = children(DatasetTables.recognitions, key: "item") { row -> Recognition? in
            guard let scheme = row.text("scheme") else { return nil }
            return Recognition(scheme: scheme, window: row.window())
        }
        var realised = children(DatasetTables.realisedUncertainty, key: "item") { row -> AnchorUncertainty? in
            let nominal = row.quantity("nominal", .absolute)
            guard let nominal, let expanded = row.expandedUncertainty() else { return nil }
            return AnchorUncertainty(nominal: nominal, expanded: expanded)
        }
        var events = children(DatasetTables.events, key: "item") { row -> StatusEvent? in
            guard let date = row.day("date"), let state = row.enumeration("state", ItemState.self) else { return nil }
            return StatusEvent(date: date, state: state)
        }
        for row in rows(DatasetTables.items) {
            var row = row
            let id = row.text("id")
            row.subject = id.map { "item \($0)" }
            let name = row.text("name"), kind = row.enumeration("kind", ItemKind.self), quantity = row.text("quantity")
            var unit: MetroTrace.Unit?
            if let text = row.text("unit") {
                do throws(UnitError) { unit = try MetroTrace.Unit.parse(text) } catch {
                    row.report("unit", error.text)
                }
            }
            let lab = row.text("lab"), range = row.range(), accuracyClass = row.text("class")
            let serial = row.text("serial"), model = row.text("model"), manufacturer = row.text("manufacturer")
            let assetTag = row.text("asset_tag"), compulsory = row.flag("compulsory") ?? false
            let absolute = row.quantity("tolerance_absolute", .interval), relative = row.ratio("tolerance_relative")
            let tolerance = absolute == nil && relative == nil ? nil : Tolerance(absolute: absolute, relative: relative)
            let drift = row.quantity("drift_per_year", .interval)
            problems += row.problems
            guard let id else { continue }
            let ownRecognitions = recognitions.take(id), ownRealised = realised.take(id), ownEvents = events.take(id)
            guard let name, let kind, let quantity, let unit, !row.hasErrors,
                ownRecognitions.complete, ownRealised.complete, ownEvents.complete
            else {
                unreadable.append((.item, id))
                continue
            }
            items.append(
                (
                    Item(
                        id: id, name: name, kind: kind, quantity: quantity, unit: unit, lab: lab, range: range,
                        tolerance: tolerance, accuracyClass: accuracyClass, serial: serial, model: model,
                        manufacturer: manufacturer, assetTag: assetTag, compulsory: compulsory,
                        recognized: ownRecognitions.values,
                        uncertainty: ownRealised.values, driftPerYear: drift, events: ownEvents.values), origin(row)
                ))
        }
        report(orphans: recognitions, parent: "item", in: DatasetTables.items)
        report(orphans: realised, parent: "item", in: DatasetTables.items)
        report(orphans: events, parent: "item", in: DatasetTables.items)
    }

    mutating func readRecords() {
        var references = children(DatasetTables.references, key: "record") { row -> Reference? in
            let item = row.text("item")
            let sensitivity = row.quantity("sensitivity", .interval)
            var at: Reference.UsedAt?
            if row.cells["at"]?.text.trimmingCharacters(in: .whitespaces) == "nominal" {
                at = .eachPoint
            } else if let value = row.quantity("at", .absolute) {
                at = .value(value)
            }
            guard let item, let at else { return nil }
            return Reference(item: item, sensitivity: sensitivity ?? .number(1), usedAt: at)
        }
        var points = children(DatasetTables.points, key: "record") { row -> CalibrationPoint? in
            let nominal = row.quantity("nominal", .absolute), value = row.quantity("value", .absolute)
            let expanded = row.expandedUncertainty()
            guard let nominal else { return nil }
            return CalibrationPoint(nominal: nominal, value: value, expanded: expanded)
        }
        var budget = children(DatasetTables.budget, key: "record") { row -> BudgetComponent? in
            Self.budgetComponent(&row)
        }
        for row in rows(DatasetTables.calibrations) {
            var row = row
            let id = row.text("id")
            row.subject = id.map { "record \($0)" }
            let activity = row.enumeration("activity", Activity.self), item = row.text("item"), lab = row.text("lab")
            let date = row.day("date"), due = row.day("due"), procedure = row.text("procedure")
            let verdict = row.enumeration("verdict", Verdict.self), source = row.text("source")
            problems += row.problems
            guard let id else { continue }
            let ownReferences = references.take(id), ownPoints = points.take(id), ownBudget = budget.take(id)
            guard let activity, let item, let lab, let date, !row.hasErrors,
                ownReferences.complete, ownPoints.complete, ownBudget.complete
            else {
                unreadable.append((.record, id))
                continue
            }
            records.append(
                (
                    CalibrationRecord(
                        id: id, activity: activity, item: item, lab: lab, date: date, due: due, procedure: procedure,
                        references: ownReferences.values, points: ownPoints.values, budget: ownBudget.values,
                        verdict: verdict, source: source), origin(row)
                ))
        }
        report(orphans: references, parent: "record", in: DatasetTables.calibrations)
        report(orphans: points, parent: "record", in: DatasetTables.calibrations)
        report(orphans: budget, parent: "record", in: DatasetTables.calibrations)
    }

    /// The column of a budget line's uncertainty field.
    static func column(of field: BudgetLineRule.Field) -> String {
        switch field {
        case .u: "u"
        case .halfWidth: "half_width"
        case .distribution: "distribution"
        }
    }

    static func budgetComponent(_ row: inout CSVRowReader) -> BudgetComponent? {
        let name = row.text("name")
        let u = row.quantity("u", .interval), halfWidth = row.quantity("half_width", .interval)
        let distribution = row.enumeration("distribution", Distribution.self)
        let dof = row.number("dof"), type = row.enumeration("type", EvaluationType.self)
        let sensitivity = row.quantity("sensitivity", .interval)
        var given: Set<BudgetLineRule.Field> = []
        if u != nil { given.insert(.u) }
        if halfWidth != nil { given.insert(.halfWidth) }
        if distribution != nil { given.insert(.distribution) }
        let uncertainty: BudgetComponent.Uncertainty
        switch BudgetLineRule.uncertainty(given: given, u: u, halfWidth: halfWidth, distribution: distribution) {
        case .success(let stated): uncertainty = stated
        case .failure(let problem):
            // A line whose cells could not be read has been reported already.
            if problem == .neither, row.hasErrors { return nil }
            row.report(column(of: problem.field), problem.text(naming: column))
            return nil
        case nil: return nil
        }
        guard let name else { return nil }
        return BudgetComponent(
            name: name, uncertainty: uncertainty, dof: dof, type: type, sensitivity: sensitivity ?? .number(1))
    }

    func emit<Sink: DatasetSink>(into sink: inout Sink) {
        var documents: [Int32: Int32] = [:]
        for (file, index) in documentIndex.sorted(by: { $0.value < $1.value }) {
            documents[index] = sink.addDocument(file)
        }
        func mapped(_ origin: Origin) -> Origin {
            Origin(document: documents[origin.document] ?? -1, index: origin.index, line: origin.line)
        }
        if let name { sink.setName(name) }
        for (kind, origin) in quantities { sink.declare(kind, origin: mapped(origin)) }
        for (kind, id) in unreadable { sink.markUnreadable(kind, id: id) }
        for (lab, origin) in labs { sink.add(lab, origin: mapped(origin)) }
        for (item, origin) in items { sink.add(item, origin: mapped(origin)) }
        for (record, origin) in records { sink.add(record, origin: mapped(origin)) }
    }
}
