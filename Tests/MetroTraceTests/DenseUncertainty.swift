@testable import MetroTrace

/// A dense reference for uncertainty propagation: every result is a full vector over
/// every elementary component (each anchor, each budget line, each residual, each drift),
/// with no folding or lumping, built by plain recursion on the dataset as written.
struct DenseUncertainty {
    let validity: ReferenceValidity
    var dataset: Dataset { validity.dataset }
    let probability: Double

    enum Component: Hashable {
        case anchor(String)
        case budget(record: Int, line: Int)
        case residual(record: Int, point: Int)
        case drift(record: Int)
    }

    typealias Vector = [Component: Double]

    /// 1/ν of each component.
    func inverseDof(_ component: Component) -> Double {
        switch component {
        case .anchor(let item):
            return validity.items[item]!.uncertainty.map { $0.expanded.dof.map { 1 / $0 } ?? 0 }.max() ?? 0
        case .budget(let r, let line):
            return dataset.calibrations[r].budget[line].dof.map { 1 / $0 } ?? 0
        case .residual(let r, let p):
            return dataset.calibrations[r].points[p].expanded?.dof.map { 1 / $0 } ?? 0
        case .drift:
            return 0
        }
    }

    static func add(_ vector: Vector, times c: Double, to target: inout Vector) {
        for (component, value) in vector { target[component, default: 0] += c * value }
    }

    static func squaredNorm(_ vector: Vector) -> Double { vector.values.reduce(0) { $0 + $1 * $1 } }

    func fourthOverDof(_ vector: Vector) -> Double {
        vector.reduce(0) { $0 + $1.value * $1.value * $1.value * $1.value * inverseDof($1.key) }
    }

    func statedK(_ expanded: ExpandedUncertainty) -> Double {
        if let k = expanded.k { return k }
        return PointUncertainty.coverageFactor(probability: expanded.coverage!, dof: expanded.dof)
    }

    /// The anchor's u at x, linear between its points, clamped.
    func anchorU(_ item: String, at x: Double) -> Double {
        let points = validity.items[item]!.uncertainty
            .map { (nominal: $0.nominal.si, u: $0.expanded.value.si / statedK($0.expanded)) }
            .sorted { $0.nominal < $1.nominal }
        return interpolate(points.map(\.nominal), at: x).reduce(0) { $0 + $1.1 * points[$1.0].u }
    }

    func interpolate(_ nominals: [Double], at x: Double) -> [(Int, Double)] {
        guard !nominals.isEmpty else { return [] }
        if x.isNaN || x <= nominals[0] { return [(0, 1)] }
        if x >= nominals[nominals.count - 1] { return [(nominals.count - 1, 1)] }
        let upper = nominals.firstIndex { $0 >= x }!
        if nominals[upper] == x { return [(upper, 1)] }
        let w = (x - nominals[upper - 1]) / (nominals[upper] - nominals[upper - 1])
        return [(upper - 1, 1 - w), (upper, w)]
    }

    /// What item `item` contributes, used at `x` on `day` by record `user` (nil: a query).
    func use(_ item: String, at x: Double, on day: Day, by user: Int?) -> Vector {
        var result: Vector = [:]
        if validity.anchorValid(item, day) == true {
            let u = anchorU(item, at: x)
            if u > 0 { result[.anchor(item)] = u }
            return result
        }
        guard let used = validity.inForce(item, day) else { return result }
        if let user, validity.inCycle(user), validity.inCycle(used) { return result }
        let points = dataset.calibrations[used].points
        let order = points.indices.sorted { points[$0].nominal.si < points[$1].nominal.si }
        for (position, weight) in interpolate(order.map { points[$0].nominal.si }, at: x) {
            Self.add(vector(used, point: order[position]), times: weight, to: &result)
        }
        if points.isEmpty { Self.add(vector(used, point: nil), times: 1, to: &result) }
        if let rate = validity.items[item]!.driftPerYear?.si, rate != 0 {
            let years = Double(day.ordinal - dataset.calibrations[used].date.ordinal) / 365.25
            result[.drift(record: used), default: 0] += rate * years / 3.0.squareRoot()
        }
        return result
    }

    /// The vector of record r at point p without its residual (what its references and
    /// budget support).
    func supported(_ r: Int, point p: Int?) -> Vector {
        let record = dataset.calibrations[r]
        var result: Vector = [:]
        for reference in record.references {
            let x: Double
            switch reference.at {
            case .value(let value): x = value.si
            case .eachPoint: x = p.map { record.points[$0].nominal.si } ?? .nan
            }
            Self.add(use(reference.item, at: x, on: record.date, by: r), times: reference.sensitivity.si, to: &result)
        }
        for (line, component) in record.budget.enumerated() {
            result[.budget(record: r, line: line), default: 0] +=
                component.sensitivity.si * component.standardUncertainty
        }
        return result
    }

    /// The full vector of record r at point p (nil: a record without points).
    func vector(_ r: Int, point p: Int?) -> Vector {
        var result = supported(r, point: p)
        let record = dataset.calibrations[r]
        if let p, record.budget.isEmpty, let expanded = record.points[p].expanded {
            let stated = expanded.value.si / statedK(expanded)
            let square = stated * stated - Self.squaredNorm(result)
            if square > 0 { result[.residual(record: r, point: p)] = square.squareRoot() }
        }
        return result
    }

    /// The per-point results of record r, as the analysis reports them.
    func results(_ r: Int) -> [PointUncertainty] {
        let record = dataset.calibrations[r]
        return record.points.indices.map { p in
            let base = supported(r, point: p)
            let squares = Self.squaredNorm(base)
            let computed = PointUncertainty.computed(
                nominal: record.points[p].nominal.si, squared: squares, fourthOverDof: fourthOverDof(base),
                probability: probability)
            guard let expanded = record.points[p].expanded else { return computed }
            let k = statedK(expanded)
            return PointUncertainty(
                nominal: computed.nominal, u: expanded.value.si / k, dof: expanded.dof, k: k,
                expanded: expanded.value.si,
                coverage: expanded.coverage ?? StudentT.centralProbability(k, dof: expanded.dof),
                isStated: true, supported: computed.u)
        }
    }
}
