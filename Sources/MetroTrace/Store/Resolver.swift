/// The state of one ``NetworkBuilder/build()``: id tables and the log.
struct Resolver {
    var builder: NetworkBuilder
    var log: DiagnosticLog
    var strings: StringTable
    var quantities: [QuantityKind] = []
    /// Quantity table index by the interned string of its name.
    var quantityByName: [Int32: Int32] = [:]
    var labIndexByID: [String: LabIndex] = [:]
    var labByString = IndexByString()
    var itemByString = IndexByString()
    var itemQuantity: [Int32] = []
    var itemLab: [Int32] = []
    var recordItem: [Int32] = []
    var recordLab: [Int32] = []
    var referenceItem: [Int32] = []

    init(builder: NetworkBuilder) {
        self.builder = builder
        self.log = builder.log
        self.strings = builder.strings
        labByString = IndexByString(count: strings.strings.count)
        itemByString = IndexByString(count: strings.strings.count)
    }

    /// Whether an entity was unreadable, so a reference to it needs no second report.
    func isUnreadable(_ kind: EntityKind, _ id: Int32) -> Bool {
        !builder.unreadable.isEmpty && builder.unreadable.contains(.init(kind: kind, id: strings[id]))
    }

    mutating func problem(
        _ section: String, _ origin: Origin, _ field: String, subject: String?,
        _ message: LocalizedText
    ) {
        log.append(
            NetworkBuilder.diagnostic(
                section, origin, field, subject: subject, message, file: builder.file(of: origin)))
    }

    func place(_ section: String, _ origin: Origin) -> LocalizedText {
        let path = LocalizedText.literal("\(section)[\(origin.index)]")
        guard var file = builder.file(of: origin) else { return path }
        if origin.line > 0 { file += ":\(origin.line)" }
        return .key("diagnostic.place-in-file", ("path", path), ("file", .literal(file)))
    }

    // MARK: Quantities

    var declared: [String: (kind: QuantityKind, origin: Origin)] = [:]

    mutating func resolveQuantities() {
        for (kind, origin) in builder.declaredQuantities {
            if let builtIn = QuantityKind.catalog[kind.name], builtIn.dimension != kind.dimension {
                problem(
                    "quantities", origin, "unit", subject: "quantity \(kind.name)",
                    .key(
                        "diagnostic.quantity.built-in", ("name", .literal(kind.name)),
                        ("dimension", builtIn.dimension.explainedText)))
            } else if let earlier = declared[kind.name], earlier.kind.dimension != kind.dimension {
                problem(
                    "quantities", origin, "name", subject: "quantity \(kind.name)",
                    .key(
                        "diagnostic.quantity.declared-twice", ("name", .literal(kind.name)),
                        ("place", place("quantities", earlier.origin))))
            } else if declared[kind.name] == nil {
                declared[kind.name] = (kind, origin)
            }
        }
    }

    /// The quantity table index for an interned name, or nil when unknown.
    mutating func quantity(named nameIndex: Int32) -> Int32? {
        if let index = quantityByName[nameIndex] { return index }
        let name = strings[nameIndex]
        guard let kind = declared[name]?.kind ?? QuantityKind.catalog[name] else { return nil }
        let index = Int32(quantities.count)
        quantities.append(kind)
        quantityByName[nameIndex] = index
        return index
    }

    func unknownQuantityMessage(_ name: String) -> LocalizedText {
        let known = QuantityKind.catalog.keys.sorted().prefix(12).map { LocalizedText.literal($0) }
        return .key("diagnostic.quantity.unknown", ("name", .literal(name)), ("known", .list(known)))
    }

    func dimensionMismatch(_ what: LocalizedText, _ found: Dimension, _ kind: QuantityKind) -> LocalizedText {
        .key(
            "diagnostic.dimension.mismatch", ("what", what), ("found", found.explainedText),
            ("quantity", .quantity(kind.name)), ("unit", .literal("\(kind.unit)")))
    }

    // MARK: Labs

