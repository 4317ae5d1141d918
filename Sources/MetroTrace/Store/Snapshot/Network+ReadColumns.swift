extension Network {
    /// Reads every column written by ``write(to:)``, with the string table unfrozen (its
    /// hashes are what ``validate()`` checks the id indexes against).
    init(reading r: inout SnapshotReader) throws(SnapshotError) {
        func codes<T>(_ name: StaticString, _ cases: [T]) throws(SnapshotError) -> [T] {
            try r.view(name, UInt8.self).map { code throws(SnapshotError) in
                guard Int(code) < cases.count else {
                    throw SnapshotError("snapshot is malformed: bad code \(code) in \(name)")
                }
                return cases[Int(code)]
            }
        }
        func windows() throws(SnapshotError) -> [DateWindow] {
            let from = try r.view("WFRM", Int32.self)
            let to = try r.view("WTO ", Int32.self)
            guard from.count == to.count else { throw SnapshotError("snapshot is malformed: window columns differ") }
            return (0..<from.count).map {
                DateWindow(
                    from: from[$0] == Int32.min ? nil : Day(ordinal: from[$0]),
                    to: to[$0] == Int32.min ? nil : Day(ordinal: to[$0]))
            }
        }
        func pointRows() throws(SnapshotError) -> [PointRow] {
            let nominal = try r.view("PNOM", Double.self), value = try r.view("PVAL", Double.self)
            let expanded = try r.view("PU  ", Double.self), k = try r.view("PK  ", Double.self)
            let coverage = try r.view("PCOV", Double.self), dof = try r.view("PDOF", Double.self)
            guard Set([nominal.count, value.count, expanded.count, k.count, coverage.count, dof.count]).count == 1
            else {
                throw SnapshotError("snapshot is malformed: point columns differ")
            }
            return (0..<nominal.count).map {
                PointRow(
                    nominal: nominal[$0], value: value[$0], expanded: expanded[$0], k: k[$0], coverage: coverage[$0],
                    dof: dof[$0])
            }
        }

        let name = try r.string()
        // Unfrozen: the hashes are kept for checking the id indexes (`validate()`).
        let (texts, hashes) = try r.strings("STRS", hashing: true)
        let strings = StringTable(restoring: texts, hashes: hashes)
        var units: [Unit] = []
        for symbol in try r.strings("UNIT") {
            guard let unit = try? Unit.parse(symbol) else {
                throw SnapshotError("snapshot holds an unknown unit \"\(symbol)\"")
            }
            units.append(unit)
        }
        let quantityNames = try r.strings("QNAM")
        let quantityUnits = try r.strings("QUNI")
        let exponents = try r.column("QDIM", Int8.self)
        guard quantityNames.count == quantityUnits.count, exponents.count == 7 * quantityNames.count else {
            throw SnapshotError("snapshot is malformed: quantity columns differ")
        }
        let quantities = quantityNames.indices.map {
            QuantityKind(
                name: quantityNames[$0], dimension: Dimension(exponents: Array(exponents[7 * $0..<7 * $0 + 7])),
                unit: quantityUnits[$0])
        }
        let labs = try Self.readLabs(&r)
        let labAccreditationStart = try r.column("LACS", Int32.self)
        let accreditations = try windows()
        let labCapabilityStart = try r.column("LCPS", Int32.self)
        let capabilityQuantity = try r.column("CQTY", Int32.self)
        let capabilityActivity = try codes("CACT", Activity.allCases)
        let columns = [
            try r.column("CLOW", Double.self), try r.column("CUPP", Double.self), try r.column("CABS", Double.self),
            try r.column("CREL", Double.self), try r.column("CK  ", Double.self),
        ]
        let combine = try r.column("CCMB", UInt8.self)
        let hasCMC = try r.column("CHAS", UInt8.self)
        let capabilityIndex = try r.column("CIDX", Int32.self)
        let capabilityWindows = try windows()
        let capabilityCount = capabilityQuantity.count
        guard capabilityActivity.count == capabilityCount, columns.allSatisfy({ $0.count == capabilityCount }),
            combine.count == capabilityCount, hasCMC.count == capabilityCount, capabilityIndex.count == capabilityCount,
            capabilityWindows.count == capabilityCount
        else { throw SnapshotError("snapshot is malformed: capability columns differ") }
        let capabilities = (0..<capabilityCount).map {
            CapabilityRow(
                quantity: capabilityQuantity[$0], activity: capabilityActivity[$0], lower: columns[0][$0],
                upper: columns[1][$0], cmcAbsolute: columns[2][$0], cmcRelative: columns[3][$0],
                cmcK: columns[4][$0], cmcCombine: combine[$0] == 0 ? .sum : .quadrature, hasCMC: hasCMC[$0] != 0,
                window: capabilityWindows[$0], index: capabilityIndex[$0])
        }

        let itemID = try r.column("IID ", Int32.self)
        let itemName = try r.column("INAM", Int32.self)
        let itemKind = try codes("IKND", ItemKind.allCases)
        let itemQuantity = try r.column("IQTY", Int32.self)
        let itemUnit = try r.column("IUNI", Int32.self)
        let itemLab = try r.column("ILAB", Int32.self)
        let itemRangeLower = try r.column("IRLO", Double.self)
        let itemRangeUpper = try r.column("IRHI", Double.self)
        let itemToleranceAbsolute = try r.column("ITAB", Double.self)
        let itemToleranceRelative = try r.column("ITRE", Double.self)
        let itemAccuracyClass = try r.column("ICLS", Int32.self)
        let itemSerial = try r.column("ISER", Int32.self)
        let itemModel = try r.column("IMOD", Int32.self)
        let itemManufacturer = try r.column("IMFR", Int32.self)
        let itemAssetTag = try r.column("IAST", Int32.self)
        let itemCompulsory = try r.view("ICMP", UInt8.self).map { $0 != 0 }
        let itemDriftPerYear = try r.column("IDRF", Double.self)
        let itemRecognitionStart = try r.column("IRCS", Int32.self)
        let recognitionSchemes = try r.column("RSCH", Int32.self)
        let recognitionWindows = try windows()
        guard recognitionSchemes.count == recognitionWindows.count else {
            throw SnapshotError("snapshot is malformed: recognition columns differ")
        }
        let recognitions = zip(recognitionSchemes, recognitionWindows).map { RecognitionRow(scheme: $0, window: $1) }
        let itemAnchorStart = try r.column("IANS", Int32.self)
        let anchorPoints = try pointRows()
        let itemEventStart = try r.column("IEVS", Int32.self)
        let eventDays = try r.view("EDAY", Int32.self)
        let eventStates = try codes("ESTA", ItemState.allCases)
        guard eventDays.count == eventStates.count else {
            throw SnapshotError("snapshot is malformed: event columns differ")
        }
        let events = eventStates.indices.map { EventRow(day: Day(ordinal: eventDays[$0]), state: eventStates[$0]) }
        let itemRecordStart = try r.column("IRCD", Int32.self)
        let itemRecords = try r.view("IRRC", Int32.self).map(RecordIndex.init)
        let itemIDIndex = IDIndex(
            hashes: try r.column("IHSH", UInt64.self), positions: try r.column("IPOS", Int32.self))

        let recordID = try r.column("RID ", Int32.self)
        let recordItem = try r.view("RITM", Int32.self).map(ItemIndex.init)
        let recordLab = try r.view("RLAB", Int32.self).map(LabIndex.init)
        let recordDate = try r.view("RDAT", Int32.self).map(Day.init(ordinal:))
        let recordDue = try r.view("RDUE", Int32.self).map { $0 == Int32.min ? nil : Day(ordinal: $0) }
        let recordActivity = try codes("RACT", Activity.allCases)
        let recordVerdict = try codes("RVER", [nil, Verdict.pass, Verdict.fail])
        let recordProcedure = try r.column("RPRO", Int32.self)
        let recordSource = try r.column("RSRC", Int32.self)
        let recordUnit = try r.column("RUNI", Int32.self)
        let recordInCycle = try r.view("RCYC", UInt8.self).map { $0 != 0 }
        let recordReferenceStart = try r.column("RRFS", Int32.self)
        let referenceItems = try r.view("FITM", Int32.self)
        let referenceUsed = try r.view("FUSE", Int32.self)
        let referenceSensitivity = try r.view("FSEN", Double.self)
        let referenceAt = try r.view("FAT ", Double.self)
        guard
            Set([referenceItems.count, referenceUsed.count, referenceSensitivity.count, referenceAt.count]).count == 1
        else {
            throw SnapshotError("snapshot is malformed: reference columns differ")
        }
        let references = (0..<referenceItems.count).map {
            ReferenceRow(
                item: ItemIndex(referenceItems[$0]), used: referenceUsed[$0],
                sensitivity: referenceSensitivity[$0], at: referenceAt[$0])
        }
        let recordPointStart = try r.column("RPTS", Int32.self)
        let points = try pointRows()
        let recordBudgetStart = try r.column("RBGS", Int32.self)
        let budgetName = try r.view("BNAM", Int32.self)
        let budgetU = try r.view("BU  ", Double.self)
        let budgetSensitivity = try r.view("BSEN", Double.self)
        let budgetDof = try r.view("BDOF", Double.self)
        let budgetType = try codes("BTYP", [nil, EvaluationType.A, EvaluationType.B])
        let budgetDistribution = try codes("BDIS", [nil] + Distribution.allCases.map(Optional.some))
        guard
            Set([
                budgetName.count, budgetU.count, budgetSensitivity.count, budgetDof.count, budgetType.count,
                budgetDistribution.count,
            ]).count == 1
        else { throw SnapshotError("snapshot is malformed: budget columns differ") }
        let budget = (0..<budgetName.count).map {
            BudgetRow(
                name: budgetName[$0], standardUncertainty: budgetU[$0], sensitivity: budgetSensitivity[$0],
                dof: budgetDof[$0], type: budgetType[$0], distribution: budgetDistribution[$0])
        }
        let recordIDIndex = IDIndex(
            hashes: try r.column("RHSH", UInt64.self), positions: try r.column("RPOS", Int32.self))

        self.init(
            name: name, strings: strings, units: units, quantities: quantities, labs: labs,
            labIndexByID: Dictionary(
                labs.enumerated().map { ($1.id, LabIndex(Int32($0))) }, uniquingKeysWith: { a, _ in a }),
            labAccreditationStart: labAccreditationStart, accreditations: accreditations,
            labCapabilityStart: labCapabilityStart, capabilities: capabilities,
            itemID: itemID, itemName: itemName, itemKind: itemKind, itemQuantity: itemQuantity, itemUnit: itemUnit,
            itemLab: itemLab, itemRangeLower: itemRangeLower, itemRangeUpper: itemRangeUpper,
            itemToleranceAbsolute: itemToleranceAbsolute, itemToleranceRelative: itemToleranceRelative,
            itemAccuracyClass: itemAccuracyClass, itemSerial: itemSerial, itemModel: itemModel,
            itemManufacturer: itemManufacturer, itemAssetTag: itemAssetTag, itemCompulsory: itemCompulsory,
            itemDriftPerYear: itemDriftPerYear,
            itemRecognitionStart: itemRecognitionStart, recognitions: recognitions, itemAnchorStart: itemAnchorStart,
            anchorPoints: anchorPoints, itemEventStart: itemEventStart, events: events,
            itemRecordStart: itemRecordStart, itemRecords: itemRecords, itemIDIndex: itemIDIndex,
            recordID: recordID, recordItem: recordItem, recordLab: recordLab, recordDate: recordDate,
            recordDue: recordDue, recordActivity: recordActivity, recordVerdict: recordVerdict,
            recordProcedure: recordProcedure, recordSource: recordSource, recordUnit: recordUnit,
            recordInCycle: recordInCycle, recordReferenceStart: recordReferenceStart, references: references,
            recordPointStart: recordPointStart, points: points, recordBudgetStart: recordBudgetStart, budget: budget,
            recordIDIndex: recordIDIndex)
    }

    static func readLabs(_ r: inout SnapshotReader) throws(SnapshotError) -> [Lab] {
        try r.tag("LABS")
        let count = try r.raw(UInt64.self)
        guard count < 10_000_000 else { throw SnapshotError("snapshot is malformed: \(count) labs") }
        var unitCache: [String: Unit] = [:]
        func value(_ scale: ValueScale) throws(SnapshotError) -> QuantityValue {
            let number = try r.raw(Double.self)
            let symbol = try r.string()
            let si = try r.raw(Double.self)
            let unit: Unit
            if let cached = unitCache[symbol] {
                unit = cached
            } else {
                guard let parsed = try? Unit.parse(symbol) else {
                    throw SnapshotError("snapshot holds an unknown unit \"\(symbol)\"")
                }
                unitCache[symbol] = parsed
                unit = parsed
            }
            var result = QuantityValue(number, unit, scale: scale)
            result.si = si
            return result
        }
        func code<T: RawRepresentable>(_ type: T.Type) throws(SnapshotError) -> T where T.RawValue == String {
            let text = try r.string()
            guard let value = T(rawValue: text) else {
                throw SnapshotError("snapshot is malformed: unknown value \"\(text)\"")
            }
            return value
        }
        var labs: [Lab] = []
        for _ in 0..<count {
            let id = try r.string()
            let name = try r.string()
            let kind = try code(LabKind.self)
            let industry = try r.optionalString()
            var accreditations: [Accreditation] = []
            for _ in 0..<(try r.raw(UInt64.self)) {
                let scheme = try r.string()
                let number = try r.optionalString()
                accreditations.append(
                    Accreditation(scheme: scheme, id: number, window: DateWindow(from: try r.day(), to: try r.day())))
            }
            var capabilities: [Capability] = []
            for _ in 0..<(try r.raw(UInt64.self)) {
                let quantity = try r.string()
                let activity = try code(Activity.self)
                let lower = try value(.absolute)
                let upper = try value(.absolute)
                var cmc: CMC?
                if try r.raw(UInt8.self) != 0 {
                    let absolute: QuantityValue? = try r.raw(UInt8.self) != 0 ? try value(.interval) : nil
                    let relative = try r.raw(Double.self)
                    let k = try r.raw(Double.self)
                    cmc = CMC(absolute: absolute, relative: relative, k: k, combine: try code(CMC.Combination.self))
                }
                capabilities.append(
                    Capability(
                        quantity: quantity, activity: activity, range: QuantityRange(lower, upper), cmc: cmc,
                        window: DateWindow(from: try r.day(), to: try r.day())))
            }
            labs.append(
                Lab(
                    id: id, name: name, kind: kind, industry: industry, accreditations: accreditations,
                    capabilities: capabilities))
        }
        return labs
    }
}
