/// Which records a propagation covers, and their positions in its arrays: every record
/// of the network (identity), or a few of them for one query.
protocol RecordSelection: Sendable {
    /// How many records are covered.
    var count: Int { get }
    /// The position of a record, or nil when it is not covered.
    func position(of record: RecordIndex) -> Int?
}

/// Every record of a network, at its own index.
struct AllRecords: RecordSelection {
    var count: Int
    @inline(__always) func position(of record: RecordIndex) -> Int? { record.int }
}

/// Some records of a network, numbered in index order.
struct SomeRecords: RecordSelection {
    var records: [RecordIndex]
    var positions: [RecordIndex: Int]

    init(_ records: some Collection<RecordIndex>) {
        self.records = records.sorted()
        positions = Dictionary(uniqueKeysWithValues: self.records.enumerated().map { ($1, $0) })
    }

    var count: Int { records.count }
    func position(of record: RecordIndex) -> Int? { positions[record] }
}

/// GUM uncertainty propagation along the record graph (DESIGN.md, *Uncertainty*).
///
/// Each record's result at a point is a sparse vector over independent components: every
/// record's own budget or residual, every anchor's uncertainty, every reference record's
/// drift. u is its norm, a covariance a dot product, and Welch–Satterthwaite sums vᵢ⁴/νᵢ
/// over it. A record's vector at its points is a part common to all points (references
/// used at one value, the common part of references used at each point, drifts, the
/// budget) plus a part per point (the residuals of references used at that point's
/// nominal value, and its own residual).
///
/// To stay linear in the number of records (a chain of 10,000 links included),
/// components that reach a result along one path only are folded into its private
/// part (Σv², Σv⁴/ν), exact since nothing can meet them again. A record used by more
/// than one reference row turns its private part into one identified lump and its drift
/// into an identified component; its residuals are identified as soon as two uses (or
/// two points of one use) can meet them.
///
/// Records must be propagated in index order (references first).
struct Propagator<Selection: RecordSelection>: Sendable {
    let network: Network
    let selection: Selection
    /// The coverage probability for computed expanded uncertainties.
    let probability: Double
    /// How many reference rows use each covered record, and how many point evaluations
    /// meet its residuals; how many rows use each anchor.
    var rowUses: [Int32]
    var residualUses: [Int32]
    var anchorUses: [ItemIndex: Int32] = [:]
    /// The stored common vector of each used record; its lump (and drift, next to it)
    /// when shared; its first residual component when its residuals are identified.
    var slot: [Int32]
    var sharedBase: [Int32]
    var residualBase: [Int32]
    var anchorComponent: [ItemIndex: Int32] = [:]
    var table = ComponentTable()
    var stored = StoredVectors()
    var accumulator: VectorAccumulator

    init(network: Network, selection: Selection, probability: Double, denseSlots: Bool) {
        self.network = network
        self.selection = selection
        self.probability = probability
        rowUses = [Int32](repeating: 0, count: selection.count)
        residualUses = rowUses
        slot = [Int32](repeating: -1, count: selection.count)
        sharedBase = slot
        residualBase = slot
        accumulator = VectorAccumulator(denseSlots: denseSlots)
    }

    // MARK: Uses

    /// Counts, over `records`, the reference rows that use each record or anchor.
    ///
    /// A reference used at each point puts what it contributes into the using record's
    /// point parts, which meet again whenever the record is evaluated between points or
    /// used twice; so it counts twice, and what it brings (an anchor, the residuals of
    /// its record) is always identified.
    mutating func countUses(of records: some Sequence<RecordIndex>) {
        for record in records {
            for reference in network.referenceRows(of: record) {
                let weight: Int32 = reference.isUsedAtEachPoint ? 2 : 1
                switch network.resolve(reference, of: record) {
                case .anchor:
                    anchorUses[reference.item, default: 0] += weight
                case .record(let used):
                    guard let position = selection.position(of: used) else { continue }
                    rowUses[position] += 1
                    residualUses[position] += weight
                case .cycle, .none:
                    break
                }
            }
        }
    }

