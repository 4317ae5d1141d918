extension Network {
    /// An item's maximum permissible error, if it has one (in its unit).
    public func tolerance(of item: ItemIndex) -> Tolerance? {
        let absolute = itemToleranceAbsolute[item.int]
        let relative = itemToleranceRelative[item.int]
        guard !absolute.isNaN || !relative.isNaN else { return nil }
        return Tolerance(
            absolute: absolute.isNaN ? nil : Self.value(absolute, unit(of: item), .interval),
            relative: relative.isNaN ? nil : relative)
    }

    /// An item's measuring range in SI units, if it has one.
    public func range(of item: ItemIndex) -> (lower: Double, upper: Double)? {
        let lower = itemRangeLower[item.int]
        return lower.isNaN ? nil : (lower, itemRangeUpper[item.int])
    }

    /// An item's accuracy class, if stated.
    public func accuracyClass(of item: ItemIndex) -> String? { strings.optional(itemAccuracyClass[item.int]) }
    /// The item's serial number (出厂编号), if given.
    public func serial(of item: ItemIndex) -> String? { strings.optional(itemSerial[item.int]) }
    /// The item's model (型号), if given.
    public func model(of item: ItemIndex) -> String? { strings.optional(itemModel[item.int]) }
    /// The item's manufacturer (制造厂), if given.
    public func manufacturer(of item: ItemIndex) -> String? { strings.optional(itemManufacturer[item.int]) }
    /// The item's asset tag, if given.
    public func assetTag(of item: ItemIndex) -> String? { strings.optional(itemAssetTag[item.int]) }
    /// Whether the item is subject to compulsory verification (强制检定).
    public func isCompulsory(_ item: ItemIndex) -> Bool { itemCompulsory[item.int] }

    /// A lab as a model value.
    public func labModel(_ lab: LabIndex) -> Lab { labs[lab.int] }

    /// The procedure a record followed, if stated.
    public func procedure(of record: RecordIndex) -> String? { strings.optional(recordProcedure[record.int]) }

    /// Where a record came from, if stated.
    public func source(of record: RecordIndex) -> String? { strings.optional(recordSource[record.int]) }

    /// The unit a record's uncertainties were written in (its first stated U), or the
    /// item's unit.
    public func uncertaintyUnit(of record: RecordIndex) -> Unit {
        let index = recordUnit[record.int]
        return index >= 0 ? units[Int(index)] : unit(of: recordItem[record.int])
    }

    /// A record's result points, with values in the item's unit and uncertainties in the
    /// unit the record wrote them in.
    public func points(of record: RecordIndex) -> [CalibrationPoint] {
        let unit = unit(of: recordItem[record.int])
        let uncertaintyUnit = uncertaintyUnit(of: record)
        return pointRows(of: record).map { row in
            CalibrationPoint(
                nominal: Self.value(row.nominal, unit, .absolute),
                value: row.value.isNaN ? nil : Self.value(row.value, unit, .absolute),
                expanded: row.hasStatedUncertainty
                    ? ExpandedUncertainty(
                        Self.value(row.expanded, uncertaintyUnit, .interval),
                        k: row.k.isNaN ? nil : row.k, coverage: row.coverage.isNaN ? nil : row.coverage,
                        dof: row.dof.isFinite ? row.dof : nil)
                    : nil)
        }
    }

    /// A record as a model value (units as the item and record write them; budget lines
    /// as their contributions |c|·u in the item's unit).
    public func calibrationRecord(_ record: RecordIndex) -> CalibrationRecord {
        let item = recordItem[record.int]
        let unit = unit(of: item)
        return CalibrationRecord(
            id: id(of: record), activity: recordActivity[record.int], item: id(of: item),
            lab: id(of: recordLab[record.int]), date: recordDate[record.int], due: recordDue[record.int],
            procedure: procedure(of: record),
            references: referenceRows(of: record).map { row in
                Reference(
                    item: id(of: row.item),
                    sensitivity: QuantityValue(
                        si: row.sensitivity,
                        dimension: quantities[Int(itemQuantity[item.int])].dimension
                            / quantities[Int(itemQuantity[row.item.int])].dimension),
                    usedAt: row.isUsedAtEachPoint
                        ? .eachPoint : .value(Self.value(row.at, self.unit(of: row.item), .absolute)))
            },
            points: points(of: record),
            budget: budgetRows(of: record).map { row in
                // The frozen store keeps each line's contribution |c|·u in the item's unit.
                BudgetComponent(
                    name: strings[row.name],
                    uncertainty: .standard(Self.value(row.standardUncertainty * abs(row.sensitivity), unit, .interval)),
                    dof: row.dof.isFinite ? row.dof : nil, type: row.type)
            },
            verdict: recordVerdict[record.int], source: source(of: record))
    }

    static func value(_ si: Double, _ unit: Unit, _ scale: ValueScale) -> QuantityValue {
        var value = QuantityValue(unit.fromSI(si, scale: scale), unit, scale: scale)
        value.si = si
        return value
    }
}

extension Unit {
    /// The coherent SI unit of a dimension, written with base-unit symbols (`m⁻¹·kg·s⁻²`).
    public static func coherent(_ dimension: Dimension) -> Unit {
        Unit(symbol: dimension.description, factor: 1, dimension: dimension)
    }
}
