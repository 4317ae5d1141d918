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
    /// The network propagated (a placeholder while the propagator is kept in the
    /// network's own cache: ``RecordResults/detached()``).
    var network: Network
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
    /// The point parts of the record being propagated, kept for their storage.
    var partsScratch: [PointPart] = []

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
            for row in network.referenceRange(of: record) {
                let reference = network.references[row]
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

    /// Propagates one record: computes its common vector into `accumulator` and what
    /// each point adds, stores them when others use the record, and returns what its
    /// references and budget support at each point (squares, Σv⁴/ν).
    @discardableResult
    mutating func propagate(_ record: RecordIndex) -> [(squares: Double, fourth: Double)] {
        var supported: [(squares: Double, fourth: Double)] = []
        propagate(record, supported: &supported)
        return supported
    }

    /// ``propagate(_:)`` writing what the record's references and budget support at each
    /// point into `supported`, whose storage is reused from record to record.
    mutating func propagate(_ record: RecordIndex, supported: inout [(squares: Double, fourth: Double)]) {
        // The accumulator and the parts are swapped out while `self` is read, so that
        // they are neither copied nor retained.
        var common = VectorAccumulator(denseSlots: false)
        swap(&common, &accumulator)
        var parts: [PointPart] = []
        swap(&parts, &partsScratch)
        common.reset()
        parts.removeAll(keepingCapacity: true)
        accumulateCommon(record, into: &common)
        supportedPoints(record, common: common, parts: &parts, into: &supported)
        defer {
            swap(&common, &accumulator)
            swap(&parts, &partsScratch)
        }
        guard let position = selection.position(of: record), rowUses[position] > 0 else { return }
        if rowUses[position] > 1 {
            // Shared: everything it carries privately becomes one identified lump.
            let squares = common.privateSquares
            let lump = table.add(
                .record(record), inverseDof: squares > 0 ? common.privateFourth / (squares * squares) : 0)
            if squares > 0 { common.add(lump, squares.squareRoot()) }
            common.privateSquares = 0
            common.privateFourth = 0
            _ = table.add(.drift(record), inverseDof: 0)
            sharedBase[position] = lump
        }
        let rows = network.pointRange(of: record)
        if residualUses[position] > 1 {
            residualBase[position] = Int32(table.count)
            for row in rows {
                let dof = network.points[row].dof
                _ = table.add(.residual(record, point: row - rows.lowerBound), inverseDof: dof.isFinite ? 1 / dof : 0)
            }
        }
        slot[position] = stored.store(common, table: table)
        let hasBudget = hasBudget(record)
        for row in rows {
            let p = row - rows.lowerBound
            stored.storePoint(
                part: parts.isEmpty ? PointPart() : parts[p],
                residual: Self.residual(network.points[row], supported: supported[p].squares, hasBudget: hasBudget),
                supported: supported[p])
        }
        stored.finishPoints()
    }

    /// What the references and budget support at each point: the common vector plus the
    /// point's part. `parts` receives the parts when the record has references used at
    /// each point.
    func supportedPoints(
        _ record: RecordIndex, common: VectorAccumulator, parts: inout [PointPart],
        into supported: inout [(squares: Double, fourth: Double)]
    ) {
        let own = (squares: common.squaredNorm, fourth: common.fourthOverDof(table))
        let count = network.pointRange(of: record).count
        supported.removeAll(keepingCapacity: true)
        guard hasPointParts(record) else {
            for _ in 0..<count { supported.append(own) }
            return
        }
        for p in 0..<count {
            var part = PointPart()
            accumulatePointPart(record, point: p, times: 1, into: &part)
            parts.append(part)
            supported.append(part.combined(with: common, own, table: table))
        }
    }

    /// Adds the record's common part: references used at one value (whole), references
    /// used at each point (their common part and drift), and its own budget.
    func accumulateCommon(_ record: RecordIndex, into target: inout some ComponentTarget) {
        let day = network.recordDate[record.int]
        for row in network.referenceRange(of: record) {
            let reference = network.references[row]
            let resolution = network.resolve(reference, of: record)
            if reference.isUsedAtEachPoint {
                addCommon(reference.item, times: reference.sensitivity, on: day, standingOn: resolution, to: &target)
            } else {
                add(
                    reference.item, at: reference.at, times: reference.sensitivity, on: day,
                    standingOn: resolution, to: &target)
            }
        }
        let (squares, fourth) = ownBudget(record)
        target.addPrivate(squares: squares, fourth: fourth, coefficient: 1)
    }

    /// Adds the part of point `p` of the record that is not common: what references used
    /// at each point contribute at that point's nominal value (not the record's own
    /// residual).
    func accumulatePointPart(
        _ record: RecordIndex, point p: Int, times c: Double, into target: inout some ComponentTarget
    ) {
        let nominal = network.points[network.pointRange(of: record).lowerBound + p].nominal
        for row in network.referenceRange(of: record) where network.references[row].isUsedAtEachPoint {
            let reference = network.references[row]
            let coefficient = c * reference.sensitivity
            switch network.resolve(reference, of: record) {
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
        network.referenceRange(of: record).contains { network.references[$0].isUsedAtEachPoint }
    }

    func hasBudget(_ record: RecordIndex) -> Bool { !network.budgetRange(of: record).isEmpty }

    /// The record's own budget as (Σ(cᵢuᵢ)², Σ(cᵢuᵢ)⁴/νᵢ): its lines always scale
    /// together, so they act as one component.
    func ownBudget(_ record: RecordIndex) -> (Double, Double) {
        var squares = 0.0
        var fourth = 0.0
        for row in network.budgetRange(of: record) {
            let line = network.budget[row]
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
        to target: inout some ComponentTarget
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
        to target: inout some ComponentTarget
    ) {
        guard case .record(let used) = resolution, let position = selection.position(of: used),
            slot[position] >= 0
        else { return }
        stored.add(slot[position], times: c, to: &target)
        let drift = drift(of: item, since: used, on: day, times: c)
        if drift != 0 {
            let shared = sharedBase[position]
            if shared >= 0 { target.add(shared + 1, drift) } else { target.addPrivate(drift, inverseDof: 0) }
        }
    }

    /// c × the standard uncertainty an item's drift adds between its record and `day`:
    /// its drift per year times the years, as a rectangular distribution (÷ √3).
    func drift(of item: ItemIndex, since record: RecordIndex, on day: Day, times c: Double = 1) -> Double {
        let rate = network.itemDriftPerYear[item.int]
        guard rate != 0 else { return 0 }
        let years = Double(day.ordinal - network.recordDate[record.int].ordinal) / 365.25
        return c * rate * years / 3.0.squareRoot()
    }

    /// Adds c × the anchor's uncertainty at `x`.
    func addAnchor(_ item: ItemIndex, at x: Double, times c: Double, to target: inout some ComponentTarget) {
        let (u, inverseDof) = anchorUncertainty(item, at: x)
        guard u > 0 else { return }
        if let component = anchorComponent[item] {
            target.add(component, c * u)
        } else {
            target.addPrivate(c * u, inverseDof: inverseDof)
        }
    }

    /// Adds c × the stored record's point-dependent part at `x`: the linear
    /// interpolation of its two points around `x` (clamped at the ends), each with what
    /// references used at that point add and its own residual.
    func addResiduals(of record: RecordIndex, at x: Double, times c: Double, to target: inout some ComponentTarget) {
        guard let position = selection.position(of: record) else { return }
        let storedSlot = slot[position]
        guard storedSlot >= 0 else { return }
        let identified = residualBase[position]
        let bracket = Bracket(network.points, rows: network.pointRange(of: record), at: x)
        for k in 0..<bracket.count {
            let (p, weight) = bracket[k]
            stored.addPart(storedSlot, point: p, times: c * weight, to: &target)
            let index = stored.point(storedSlot, p)
            let residual = stored.residual[index]
            guard residual > 0 else { continue }
            if identified >= 0 {
                target.add(identified + Int32(p), c * weight * residual)
            } else {
                target.addPrivate(c * weight * residual, inverseDof: stored.residualInverseDof[index])
            }
        }
    }

    // MARK: Points

    /// The anchor's standard uncertainty at `x` (linear between its stated points,
    /// clamped) and its 1/ν (the smallest dof of its points, conservatively).
    func anchorUncertainty(_ item: ItemIndex, at x: Double) -> (u: Double, inverseDof: Double) {
        let rows = network.anchorRange(of: item)
        guard !rows.isEmpty else { return (0, 0) }
        var inverseDof = 0.0
        for row in rows where network.anchorPoints[row].dof.isFinite {
            inverseDof = max(inverseDof, 1 / network.anchorPoints[row].dof)
        }
        let bracket = Bracket(network.anchorPoints, rows: rows, at: x.isNaN ? -Double.infinity : x)
        var u = 0.0
        for k in 0..<bracket.count {
            let (p, weight) = bracket[k]
            let row = network.anchorPoints[rows.lowerBound + p]
            u += weight * row.expanded / PointUncertainty.statedK(row)
        }
        return (u, inverseDof)
    }

    /// A record's own part at a point when it states U without a budget: the residual
    /// √(u_stated² − u_supported²), 0 when negative (a finding) or not applicable.
    static func residual(_ point: PointRow, supported squares: Double, hasBudget: Bool) -> (
        value: Double, inverseDof: Double
    ) {
        guard !hasBudget, point.hasStatedUncertainty else { return (0, 0) }
        let stated = point.expanded / PointUncertainty.statedK(point)
        let square = stated * stated - squares
        return (square > 0 ? square.squareRoot() : 0, point.dof.isFinite ? 1 / point.dof : 0)
    }

    /// The uncertainty at each point of a record, given what its references and budget
    /// support there.
    func pointResults(of record: RecordIndex, supported: [(squares: Double, fourth: Double)]) -> [PointUncertainty] {
        var results: [PointUncertainty] = []
        appendPointResults(of: record, supported: supported, to: &results)
        return results
    }

    /// Appends ``pointResults(of:supported:)`` to `results`. Without `coverage`, points
    /// whose U is computed get no k and no U (NaN): Student's t quantile at their
    /// effective degrees of freedom is the dearest part of a point, and the analysis pass
    /// needs it only to compare U with a tolerance.
    func appendPointResults(
        of record: RecordIndex, supported: [(squares: Double, fourth: Double)], coverage: Bool = true,
        to results: inout [PointUncertainty]
    ) {
        let rows = network.pointRange(of: record)
        for row in rows {
            results.append(
                pointResult(network.points[row], supported: supported[row - rows.lowerBound], coverage: coverage))
        }
    }

    /// The uncertainty at one point: as stated, or computed from what is supported.
    func pointResult(_ point: PointRow, supported: (squares: Double, fourth: Double), coverage: Bool = true)
        -> PointUncertainty
    {
        let computed = PointUncertainty.computed(
            nominal: point.nominal, squared: supported.squares, fourthOverDof: supported.fourth,
            probability: coverage && !point.hasStatedUncertainty ? probability : nil)
        guard point.hasStatedUncertainty else { return computed }
        // A stated U is echoed as stated.
        let k = PointUncertainty.statedK(point)
        let dof: Double? = point.dof.isFinite ? point.dof : nil
        let coverage = point.coverage.isNaN ? StudentT.centralProbability(k, dof: dof) : point.coverage
        return PointUncertainty(
            nominal: point.nominal, u: point.expanded / k, dof: dof, k: k, expanded: point.expanded,
            coverage: coverage, isStated: true, supported: computed.u)
    }

    /// What a record's references and budget support at each point, from what was
    /// stored when it was propagated, or computed now for a record nobody uses.
    func supported(_ record: RecordIndex) -> [(squares: Double, fourth: Double)] {
        if let position = selection.position(of: record), slot[position] >= 0 {
            let s = slot[position]
            return network.pointRows(of: record).indices.map { offset in
                let index = stored.point(s, offset - network.pointRows(of: record).startIndex)
                return (stored.supportedSquares[index], stored.supportedFourth[index])
            }
        }
        var common = VectorAccumulator(denseSlots: false)
        accumulateCommon(record, into: &common)
        var parts: [PointPart] = []
        var supported: [(squares: Double, fourth: Double)] = []
        supportedPoints(record, common: common, parts: &parts, into: &supported)
        return supported
    }
}

/// The points of a record around a value and their weights: one point at weight 1 at or
/// beyond the ends (clamped), otherwise the two around it, linearly. No allocation: it
/// is computed for every reference of every record.
struct Bracket {
    private var first = (point: -1, weight: 0.0)
    private var second = (point: -1, weight: 0.0)
    /// How many points (0, 1 or 2).
    private(set) var count = 0

    /// The points in positions `rows` of `points` around `x`; positions are counted
    /// from the range's start.
    init(_ points: borrowing [PointRow], rows: Range<Int>, at x: Double) {
        var lower = -1, upper = -1, lowest = -1, highest = -1
        func nominal(_ p: Int) -> Double { points[rows.lowerBound + p].nominal }
        for p in 0..<rows.count {
            let value = nominal(p)
            if lowest < 0 || value < nominal(lowest) { lowest = p }
            if highest < 0 || value > nominal(highest) { highest = p }
            if value <= x, lower < 0 || value > nominal(lower) { lower = p }
            if value >= x, upper < 0 || value < nominal(upper) { upper = p }
        }
        guard lowest >= 0 else { return }
        if lower < 0 {
            (first, count) = ((lowest, 1), 1)
        } else if upper < 0 {
            (first, count) = ((highest, 1), 1)
        } else if lower == upper || nominal(lower) == nominal(upper) {
            (first, count) = ((lower, 1), 1)
        } else {
            let w = (x - nominal(lower)) / (nominal(upper) - nominal(lower))
            (first, second, count) = ((lower, 1 - w), (upper, w), 2)
        }
    }

    /// The k-th point and its weight.
    subscript(k: Int) -> (point: Int, weight: Double) { k == 0 ? first : second }
}