    /// Counts a use from outside the network (a query evaluating the record).
    mutating func countExternalUse(of record: RecordIndex) {
        guard let position = selection.position(of: record) else { return }
        rowUses[position] += 1
        residualUses[position] += 1
    }

    /// Assigns identified components to anchors used more than once.
    mutating func identifyAnchors() {
        for (item, count) in anchorUses.sorted(by: { $0.key < $1.key }) where count > 1 {
            anchorComponent[item] = table.add(.anchor(item), inverseDof: anchorUncertainty(item, at: .nan).inverseDof)
        }
    }

    // MARK: One record

    /// Computes the record's common vector into `accumulator`, and stores it when others
    /// use the record.
    mutating func propagate(_ record: RecordIndex) {
        accumulator.reset()
        accumulateCommon(record, into: &accumulator)
        guard let position = selection.position(of: record), rowUses[position] > 0 else { return }
        if rowUses[position] > 1 {
            // Shared: everything it carries privately becomes one identified lump.
            let squares = accumulator.privateSquares
            let lump = table.add(
                .record(record), inverseDof: squares > 0 ? accumulator.privateFourth / (squares * squares) : 0)
            if squares > 0 { accumulator.add(lump, squares.squareRoot()) }
            accumulator.privateSquares = 0
            accumulator.privateFourth = 0
            _ = table.add(.drift(record), inverseDof: 0)
            sharedBase[position] = lump
        }
        if residualUses[position] > 1 {
            let points = network.pointRows(of: record)
            residualBase[position] = Int32(table.count)
            for (p, point) in points.enumerated() {
                _ = table.add(.residual(record, point: p), inverseDof: point.dof.isFinite ? 1 / point.dof : 0)
            }
        }
        slot[position] = stored.store(accumulator, table: table)
    }

    /// Adds the record's common part: references used at one value (whole), references
    /// used at each point (their common part and drift), and its own budget.
    func accumulateCommon(_ record: RecordIndex, into target: inout VectorAccumulator) {
        let day = network.recordDate[record.int]
        for reference in network.referenceRows(of: record) {
            let resolution = network.resolve(reference, of: record)
            if reference.isUsedAtEachPoint {
                addCommon(reference.item, times: reference.sensitivity, on: day, standingOn: resolution, to: &target)
            } else {
                add(reference.item, at: reference.at, times: reference.sensitivity, on: day,
                    standingOn: resolution, to: &target)
            }
        }
        let (squares, fourth) = ownBudget(record)
        target.addPrivate(squares: squares, fourth: fourth, coefficient: 1)
    }

    /// Adds the part of point `p` of the record that is not common: what references used
    /// at each point contribute at that point's nominal value (not the record's own
    /// residual).
    func accumulatePointPart(_ record: RecordIndex, point p: Int, times c: Double, into target: inout VectorAccumulator) {
        let rows = network.pointRows(of: record)
        let nominal = rows[rows.startIndex + p].nominal
        for reference in network.referenceRows(of: record) where reference.isUsedAtEachPoint {
            let resolution = network.resolve(reference, of: record)
            let coefficient = c * reference.sensitivity
            switch resolution {
            case .anchor:
                addAnchor(reference.item, at: nominal, times: coefficient, to: &target)
            case .record(let used):
                addResiduals(of: used, at: nominal, times: coefficient, to: &target)
            case .cycle, .none:
                break
            }
        }
    }

    /// Whether the record's points differ by more than their own residuals.
    func hasPointParts(_ record: RecordIndex) -> Bool {
        network.referenceRows(of: record).contains { $0.isUsedAtEachPoint }
    }

