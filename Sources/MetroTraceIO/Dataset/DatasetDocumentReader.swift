import MetroTrace

/// Reads one dataset document (format v1, `docs/dataset-format.md`) and hands each
/// lab, item and record to a `DatasetSink` as soon as it is read.
///
/// An entity with any error is reported and not handed on; since the load then fails
/// as a whole, nothing is silently dropped.
struct DatasetDocumentReader {
    typealias SyntaxError = JSONReader.SyntaxError

    /// The format version this reader understands.
    static let formatVersion = 1

    let f: JSONFields
    let document: Int32

    /// Reads the whole document. Returns false when its JSON is broken (reported).
    static func read<Sink: DatasetSink>(storage: MappedBytes, file: String, into sink: inout Sink) -> Bool {
        let document = sink.addDocument(file)
        let reader = DatasetDocumentReader(f: JSONFields(storage: storage, file: file), document: document)
        var intact = true
        do {
            try reader.readTopLevel(into: &sink)
            try reader.f.reader.expectEnd()
        } catch {
            reader.flush(subject: nil, into: &sink)
            sink.report(reader.f.syntaxDiagnostic(error))
            intact = false
        }
        reader.flush(subject: nil, into: &sink)
        return intact
    }

    /// Hands the problems of the entity just read to the sink.
    func flush<Sink: DatasetSink>(subject: @autoclosure () -> String?, into sink: inout Sink) {
        guard f.hasPending else { return }
        for diagnostic in f.finishEntity(subject: subject()) { sink.report(diagnostic) }
    }

    func origin(_ index: Int, _ line: Int) -> Origin {
        Origin(document: document, index: Int32(index), line: Int32(line))
    }

