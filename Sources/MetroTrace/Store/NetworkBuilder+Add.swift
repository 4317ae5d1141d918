extension NetworkBuilder {
    /// Adds a lab; its capabilities are checked against their quantities at build time.
    public mutating func add(_ lab: Lab, origin: Origin? = nil) {
        let origin = origin ?? Origin(document: -1, index: Int32(labs.count))
        func subject() -> String { "lab \(lab.id)" }
        checkID(lab.id, "labs", origin, what: .lab)
        for (i, accreditation) in lab.accreditations.enumerated() {
            checkWindow(accreditation.window, "labs", origin, "accreditations[\(i)]", subject: subject())
        }
        for (i, capability) in lab.capabilities.enumerated() {
            let field = "capabilities[\(i)]"
            checkWindow(capability.window, "labs", origin, field, subject: subject())
            checkFinite(capability.range.lower, "labs", origin, field + ".range[0]", subject: subject())
            checkFinite(capability.range.upper, "labs", origin, field + ".range[1]", subject: subject())
            if capability.range.lower.dimension != capability.range.upper.dimension {
                problem(
                    "labs", origin, field + ".range[1]", subject: subject(),
                    .key(
                        "diagnostic.range.dimensions-differ", ("lower", .literal("\(capability.range.lower)")),
                        ("upper", .literal("\(capability.range.upper)"))))
            } else if capability.range.lower.si > capability.range.upper.si {
                problem(
                    "labs", origin, field + ".range", subject: subject(),
                    .key(
                        "diagnostic.range.reversed", ("lower", .literal("\(capability.range.lower)")),
                        ("upper", .literal("\(capability.range.upper)"))))
            }
            if let cmc = capability.cmc {
                checkFinite(cmc.absolute, "labs", origin, field + ".cmc.absolute", subject: subject())
                if !(cmc.k > 0 && cmc.k.isFinite) {
                    problem(
                        "labs", origin, field + ".cmc.k", subject: subject(),
                        .key("diagnostic.k.not-positive", ("k", .literal(NumberFormatting.shortest(cmc.k)))))
                }
                if !(cmc.relative >= 0 && cmc.relative.isFinite) {
                    problem(
                        "labs", origin, field + ".cmc.relative", subject: subject(),
                        .key(
                            "diagnostic.cmc.relative-negative",
                            ("value", .literal(NumberFormatting.shortest(cmc.relative)))))
                }
                if let absolute = cmc.absolute, !(absolute.si >= 0) {
                    problem(
                        "labs", origin, field + ".cmc.absolute", subject: subject(),
                        .key("diagnostic.cmc.absolute-negative", ("value", .literal("\(absolute)"))))
                }
            }
        }
        labs.append((lab, origin))
    }

    /// Adds an item.
    public mutating func add(_ item: Item, origin: Origin? = nil) {
        let origin = origin ?? Origin(document: -1, index: Int32(items.count))
        func subject() -> String { "item \(item.id)" }
        checkID(item.id, "items", origin, what: .item)

        var rangeDimension = Self.noDimension
        if let range = item.range {
            checkFinite(range.lower, "items", origin, "range[0]", subject: subject())
            checkFinite(range.upper, "items", origin, "range[1]", subject: subject())
            if range.lower.dimension != range.upper.dimension {
                problem(
                    "items", origin, "range[1]", subject: subject(),
                    .key(
                        "diagnostic.range.dimensions-differ", ("lower", .literal("\(range.lower)")),
                        ("upper", .literal("\(range.upper)"))))
            } else if range.lower.si > range.upper.si {
                problem(
                    "items", origin, "range", subject: subject(),
                    .key(
                        "diagnostic.range.reversed", ("lower", .literal("\(range.lower)")),
                        ("upper", .literal("\(range.upper)"))))
            }
            rangeDimension = internDimension(range.lower.dimension)
        }
        var toleranceDimension = Self.noDimension
        if let tolerance = item.tolerance {
            if let absolute = tolerance.absolute {
                checkFinite(absolute, "items", origin, "tolerance.absolute", subject: subject())
                if !(absolute.si >= 0) {
                    problem(
                        "items", origin, "tolerance.absolute", subject: subject(),
                        .key("diagnostic.tolerance.negative", ("value", .literal("\(absolute)"))))
                }
                toleranceDimension = internDimension(absolute.dimension)
            }
            checkFinite(tolerance.relative, "items", origin, "tolerance.relative", subject: subject())
            if let relative = tolerance.relative, !(relative >= 0) {
                problem(
                    "items", origin, "tolerance.relative", subject: subject(),
                    .key("diagnostic.tolerance.negative", ("value", .literal(NumberFormatting.shortest(relative)))))
            }
        }
        var driftDimension = Self.noDimension
        if let drift = item.driftPerYear {
            checkFinite(drift, "items", origin, "driftPerYear", subject: subject())
            driftDimension = internDimension(drift.dimension)
        }
        let recognitionStart = Int32(recognitions.count)
        for (i, recognition) in item.recognized.enumerated() {
            checkWindow(recognition.window, "items", origin, "recognized[\(i)]", subject: subject())
            recognitions.append(
                RecognitionRow(
                    scheme: strings.intern(recognition.scheme),
                    window: recognition.window))
        }
        let anchorStart = Int32(anchorPoints.count)
        var anchorDimension = Self.noDimension
        for (i, anchor) in item.uncertainty.enumerated() {
            let field = "uncertainty[\(i)]"
            checkFinite(anchor.nominal, "items", origin, field + ".nominal", subject: subject())
            checkExpanded(anchor.expanded, "items", origin, field, subject: subject())
            if anchor.nominal.dimension != anchor.expanded.value.dimension {
                problem(
                    "items", origin, field + ".U", subject: subject(),
                    .key(
                        "diagnostic.anchor.dimensions-differ", ("u", anchor.expanded.value.dimension.explainedText),
                        ("nominal", anchor.nominal.dimension.explainedText)))
            }
            if i == 0 {
                anchorDimension = internDimension(anchor.nominal.dimension)
            } else if dimension(anchorDimension) != anchor.nominal.dimension {
                problem(
                    "items", origin, field + ".nominal", subject: subject(),
                    .key("diagnostic.anchor.dimension-of-first", ("nominal", .literal("\(anchor.nominal)"))))
            }
            anchorPoints.append(
                Self.pointRow(
                    nominal: anchor.nominal.si, value: nil, expanded: anchor.expanded))
        }
        let eventStart = Int32(events.count)
        // Events are history: kept in date order, same-day events in the order given.
        let ordered = item.events.enumerated().sorted {
            ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
        }
        for (i, event) in ordered {
            checkDay(event.date, "items", origin, "events[\(i)].date", subject: subject())
            events.append(EventRow(day: event.date, state: event.state))
        }
        items.append(
            PendingItem(
                id: strings.intern(item.id), name: strings.intern(item.name), kind: item.kind,
                quantity: strings.intern(item.quantity), unit: internUnit(item.unit),
                lab: strings.intern(item.lab),
                rangeLower: item.range?.lower.si ?? .nan, rangeUpper: item.range?.upper.si ?? .nan,
                toleranceAbsolute: item.tolerance?.absolute?.si ?? .nan,
                toleranceRelative: item.tolerance?.relative ?? .nan,
                accuracyClass: strings.intern(item.accuracyClass), serial: strings.intern(item.serial),
                model: strings.intern(item.model), manufacturer: strings.intern(item.manufacturer),
                assetTag: strings.intern(item.assetTag), compulsory: item.compulsory,
                driftPerYear: item.driftPerYear?.si ?? 0,
                recognitionStart: recognitionStart, anchorStart: anchorStart, eventStart: eventStart,
                rangeDimension: rangeDimension, toleranceDimension: toleranceDimension,
                driftDimension: driftDimension, anchorDimension: anchorDimension, origin: origin))
    }

    /// Adds a calibration, verification or test record.
    public mutating func add(_ record: CalibrationRecord, origin: Origin? = nil) {
        let origin = origin ?? Origin(document: -1, index: Int32(records.count))
        func subject() -> String { "record \(record.id)" }
        let section = "calibrations"
        checkID(record.id, section, origin, what: .record)
        checkDay(record.date, section, origin, "date", subject: subject())
        checkDay(record.due, section, origin, "due", subject: subject())
        if let due = record.due, due < record.date {
            problem(
                section, origin, "due", subject: subject(),
                .key(
                    "diagnostic.record.due-before-date", ("due", .literal("\(due)")),
                    ("date", .literal("\(record.date)"))))
        }

        let referenceStart = Int32(references.count)
        for (i, reference) in record.references.enumerated() {
            if reference.item.isEmpty {
                problem(
                    section, origin, "references[\(i)].item", subject: subject(), .key("diagnostic.reference.no-item"))
            }
            if !reference.sensitivity.si.isFinite {
                problem(
                    section, origin, "references[\(i)].sensitivity", subject: subject(),
                    .key("diagnostic.reference.sensitivity-not-finite"))
            }
            let at: QuantityValue? = if case .value(let value) = reference.at { value } else { nil }
            checkFinite(at, section, origin, "references[\(i)].at", subject: subject())
            if at == nil, record.points.isEmpty {
                problem(
                    section, origin, "references[\(i)].at", subject: subject(),
                    .key("diagnostic.reference.nominal-without-points"))
            }
            references.append(
                PendingReference(
                    item: strings.intern(reference.item), sensitivity: reference.sensitivity.si,
                    at: at?.si ?? .nan, sensitivityDimension: internDimension(reference.sensitivity.dimension),
                    atDimension: internDimension(at?.dimension)))
        }

        let pointStart = Int32(points.count)
        var pointDimension: Dimension?
        var unit: Unit?
        for (i, point) in record.points.enumerated() {
            let first = pointDimension ?? point.nominal.dimension
            pointDimension = first
            if !point.nominal.si.isFinite || !(point.value?.si.isFinite ?? true) {
                checkFinite(point.nominal, section, origin, "points[\(i)].nominal", subject: subject())
                checkFinite(point.value, section, origin, "points[\(i)].value", subject: subject())
            }
            if let expanded = point.expanded {
                checkExpanded(expanded, section, origin, "points[\(i)]", subject: subject())
                unit = unit ?? expanded.value.unit
            }
            // Checked without gathering the values first: this runs for every point loaded.
            let mismatched =
                point.nominal.dimension != first || point.value.map { $0.dimension != first } ?? false
                || point.expanded.map { $0.value.dimension != first } ?? false
            if mismatched {
                let values: [(String, QuantityValue?)] = [
                    ("nominal", point.nominal), ("value", point.value), ("U", point.expanded?.value),
                ]
                for case let (name, value?) in values where value.dimension != first {
                    problem(
                        section, origin, "points[\(i)].\(name)", subject: subject(),
                        .key(
                            "diagnostic.point.dimension-differs", ("value", .literal("\(value)")),
                            ("dimension", value.dimension.explainedText), ("first", first.explainedText)))
                }
            }
            points.append(Self.pointRow(nominal: point.nominal.si, value: point.value?.si, expanded: point.expanded))
        }

        let budgetStart = Int32(budget.count)
        var budgetDimension: Dimension?
        for (i, line) in record.budget.enumerated() {
            let field = "budget[\(i)]"
            checkFinite(line.sensitivity, section, origin, field + ".sensitivity", subject: subject())
            let product = line.inputDimension * line.sensitivity.dimension
            if let first = budgetDimension, first != product {
                problem(
                    section, origin, field + ".sensitivity", subject: subject(),
                    .key(
                        "diagnostic.budget.dimension-differs", ("dimension", product.explainedText),
                        ("first", first.explainedText)))
            }
            budgetDimension = budgetDimension ?? product
            var distribution: Distribution?
            switch line.uncertainty {
            case .standard(let u):
                if !(u.si >= 0 && u.si.isFinite) {
                    problem(
                        section, origin, field + ".u", subject: subject(),
                        .key("diagnostic.budget.u-negative", ("value", .literal("\(u)"))))
                }
            case .halfWidth(let a, let shape):
                distribution = shape
                if shape == .normal {
                    problem(
                        section, origin, field + ".distribution", subject: subject(),
                        .key("diagnostic.budget.normal-half-width"))
                }
                if !(a.si >= 0 && a.si.isFinite) {
                    problem(
                        section, origin, field + ".halfWidth", subject: subject(),
                        .key("diagnostic.budget.half-width-negative", ("value", .literal("\(a)"))))
                }
            }
            if let dof = line.dof, !(dof > 0 && dof.isFinite) {
                problem(
                    section, origin, field + ".dof", subject: subject(),
                    .key("diagnostic.dof.not-positive", ("dof", .literal(NumberFormatting.shortest(dof)))))
            }
            budget.append(
                BudgetRow(
                    name: strings.intern(line.name), standardUncertainty: line.standardUncertainty,
                    sensitivity: line.sensitivity.si, dof: line.dof ?? .infinity, type: line.type,
                    distribution: distribution))
        }

        records.append(
            PendingRecord(
                id: strings.intern(record.id), item: strings.intern(record.item),
                lab: strings.intern(record.lab), date: record.date, due: record.due,
                activity: record.activity, verdict: record.verdict,
                procedure: strings.intern(record.procedure), source: strings.intern(record.source),
                unit: unit.map { internUnit($0) } ?? -1,
                referenceStart: referenceStart, pointStart: pointStart, budgetStart: budgetStart,
                pointDimension: internDimension(pointDimension),
                budgetDimension: internDimension(budgetDimension), origin: origin))
    }
}