    /// The record's own budget as (Σ(cᵢuᵢ)², Σ(cᵢuᵢ)⁴/νᵢ): its lines always scale
    /// together, so they act as one component.
    func ownBudget(_ record: RecordIndex) -> (Double, Double) {
        var squares = 0.0
        var fourth = 0.0
        for line in network.budgetRows(of: record) {
            let value = line.sensitivity * line.standardUncertainty
            let square = value * value
            squares += square
            if line.dof.isFinite { fourth += square * square / line.dof }
        }
        return (squares, fourth)
    }

    // MARK: Using an item

    /// Adds what an item contributes when used at `x` on `day` with coefficient c:
    /// c × (its result at `x`, plus its drift since its record).
    func add(
        _ item: ItemIndex, at x: Double, times c: Double, on day: Day, standingOn resolution: ResolvedReference,
        to target: inout VectorAccumulator
    ) {
        switch resolution {
        case .anchor:
            addAnchor(item, at: x, times: c, to: &target)
        case .record(let used):
            addCommon(item, times: c, on: day, standingOn: resolution, to: &target)
            addResiduals(of: used, at: x, times: c, to: &target)
        case .cycle, .none:
            return
        }
    }

    /// Adds c × (the common part of the item's record and its drift since then).
    func addCommon(
        _ item: ItemIndex, times c: Double, on day: Day, standingOn resolution: ResolvedReference,
        to target: inout VectorAccumulator
    ) {
        guard case .record(let used) = resolution, let position = selection.position(of: used),
              slot[position] >= 0
        else { return }
        stored.add(slot[position], times: c, to: &target)
        let rate = network.itemDriftPerYear[item.int]
        if rate != 0 {
            let years = Double(day.ordinal - network.recordDate[used.int].ordinal) / 365.25
            let drift = c * rate * years / 3.0.squareRoot()
            let shared = sharedBase[position]
            if shared >= 0 { target.add(shared + 1, drift) } else { target.addPrivate(drift, inverseDof: 0) }
        }
    }

    /// Adds c × the anchor's uncertainty at `x`.
    func addAnchor(_ item: ItemIndex, at x: Double, times c: Double, to target: inout VectorAccumulator) {
        let (u, inverseDof) = anchorUncertainty(item, at: x)
        guard u > 0 else { return }
        if let component = anchorComponent[item] {
            target.add(component, c * u)
        } else {
            target.addPrivate(c * u, inverseDof: inverseDof)
        }
    }

    /// Adds c × the record's point-dependent part at `x`: the linear interpolation of its
    /// two points around `x` (clamped at the ends), each with its own residual.
    func addResiduals(of record: RecordIndex, at x: Double, times c: Double, to target: inout VectorAccumulator) {
        guard let position = selection.position(of: record) else { return }
        let identified = residualBase[position]
        for (p, weight) in interpolation(of: record, at: x) {
            if hasPointParts(record) {
                accumulatePointPart(record, point: p, times: c * weight, into: &target)
            }
            let residual = self.residual(of: record, point: p)
            guard residual.value > 0 else { continue }
            if identified >= 0 {
                target.add(identified + Int32(p), c * weight * residual.value)
            } else {
                target.addPrivate(c * weight * residual.value, inverseDof: residual.inverseDof)
            }
        }
    }

    // MARK: Points

    /// The anchor's standard uncertainty at `x` (linear between its stated points,
    /// clamped) and its 1/ν (the smallest dof of its points, conservatively).
    func anchorUncertainty(_ item: ItemIndex, at x: Double) -> (u: Double, inverseDof: Double) {
        let rows = network.anchorRows(of: item)
        guard !rows.isEmpty else { return (0, 0) }
        let inverseDof = rows.map { $0.dof.isFinite ? 1 / $0.dof : 0 }.max() ?? 0
        let values = rows.map { (nominal: $0.nominal, u: $0.expanded / PointUncertainty.statedK($0)) }
            .sorted { $0.nominal < $1.nominal }
        guard !x.isNaN else { return (values[0].u, inverseDof) }
        let weights = Self.interpolation(values.map(\.nominal), at: x)
        let u = weights.reduce(0.0) { $0 + $1.weight * values[$1.index].u }
        return (u, inverseDof)
    }