    func readTopLevel<Sink: DatasetSink>(into sink: inout Sink) throws(SyntaxError) {
        var version: Double?
        let kind = try f.reader.peekKind()
        guard kind == .object else {
            f.report(.key("diagnostic.dataset.not-an-object", ("found", kind.phrase)))
            try f.reader.skipValue()
            return
        }
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "metrotrace": version = try f.number()
            case "name": if let name = try f.string() { sink.setName(name) }
            case "$schema", "description": _ = try f.string()
            case "quantities":
                try f.array { index throws(SyntaxError) in
                    let line = f.reader.line
                    let kind = try readQuantity()
                    flush(subject: kind.map { "quantity \($0.name)" }, into: &sink)
                    if let kind { sink.declare(kind, origin: origin(index, line)) }
                }
            case "labs": try readEntities(.lab, read: readLab, into: &sink) { $0.add($1, origin: $2) }
            case "items": try readEntities(.item, read: readItem, into: &sink) { $0.add($1, origin: $2) }
            case "calibrations":
                try readEntities(.record, read: readRecord, into: &sink) { $0.add($1, origin: $2) }
            default: return false
            }
            return true
        }
        if !present.contains("metrotrace") {
            f.report(
                .key("diagnostic.dataset.not-a-dataset", ("version", .literal("\(Self.formatVersion)"))), line: 1)
        } else if let version, version != Double(Self.formatVersion) {
            f.report(
                .key(
                    "diagnostic.dataset.version", ("found", .literal(NumberFormatting.shortest(version))),
                    ("version", .literal("\(Self.formatVersion)"))),
                line: 1)
        }
        flush(subject: nil, into: &sink)
    }

    /// Reads an array of entities, handing each to the sink as soon as it is read, or
    /// noting its id as unreadable when it had errors.
    func readEntities<Sink: DatasetSink, Entity>(
        _ kind: EntityKind, read: () throws(SyntaxError) -> (id: String?, value: Entity?),
        into sink: inout Sink, add: (inout Sink, Entity, Origin) -> Void
    ) throws(SyntaxError) {
        try f.array { index throws(SyntaxError) in
            let line = f.reader.line
            let entity = try read()
            flush(subject: entity.id.map { "\(kind.rawValue) \($0)" }, into: &sink)
            if let value = entity.value {
                add(&sink, value, origin(index, line))
            } else if let id = entity.id {
                sink.markUnreadable(kind, id: id)
            }
            f.reader.releaseConsumed()
        }
    }

    // MARK: Entities

    func readQuantity() throws(SyntaxError) -> QuantityKind? {
        let line = f.reader.line
        var name: String?
        var unit: Unit?
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "name": name = try f.requiredString()
            case "unit": unit = try f.unit()
            default: return false
            }
            return true
        }
        f.require("name", "unit", in: present, line: line)
        guard let name, let unit, !f.entityHasErrors else { return nil }
        return QuantityKind(name: name, dimension: unit.dimension, unit: unit.symbol)
    }

    func readLab() throws(SyntaxError) -> (id: String?, value: Lab?) {
        let line = f.reader.line
        var id: String?, name: String?, kind: LabKind?, industry: String?
        var accreditations: [Accreditation] = []
        var capabilities: [Capability] = []
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "id": id = try f.requiredString()
            case "name": name = try f.requiredString()
            case "kind": kind = try f.enumeration(LabKind.self)
            case "industry": industry = try f.string()
            case "accreditations":
                try f.array { _ throws(SyntaxError) in
                    if let accreditation = try readAccreditation() { accreditations.append(accreditation) }
                }
            case "capabilities":
                try f.array { _ throws(SyntaxError) in
                    if let capability = try readCapability() { capabilities.append(capability) }
                }
            default: return false
            }
            return true
        }
        f.require("id", "name", "kind", in: present, line: line)
        guard let id, let name, let kind, !f.entityHasErrors else { return (id, nil) }
        return (
            id,
            Lab(
                id: id, name: name, kind: kind, industry: industry,
                accreditations: accreditations, capabilities: capabilities)
        )
    }

    func readWindow(_ key: JSONKey, into window: inout DateWindow) throws(SyntaxError) -> Bool {
        switch key {
        case "from": window.from = try f.day()
        case "to": window.to = try f.day()
        default: return false
        }
        return true
    }

    func readAccreditation() throws(SyntaxError) -> Accreditation? {
        let line = f.reader.line
        var scheme: String?, id: String?
        var window = DateWindow()
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "scheme": scheme = try f.requiredString()
            case "id": id = try f.string()
            default: return try readWindow(key, into: &window)
            }
            return true
        }
        f.require("scheme", in: present, line: line)
        guard let scheme else { return nil }
        return Accreditation(scheme: scheme, id: id, window: window)
    }

    func readCapability() throws(SyntaxError) -> Capability? {
        let line = f.reader.line
        var quantity: String?, activity: Activity?, range: QuantityRange?, cmc: CMC?
        var window = DateWindow()
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "quantity": quantity = try f.requiredString()
            case "activity": activity = try f.enumeration(Activity.self)
            case "range": range = try f.range(.absolute)
            case "cmc": cmc = try readCMC()
            default: return try readWindow(key, into: &window)
            }
            return true
        }
        f.require("quantity", "activity", "range", in: present, line: line)
        guard let quantity, let activity, let range else { return nil }
        return Capability(quantity: quantity, activity: activity, range: range, cmc: cmc, window: window)
    }

    func readCMC() throws(SyntaxError) -> CMC? {
        if try f.reader.peekKind() == .null {
            try f.reader.readNull()
            return nil
        }
        var absolute: QuantityValue?, relative: Double?, k: Double?, combine: CMC.Combination?
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "absolute": absolute = try f.quantity(.interval)
            case "relative": relative = try f.ratio()
            case "k": k = try f.number()
            case "combine": combine = try f.enumeration(CMC.Combination.self, required: false)
            default: return false
            }
            return true
        }
        if !present.contains("absolute") && !present.contains("relative") {
            f.report(.key("diagnostic.cmc.no-part"))
            return nil
        }
        return CMC(absolute: absolute, relative: relative ?? 0, k: k ?? 2, combine: combine ?? .sum)
    }

    func readItem() throws(SyntaxError) -> (id: String?, value: Item?) {
        let line = f.reader.line
        var id: String?, name: String?, kind: ItemKind?, quantity: String?, unit: Unit?
        var lab: String?, range: QuantityRange?, tolerance: Tolerance?, accuracyClass: String?, serial: String?
        var model: String?, manufacturer: String?, assetTag: String?, compulsory = false
        var recognized: [Recognition] = [], uncertainty: [AnchorUncertainty] = []
        var drift: QuantityValue?, events: [StatusEvent] = []
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "id": id = try f.requiredString()
            case "name": name = try f.requiredString()
            case "kind": kind = try f.enumeration(ItemKind.self)
            case "quantity": quantity = try f.requiredString()
            case "unit": unit = try f.unit()
            case "lab": lab = try f.string()
            case "range": range = try f.range(.absolute)
            case "class": accuracyClass = try f.string()
            case "serial": serial = try f.string()
            case "model": model = try f.string()
            case "manufacturer": manufacturer = try f.string()
            case "assetTag": assetTag = try f.string()
            case "compulsory": compulsory = try f.bool() ?? false
            case "tolerance": tolerance = try readTolerance()
            case "recognized":
                try f.array { _ throws(SyntaxError) in
                    if let recognition = try readRecognition() { recognized.append(recognition) }
                }
            case "uncertainty":
                try f.array { _ throws(SyntaxError) in
                    if let point = try readPoint(requireUncertainty: true), let expanded = point.expanded {
                        uncertainty.append(AnchorUncertainty(nominal: point.nominal, expanded: expanded))
                    }
                }
            case "drift":
                try f.object { key throws(SyntaxError) in
                    guard key == "perYear" else { return false }
                    drift = try f.quantity(.interval)
                    return true
                }
            case "events":
                try f.array { _ throws(SyntaxError) in
                    if let event = try readEvent() { events.append(event) }
                }
            default: return false
            }
            return true
        }
        f.require("id", "name", "kind", "quantity", "unit", in: present, line: line)
        guard let id, let name, let kind, let quantity, let unit, !f.entityHasErrors else { return (id, nil) }
        return (
            id,
            Item(
                id: id, name: name, kind: kind, quantity: quantity, unit: unit, lab: lab, range: range,
                tolerance: tolerance, accuracyClass: accuracyClass, serial: serial, model: model,
                manufacturer: manufacturer, assetTag: assetTag, compulsory: compulsory, recognized: recognized,
                uncertainty: uncertainty, driftPerYear: drift, events: events)
        )
    }

    func readTolerance() throws(SyntaxError) -> Tolerance? {
        if try f.reader.peekKind() == .null {
            try f.reader.readNull()
            return nil
        }
        var absolute: QuantityValue?, relative: Double?
        try f.object { key throws(SyntaxError) in
            switch key {
            case "absolute": absolute = try f.quantity(.interval)
            case "relative": relative = try f.ratio()
            default: return false
            }
            return true
        }
        return absolute == nil && relative == nil ? nil : Tolerance(absolute: absolute, relative: relative)
    }

    func readRecognition() throws(SyntaxError) -> Recognition? {
        let line = f.reader.line
        var scheme: String?
        var window = DateWindow()
        let present = try f.object { key throws(SyntaxError) in
            if key == "scheme" {
                scheme = try f.requiredString()
                return true
            }
            return try readWindow(key, into: &window)
        }
        f.require("scheme", in: present, line: line)
        return scheme.map { Recognition(scheme: $0, window: window) }
    }

    func readEvent() throws(SyntaxError) -> StatusEvent? {
        let line = f.reader.line
        var date: Day?, state: ItemState?
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "date": date = try f.day(required: true)
            case "state": state = try f.enumeration(ItemState.self)
            default: return false
            }
            return true
        }
        f.require("date", "state", in: present, line: line)
        guard let date, let state else { return nil }
        return StatusEvent(date: date, state: state)
    }

    func readRecord() throws(SyntaxError) -> (id: String?, value: CalibrationRecord?) {
        let line = f.reader.line
        var id: String?, activity: Activity?, item: String?, lab: String?
        var date: Day?, due: Day?, procedure: String?, verdict: Verdict?, source: String?
        var references: [Reference] = [], points: [CalibrationPoint] = [], budget: [BudgetComponent] = []
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "id": id = try f.requiredString()
            case "activity": activity = try f.enumeration(Activity.self)
            case "item": item = try f.requiredString()
            case "lab": lab = try f.requiredString()
            case "date": date = try f.day(required: true)
            case "due": due = try f.day()
            case "procedure": procedure = try f.string()
            case "source": source = try f.string()
            case "verdict": verdict = try f.enumeration(Verdict.self, required: false)
            case "references":
                try f.array { _ throws(SyntaxError) in
                    if let reference = try readReference() { references.append(reference) }
                }
            case "points":
                try f.array { _ throws(SyntaxError) in
                    if let point = try readPoint(requireUncertainty: false) {
                        points.append(
                            CalibrationPoint(nominal: point.nominal, value: point.value, expanded: point.expanded))
                    }
                }
            case "budget":
                try f.array { _ throws(SyntaxError) in
                    if let component = try readBudgetComponent() { budget.append(component) }
                }
            default: return false
            }
            return true
        }
        f.require("id", "activity", "item", "lab", "date", in: present, line: line)
        guard let id, let activity, let item, let lab, let date, !f.entityHasErrors else { return (id, nil) }
        return (
            id,
            CalibrationRecord(
                id: id, activity: activity, item: item, lab: lab, date: date, due: due,
                procedure: procedure, references: references, points: points, budget: budget,
                verdict: verdict, source: source)
        )
    }

    func readReference() throws(SyntaxError) -> Reference? {
        let line = f.reader.line
        var item: String?, sensitivity: QuantityValue?, at: Reference.UsedAt?
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "item": item = try f.requiredString()
            case "sensitivity": sensitivity = try f.quantity(.interval)
            case "at":
                if try f.reader.peekKind() == .string, try f.reader.peekString() == "nominal" {
                    _ = try f.reader.readString()
                    at = .eachPoint
                } else {
                    at = try f.quantity(.absolute, required: true).map { .value($0) }
                }
            default: return false
            }
            return true
        }
        f.require("item", "at", in: present, line: line)
        guard let item, let at else { return nil }
        return Reference(item: item, sensitivity: sensitivity ?? .number(1), usedAt: at)
    }

    /// A result point, or an anchor's uncertainty entry: nominal, value, U with k,
    /// coverage and dof.
    func readPoint(requireUncertainty: Bool) throws(SyntaxError)
        -> (nominal: QuantityValue, value: QuantityValue?, expanded: ExpandedUncertainty?)?
    {
        let line = f.reader.line
        var nominal: QuantityValue?, value: QuantityValue?, expanded: QuantityValue?
        var k: Double?, coverage: Double?, dof: Double?
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "nominal": nominal = try f.quantity(.absolute, required: true)
            case "value": value = try f.quantity(.absolute)
            case "U": expanded = try f.quantity(.interval, required: requireUncertainty)
            case "k": k = try f.number()
            case "coverage": coverage = try f.ratio()
            case "dof": dof = try f.number()
            default: return false
            }
            return true
        }
        f.require("nominal", in: present, line: line)
        if requireUncertainty { f.require("U", in: present, line: line) }
        guard let nominal else { return nil }
        switch ExpandedUncertaintyRule.expanded(
            givenU: present.contains("U"), value: expanded, k: k, coverage: coverage, dof: dof)
        {
        case .success(let stated): return (nominal, value, stated)
        case .failure(let problem):
            f.report(problem.text, line: line)
            return (nominal, value, nil)
        }
    }

    func readBudgetComponent() throws(SyntaxError) -> BudgetComponent? {
        let line = f.reader.line
        var name: String?, u: QuantityValue?, halfWidth: QuantityValue?, distribution: Distribution?
        var dof: Double?, type: EvaluationType?, sensitivity: QuantityValue?
        let present = try f.object { key throws(SyntaxError) in
            switch key {
            case "name": name = try f.requiredString()
            case "u": u = try f.quantity(.interval, required: true)
            case "halfWidth": halfWidth = try f.quantity(.interval, required: true)
            case "distribution": distribution = try f.enumeration(Distribution.self)
            case "dof": dof = try f.number()
            case "type": type = try f.enumeration(EvaluationType.self, required: false)
            case "sensitivity": sensitivity = try f.quantity(.interval)
            default: return false
            }
            return true
        }
        f.require("name", in: present, line: line)
        var given: Set<BudgetLineRule.Field> = []
        for (field, key) in [
            (BudgetLineRule.Field.u, "u" as JSONKey), (.halfWidth, "halfWidth"), (.distribution, "distribution"),
        ]
        where present.contains(key) {
            given.insert(field)
        }
        let uncertainty: BudgetComponent.Uncertainty
        switch BudgetLineRule.uncertainty(given: given, u: u, halfWidth: halfWidth, distribution: distribution) {
        case .success(let stated): uncertainty = stated
        case .failure(let problem):
            f.report(problem.text { "\"\($0.rawValue)\"" }, line: line)
            return nil
        case nil: return nil
        }
        guard let name else { return nil }
        return BudgetComponent(
            name: name, uncertainty: uncertainty, dof: dof, type: type,
            sensitivity: sensitivity ?? .number(1))
    }
}