    mutating func resolveLabs() {
        var firstOrigin: [String: Origin] = [:]
        for (position, (lab, origin)) in builder.labs.enumerated() {
            func subject() -> String { "lab \(lab.id)" }
            if let earlier = firstOrigin[lab.id] {
                problem(
                    "labs", origin, "id", subject: subject(),
                    .key("diagnostic.lab.duplicate", ("id", .literal(lab.id)), ("place", place("labs", earlier))))
                continue
            }
            firstOrigin[lab.id] = origin
            labIndexByID[lab.id] = LabIndex(Int32(position))
            labByString[strings.intern(lab.id)] = Int32(position)
            for (i, capability) in lab.capabilities.enumerated() {
                func field() -> String { "capabilities[\(i)]" }
                guard let q = quantity(named: strings.intern(capability.quantity)) else {
                    problem(
                        "labs", origin, field() + ".quantity", subject: subject(),
                        unknownQuantityMessage(capability.quantity))
                    continue
                }
                let kind = quantities[Int(q)]
                if capability.range.lower.dimension != kind.dimension {
                    problem(
                        "labs", origin, field() + ".range", subject: subject(),
                        dimensionMismatch(
                            .key("diagnostic.what.range", ("range", .literal("\(capability.range)"))),
                            capability.range.lower.dimension, kind))
                }
                if let absolute = capability.cmc?.absolute, absolute.dimension != kind.dimension {
                    problem(
                        "labs", origin, field() + ".cmc.absolute", subject: subject(),
                        dimensionMismatch(.literal("\(absolute)"), absolute.dimension, kind))
                }
            }
        }
    }

    // MARK: Items

    mutating func resolveItems() {
        itemQuantity.reserveCapacity(builder.items.count)
        itemLab.reserveCapacity(builder.items.count)
        for (position, item) in builder.items.enumerated() {
            let id = strings[item.id]
            func subject() -> String { "item \(id)" }
            let origin = item.origin
            if let earlier = itemByString[item.id] {
                problem(
                    "items", origin, "id", subject: subject(),
                    .key(
                        "diagnostic.item.duplicate", ("id", .literal(id)),
                        ("place", place("items", builder.items[Int(earlier)].origin))))
            } else {
                itemByString[item.id] = Int32(position)
            }
            var lab: Int32 = -1
            if item.lab >= 0 {
                if let index = labByString[item.lab] {
                    lab = index
                } else if !isUnreadable(.lab, item.lab) {
                    problem(
                        "items", origin, "lab", subject: subject(),
                        .key("diagnostic.lab.unknown", ("id", .literal(strings[item.lab]))))
                }
            } else if item.kind != .siRealization {
                problem(
                    "items", origin, "lab", subject: subject(),
                    .key(
                        "diagnostic.item.needs-lab",
                        ("kind", .term("kind.\(item.kind.rawValue).with-article", fallback: item.kind.rawValue))))
            }
            itemLab.append(lab)
            guard let q = quantity(named: item.quantity) else {
                problem("items", origin, "quantity", subject: subject(), unknownQuantityMessage(strings[item.quantity]))
                itemQuantity.append(-1)
                continue
            }
            itemQuantity.append(q)
            let kind = quantities[Int(q)]
            let unit = builder.units[Int(item.unit)]
            if unit.dimension != kind.dimension {
                problem(
                    "items", origin, "unit", subject: subject(),
                    dimensionMismatch(
                        .key("diagnostic.what.unit", ("unit", .literal(unit.symbol))), unit.dimension, kind))
            }
            // Called field by field (an array of the four would be allocated per item).
            func check(_ field: String, _ index: UInt16) {
                if let found = builder.dimension(index), found != kind.dimension {
                    problem("items", origin, field, subject: subject(), dimensionMismatch(.literal(field), found, kind))
                }
            }
            check("range", item.rangeDimension)
            check("tolerance.absolute", item.toleranceDimension)
            check("drift.perYear", item.driftDimension)
            check("uncertainty", item.anchorDimension)
        }
    }

    // MARK: Records