    /// The points of a record around `x` and their weights (one point at weight 1 at or
    /// beyond the ends).
    func interpolation(of record: RecordIndex, at x: Double) -> [(point: Int, weight: Double)] {
        let rows = network.pointRows(of: record)
        let order = rows.indices.sorted { rows[$0].nominal < rows[$1].nominal }
        return Self.interpolation(order.map { rows[$0].nominal }, at: x).map {
            (order[$0.index] - rows.startIndex, $0.weight)
        }
    }

    static func interpolation(_ nominals: [Double], at x: Double) -> [(index: Int, weight: Double)] {
        guard let first = nominals.first, let last = nominals.last else { return [] }
        if x.isNaN || x <= first { return [(0, 1)] }
        if x >= last { return [(nominals.count - 1, 1)] }
        var upper = 1
        while nominals[upper] < x { upper += 1 }
        let lower = upper - 1
        if nominals[upper] == x { return [(upper, 1)] }
        let w = (x - nominals[lower]) / (nominals[upper] - nominals[lower])
        return [(lower, 1 - w), (upper, w)]
    }

    /// The squared norm and Welch–Satterthwaite sum of the record's vector at point `p`
    /// without its own residual: what its references and budget support there.
    func supported(_ record: RecordIndex, point p: Int, common: VectorAccumulator?) -> (squares: Double, fourth: Double) {
        if !hasPointParts(record) {
            if let common { return (common.squaredNorm, common.fourthOverDof(table)) }
            if let position = selection.position(of: record), slot[position] >= 0 {
                let s = Int(slot[position])
                return (stored.squaredNorm[s], stored.fourthOverDof[s])
            }
        }
        var vector = VectorAccumulator(denseSlots: false)
        if let common {
            vector.add(common)
        } else if let position = selection.position(of: record), slot[position] >= 0 {
            stored.add(slot[position], times: 1, to: &vector)
        } else {
            accumulateCommon(record, into: &vector)
        }
        accumulatePointPart(record, point: p, times: 1, into: &vector)
        return (vector.squaredNorm, vector.fourthOverDof(table))
    }

    /// A record's own part at a point when it states U without a budget: the residual
    /// √(u_stated² − u_supported²), 0 when negative (a finding) or not applicable.
    func residual(of record: RecordIndex, point p: Int) -> (value: Double, inverseDof: Double) {
        guard network.budgetRows(of: record).isEmpty else { return (0, 0) }
        let rows = network.pointRows(of: record)
        let point = rows[rows.startIndex + p]
        guard point.hasStatedUncertainty else { return (0, 0) }
        let stated = point.expanded / PointUncertainty.statedK(point)
        let square = stated * stated - supported(record, point: p, common: nil).squares
        return (square > 0 ? square.squareRoot() : 0, point.dof.isFinite ? 1 / point.dof : 0)
    }

    /// The uncertainty at each point of a record whose common vector is `common`.
    func pointResults(of record: RecordIndex, common: VectorAccumulator) -> [PointUncertainty] {
        network.pointRows(of: record).enumerated().map { p, point in
            let (squares, fourth) = supported(record, point: p, common: common)
            let supported = PointUncertainty.computed(
                nominal: point.nominal, squared: squares, fourthOverDof: fourth, probability: probability)
            guard point.hasStatedUncertainty else { return supported }
            // A stated U is echoed as stated.
            let k = PointUncertainty.statedK(point)
            let dof: Double? = point.dof.isFinite ? point.dof : nil
            let coverage = point.coverage.isNaN ? StudentT.centralProbability(k, dof: dof) : point.coverage
            return PointUncertainty(
                nominal: point.nominal, u: point.expanded / k, dof: dof, k: k, expanded: point.expanded,
                coverage: coverage, isStated: true, supported: supported.u)
        }
    }
}
