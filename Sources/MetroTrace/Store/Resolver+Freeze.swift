extension Resolver {
    /// Orders the records and lays everything out as the frozen arrays of a ``Network``.
    /// Called only when resolution found no error.
    ///
    /// The builder's rows are released as soon as they are laid out.
    mutating func freeze() -> Network {
        let (order, provisional, inCycle) = recordOrder()
        var newIndex = [Int32](repeating: 0, count: builder.records.count)
        for (position, old) in order.enumerated() { newIndex[Int(old)] = Int32(position) }

        // Records, in their final order, with CSR arrays for references, points, budget.
        var recordID: [Int32] = [], recordItemOut: [ItemIndex] = [], recordLabOut: [LabIndex] = []
        var recordDate: [Day] = [], recordDue: [Day?] = [], recordActivity: [Activity] = []
        var recordVerdict: [Verdict?] = [], recordProcedure: [Int32] = [], recordSource: [Int32] = []
        var recordUnit: [Int32] = [], recordInCycle: [Bool] = []
        var referenceStart: [Int32] = [0], pointStart: [Int32] = [0], budgetStart: [Int32] = [0]
        var references: [ReferenceRow] = [], points: [PointRow] = [], budget: [BudgetRow] = []
        let count = builder.records.count
        recordID.reserveCapacity(count); recordItemOut.reserveCapacity(count)
        recordLabOut.reserveCapacity(count); recordDate.reserveCapacity(count)
        recordDue.reserveCapacity(count); recordActivity.reserveCapacity(count)
        recordVerdict.reserveCapacity(count); recordProcedure.reserveCapacity(count)
        recordSource.reserveCapacity(count)
        recordUnit.reserveCapacity(count); recordInCycle.reserveCapacity(count)
        referenceStart.reserveCapacity(count + 1); pointStart.reserveCapacity(count + 1)
        budgetStart.reserveCapacity(count + 1)
        references.reserveCapacity(builder.references.count)
        points.reserveCapacity(builder.points.count)
        budget.reserveCapacity(builder.budget.count)

        let pending = builder.records
        let (referenceTotal, pointTotal, budgetTotal) = (
            builder.references.count, builder.points.count, builder.budget.count
        )
        for position in 0..<count {
            let old = Int(order[position])
            let record = pending[old]
            let next = old + 1 < count ? pending[old + 1] : nil
            recordID.append(record.id)
            recordItemOut.append(ItemIndex(recordItem[old]))
            recordLabOut.append(LabIndex(recordLab[old]))
            recordDate.append(record.date)
            recordDue.append(record.due)
            recordActivity.append(record.activity)
            recordVerdict.append(record.verdict)
            recordProcedure.append(record.procedure)
            recordSource.append(record.source)
            recordUnit.append(record.unit)
            recordInCycle.append(inCycle[old])
            for r in Int(record.referenceStart)..<Int(next?.referenceStart ?? Int32(referenceTotal)) {
                let reference = builder.references[r]
                references.append(
                    ReferenceRow(
                        item: ItemIndex(referenceItem[r]), used: ReferenceRow.nothing,
                        sensitivity: reference.sensitivity,
                        at: reference.at))
            }
            referenceStart.append(Int32(references.count))
            points.append(
                contentsOf: builder.points[Int(record.pointStart)..<Int(next?.pointStart ?? Int32(pointTotal))])
            pointStart.append(Int32(points.count))
            budget.append(
                contentsOf: builder.budget[Int(record.budgetStart)..<Int(next?.budgetStart ?? Int32(budgetTotal))])
            budgetStart.append(Int32(budget.count))
        }

        _ = consume pending
        builder.records = []
        builder.references = []
        builder.points = []
        builder.budget = []
        referenceItem = []
        recordLab = []

        // Items, with the CSR list of their records in date order.
        let items = builder.items
        var itemRecordStart = [Int32](repeating: 0, count: items.count + 1)
        for item in recordItemOut { itemRecordStart[item.int + 1] += 1 }
        for i in 0..<items.count { itemRecordStart[i + 1] += itemRecordStart[i] }
        // Each item's records by date, same-day records in dataset order (the later is in
        // force), whatever their dependency order.
        var fill = itemRecordStart
        var itemRecords = [RecordIndex](repeating: RecordIndex(0), count: count)
        for old in provisional {
            let position = newIndex[Int(old)]
            let item = recordItemOut[Int(position)]
            itemRecords[Int(fill[item.int])] = RecordIndex(position)
            fill[item.int] += 1
        }
        func starts(_ start: KeyPath<PendingItem, Int32>, total: Int) -> [Int32] {
            items.map { $0[keyPath: start] } + [Int32(total)]
        }

        let itemIDIndex = IDIndex(ids: items.map(\.id), strings: strings)
        let recordIDIndex = IDIndex(ids: recordID, strings: strings)

        var network = Network(
            name: builder.name, strings: strings, units: builder.units, quantities: quantities,
            labs: builder.labs.map(\.lab), labIndexByID: labIndexByID,
            labAccreditationStart: [], accreditations: [], labCapabilityStart: [], capabilities: [],
            itemID: items.map(\.id), itemName: items.map(\.name), itemKind: items.map(\.kind),
            itemQuantity: itemQuantity, itemUnit: items.map(\.unit), itemLab: itemLab,
            itemRangeLower: items.map(\.rangeLower), itemRangeUpper: items.map(\.rangeUpper),
            itemToleranceAbsolute: items.map(\.toleranceAbsolute),
            itemToleranceRelative: items.map(\.toleranceRelative),
            itemAccuracyClass: items.map(\.accuracyClass), itemSerial: items.map(\.serial),
            itemModel: items.map(\.model), itemManufacturer: items.map(\.manufacturer),
            itemAssetTag: items.map(\.assetTag), itemCompulsory: items.map(\.compulsory),
            itemDriftPerYear: items.map(\.driftPerYear),
            itemRecognitionStart: starts(\.recognitionStart, total: builder.recognitions.count),
            recognitions: builder.recognitions,
            itemAnchorStart: starts(\.anchorStart, total: builder.anchorPoints.count),
            anchorPoints: builder.anchorPoints,
            itemEventStart: starts(\.eventStart, total: builder.events.count), events: builder.events,
            itemRecordStart: itemRecordStart, itemRecords: itemRecords, itemIDIndex: itemIDIndex,
            recordID: recordID, recordItem: recordItemOut, recordLab: recordLabOut,
            recordDate: recordDate, recordDue: recordDue, recordActivity: recordActivity,
            recordVerdict: recordVerdict, recordProcedure: recordProcedure, recordSource: recordSource,
            recordUnit: recordUnit, recordInCycle: recordInCycle,
            recordReferenceStart: referenceStart, references: references,
            recordPointStart: pointStart, points: points, recordBudgetStart: budgetStart,
            budget: budget, recordIDIndex: recordIDIndex)
        _ = consume items
        builder.items = []
        freezeLabs(into: &network)
        settleReferences(of: &network)
        network.strings.freeze()
        return network
    }

    /// Settles what each reference stood on at its record's date: a valid anchor, its
    /// record in force then, or nothing.
    func settleReferences(of network: inout Network) {
        for r in 0..<network.recordCount {
            let day = network.recordDate[r]
            for row in Int(network.recordReferenceStart[r])..<Int(network.recordReferenceStart[r + 1]) {
                let item = network.references[row].item
                if network.anchorState(item, at: day) == .valid {
                    network.references[row].used = ReferenceRow.anchor
                } else {
                    network.references[row].used =
                        network.recordInForce(item, at: day)?.rawValue ?? ReferenceRow.nothing
                }
            }
        }
    }

    /// Lays out accreditation windows and capabilities per lab.
    func freezeLabs(into network: inout Network) {
        var accreditationStart: [Int32] = [0]
        var accreditations: [DateWindow] = []
        var capabilityStart: [Int32] = [0]
        var capabilities: [CapabilityRow] = []
        var quantityLookup = quantityByName
        var strings = self.strings
        for (lab, _) in builder.labs {
            for accreditation in lab.accreditations {
                accreditations.append(accreditation.window)
            }
            accreditationStart.append(Int32(accreditations.count))
            for (index, capability) in lab.capabilities.enumerated() {
                let quantity = quantityLookup[strings.intern(capability.quantity)] ?? -1
                let cmc = capability.cmc
                capabilities.append(
                    CapabilityRow(
                        quantity: quantity, activity: capability.activity,
                        lower: capability.range.lower.si, upper: capability.range.upper.si,
                        cmcAbsolute: cmc?.absolute?.si ?? 0, cmcRelative: cmc?.relative ?? 0,
                        cmcK: cmc?.k ?? 2, cmcCombine: cmc?.combine ?? .sum, hasCMC: cmc != nil,
                        window: capability.window,
                        index: Int32(index)))
            }
            capabilityStart.append(Int32(capabilities.count))
        }
        quantityLookup.removeAll()
        network.labAccreditationStart = accreditationStart
        network.accreditations = accreditations
        network.labCapabilityStart = capabilityStart
        network.capabilities = capabilities
    }
}
