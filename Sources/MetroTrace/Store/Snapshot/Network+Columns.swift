extension Network {
    /// Writes every column, in the order ``init(reading:)`` reads them.
    func write(to w: inout SnapshotWriter) {
        w.string(name)
        w.strings("STRS", strings.strings)
        w.strings("UNIT", units.map(\.symbol))
        w.strings("QNAM", quantities.map(\.name))
        w.strings("QUNI", quantities.map(\.unit))
        w.column("QDIM", quantities.flatMap(\.dimension.exponents))
        writeLabs(to: &w)
        w.column("LACS", labAccreditationStart)
        Self.windows(&w, accreditations)
        w.column("LCPS", labCapabilityStart)
        w.column("CQTY", capabilities.map(\.quantity))
        w.column("CACT", capabilities.map { Activity.allCases.firstIndex(of: $0.activity)! }.map(UInt8.init))
        w.column("CLOW", capabilities.map(\.lower))
        w.column("CUPP", capabilities.map(\.upper))
        w.column("CABS", capabilities.map(\.cmcAbsolute))
        w.column("CREL", capabilities.map(\.cmcRelative))
        w.column("CK  ", capabilities.map(\.cmcK))
        w.column("CCMB", capabilities.map { $0.cmcCombine == .sum ? UInt8(0) : 1 })
        w.column("CHAS", capabilities.map { UInt8($0.hasCMC ? 1 : 0) })
        w.column("CIDX", capabilities.map(\.index))
        Self.windows(&w, capabilities.map(\.window))

        w.column("IID ", itemID)
        w.column("INAM", itemName)
        w.column("IKND", itemKind.map { UInt8(ItemKind.allCases.firstIndex(of: $0)!) })
        w.column("IQTY", itemQuantity)
        w.column("IUNI", itemUnit)
        w.column("ILAB", itemLab)
        w.column("IRLO", itemRangeLower)
        w.column("IRHI", itemRangeUpper)
        w.column("ITAB", itemToleranceAbsolute)
        w.column("ITRE", itemToleranceRelative)
        w.column("ICLS", itemAccuracyClass)
        w.column("ISER", itemSerial)
        w.column("IMOD", itemModel)
        w.column("IMFR", itemManufacturer)
        w.column("IAST", itemAssetTag)
        w.column("ICMP", itemCompulsory.map { UInt8($0 ? 1 : 0) })
        w.column("IDRF", itemDriftPerYear)
        w.column("IRCS", itemRecognitionStart)
        w.column("RSCH", recognitions.map(\.scheme))
        Self.windows(&w, recognitions.map(\.window))
        w.column("IANS", itemAnchorStart)
        Self.points(&w, anchorPoints)
        w.column("IEVS", itemEventStart)
        w.column("EDAY", events.map(\.day.ordinal))
        w.column("ESTA", events.map { UInt8(ItemState.allCases.firstIndex(of: $0.state)!) })
        w.column("IRCD", itemRecordStart)
        w.column("IRRC", itemRecords.map(\.rawValue))
        w.column("IHSH", itemIDIndex.hashes)
        w.column("IPOS", itemIDIndex.positions)

        w.column("RID ", recordID)
        w.column("RITM", recordItem.map(\.rawValue))
        w.column("RLAB", recordLab.map(\.rawValue))
        w.column("RDAT", recordDate.map(\.ordinal))
        w.column("RDUE", recordDue.map { $0?.ordinal ?? Int32.min })
        w.column("RACT", recordActivity.map { UInt8(Activity.allCases.firstIndex(of: $0)!) })
        w.column("RVER", recordVerdict.map { $0 == nil ? UInt8(0) : $0 == .pass ? 1 : 2 })
        w.column("RPRO", recordProcedure)
        w.column("RSRC", recordSource)
        w.column("RUNI", recordUnit)
        w.column("RCYC", recordInCycle.map { UInt8($0 ? 1 : 0) })
        w.column("RRFS", recordReferenceStart)
        w.column("FITM", references.map(\.item.rawValue))
        w.column("FUSE", references.map(\.used))
        w.column("FSEN", references.map(\.sensitivity))
        w.column("FAT ", references.map(\.at))
        w.column("RPTS", recordPointStart)
        Self.points(&w, points)
        w.column("RBGS", recordBudgetStart)
        w.column("BNAM", budget.map(\.name))
        w.column("BU  ", budget.map(\.standardUncertainty))
        w.column("BSEN", budget.map(\.sensitivity))
        w.column("BDOF", budget.map(\.dof))
        w.column("BTYP", budget.map { $0.type == nil ? UInt8(0) : $0.type == .A ? 1 : 2 })
        w.column(
            "BDIS", budget.map { $0.distribution.map { UInt8(Distribution.allCases.firstIndex(of: $0)! + 1) } ?? 0 })
        w.column("RHSH", recordIDIndex.hashes)
        w.column("RPOS", recordIDIndex.positions)
    }

    static func windows(_ w: inout SnapshotWriter, _ windows: [DateWindow]) {
        w.column("WFRM", windows.map { $0.from?.ordinal ?? Int32.min })
        w.column("WTO ", windows.map { $0.to?.ordinal ?? Int32.min })
    }

    static func points(_ w: inout SnapshotWriter, _ points: [PointRow]) {
        w.column("PNOM", points.map(\.nominal))
        w.column("PVAL", points.map(\.value))
        w.column("PU  ", points.map(\.expanded))
        w.column("PK  ", points.map(\.k))
        w.column("PCOV", points.map(\.coverage))
        w.column("PDOF", points.map(\.dof))
    }

    func writeLabs(to w: inout SnapshotWriter) {
        w.tag("LABS")
        w.raw(UInt64(labs.count))
        func value(_ v: QuantityValue) {
            w.raw(v.number)
            w.string(v.unit.symbol)
            w.raw(v.si)
        }
        for lab in labs {
            w.string(lab.id)
            w.string(lab.name)
            w.string(lab.kind.rawValue)
            w.optionalString(lab.industry)
            w.raw(UInt64(lab.accreditations.count))
            for accreditation in lab.accreditations {
                w.string(accreditation.scheme)
                w.optionalString(accreditation.id)
                w.day(accreditation.window.from)
                w.day(accreditation.window.to)
            }
            w.raw(UInt64(lab.capabilities.count))
            for capability in lab.capabilities {
                w.string(capability.quantity)
                w.string(capability.activity.rawValue)
                value(capability.range.lower)
                value(capability.range.upper)
                w.raw(UInt8(capability.cmc == nil ? 0 : 1))
                if let cmc = capability.cmc {
                    w.raw(UInt8(cmc.absolute == nil ? 0 : 1))
                    if let absolute = cmc.absolute { value(absolute) }
                    w.raw(cmc.relative)
                    w.raw(cmc.k)
                    w.string(cmc.combine.rawValue)
                }
                w.day(capability.window.from)
                w.day(capability.window.to)
            }
        }
    }
}