    mutating func resolveRecords() {
        // The first record with each id string, to find duplicates.
        var firstRecord = IndexByString(count: strings.strings.count)
        recordItem.reserveCapacity(builder.records.count)
        recordLab.reserveCapacity(builder.records.count)
        referenceItem = [Int32](repeating: -1, count: builder.references.count)
        for (position, record) in builder.records.enumerated() {
            let id = strings[record.id]
            func subject() -> String { "record \(id)" }
            let origin = record.origin
            if let earlier = firstRecord[record.id] {
                problem(
                    "calibrations", origin, "id", subject: subject(),
                    .key(
                        "diagnostic.record.duplicate", ("id", .literal(id)),
                        ("place", place("calibrations", builder.records[Int(earlier)].origin))))
            } else {
                firstRecord[record.id] = Int32(position)
            }
            let lab = labByString[record.lab] ?? -1
            if lab < 0, !isUnreadable(.lab, record.lab) {
                problem(
                    "calibrations", origin, "lab", subject: subject(),
                    .key("diagnostic.lab.unknown", ("id", .literal(strings[record.lab]))))
            }
            recordLab.append(lab)
            let item = itemByString[record.item] ?? -1
            recordItem.append(item)
            if item < 0, !isUnreadable(.item, record.item) {
                problem(
                    "calibrations", origin, "item", subject: subject(),
                    .key("diagnostic.item.unknown", ("id", .literal(strings[record.item]))))
            }
            let kind: QuantityKind? =
                item >= 0 && itemQuantity[Int(item)] >= 0
                ? quantities[Int(itemQuantity[Int(item)])] : nil
            if let kind {
                if let found = builder.dimension(record.pointDimension), found != kind.dimension {
                    problem(
                        "calibrations", origin, "points[0].nominal", subject: subject(),
                        .key(
                            "diagnostic.record.points-dimension", ("found", found.explainedText),
                            ("item", .literal(strings[record.item])), ("quantity", .quantity(kind.name)),
                            ("unit", .literal("\(kind.unit)"))))
                }
                if let found = builder.dimension(record.budgetDimension), found != kind.dimension {
                    problem(
                        "calibrations", origin, "budget[0]", subject: subject(),
                        .key(
                            "diagnostic.record.budget-dimension", ("found", found.explainedText),
                            ("item", .literal(strings[record.item])), ("quantity", .quantity(kind.name)),
                            ("unit", .literal("\(kind.unit)"))))
                }
            }
            let end =
                position + 1 < builder.records.count
                ? Int(builder.records[position + 1].referenceStart) : builder.references.count
            for r in Int(record.referenceStart)..<end {
                let reference = builder.references[r]
                func field() -> String { "references[\(r - Int(record.referenceStart))]" }
                guard let target = itemByString[reference.item] else {
                    if !isUnreadable(.item, reference.item) {
                        problem(
                            "calibrations", origin, field() + ".item", subject: subject(),
                            .key("diagnostic.reference.unknown", ("id", .literal(strings[reference.item]))))
                    }
                    continue
                }
                referenceItem[r] = target
                let q = itemQuantity[Int(target)]
                guard q >= 0 else { continue }
                let referenceKind = quantities[Int(q)]
                if let at = builder.dimension(reference.atDimension), at != referenceKind.dimension {
                    problem(
                        "calibrations", origin, field() + ".at", subject: subject(),
                        .key(
                            "diagnostic.reference.at-dimension", ("reference", .literal(strings[reference.item])),
                            ("quantity", .quantity(referenceKind.name)), ("unit", .literal("\(referenceKind.unit)")),
                            ("found", at.explainedText)))
                }
                if reference.at.isNaN, let kind, kind.dimension != referenceKind.dimension {
                    problem(
                        "calibrations", origin, field() + ".at", subject: subject(),
                        .key(
                            "diagnostic.reference.nominal-other-quantity", ("item", .literal(strings[record.item])),
                            ("quantity", .quantity(kind.name)), ("reference", .quantity(referenceKind.name))))
                }
                if let kind, let sensitivity = builder.dimension(reference.sensitivityDimension),
                    referenceKind.dimension * sensitivity != kind.dimension
                {
                    problem(
                        "calibrations", origin, field() + ".sensitivity", subject: subject(),
                        .key(
                            "diagnostic.reference.sensitivity-dimension",
                            ("reference", .literal(strings[reference.item])),
                            ("dimension", referenceKind.dimension.explainedText),
                            ("sensitivity", sensitivity.explainedText),
                            ("product", (referenceKind.dimension * sensitivity).explainedText),
                            ("item", .literal(strings[record.item])), ("quantity", .quantity(kind.name)),
                            ("unit", .literal("\(kind.unit)"))))
                }
            }
        }
    }
}
