/// What an identified uncertainty component is.
public enum ComponentOrigin: Hashable, Sendable {
    /// An anchor's realised uncertainty.
    case anchor(ItemIndex)
    /// Everything a record used by several others contributes as a whole: its own
    /// budget and the components of its ancestors that reach it along one path only.
    case record(RecordIndex)
    /// The drift of a reference since the record, shared by the record's children.
    case drift(RecordIndex)
    /// A record's own part at one point when it states only U (the residual).
    case residual(RecordIndex, point: Int)
}

/// The identified components of a propagation: independent elementary sources (or
/// exact lumps of them) with their inverse degrees of freedom (0 for infinite).
///
/// A lump of components c_i, always scaled together, is exact for covariances (dot
/// products) and for Welch–Satterthwaite: its value is √Σc_i² and its 1/ν is
/// Σ(c_i⁴/ν_i) / (Σc_i²)², so that value⁴/ν = Σ c_i⁴/ν_i under any scaling.
struct ComponentTable: Sendable {
    var inverseDof: [Double] = []
    var origin: [ComponentOrigin] = []

    mutating func add(_ origin: ComponentOrigin, inverseDof: Double) -> Int32 {
        self.origin.append(origin)
        self.inverseDof.append(inverseDof)
        return Int32(self.origin.count - 1)
    }

    var count: Int { origin.count }
}

/// A sparse vector over identified components plus a private part: components that
/// reach this result along one path only, kept as Σv² and Σv⁴/ν. Nothing downstream
/// can meet them again, so they never enter a covariance.
struct VectorAccumulator: ComponentTarget, Sendable {
    /// Whether positions are found through a dense array over all components (fast for
    /// a whole-network pass) or a small dictionary (cheap to create for one query).
    let denseSlots: Bool
    /// Position of each component in `components`, or -1 (dense mode).
    private var slot: [Int32] = []
    /// Position of each component in `components` (sparse mode).
    private var positions: [Int32: Int32] = [:]
    private(set) var components: [Int32] = []
    private(set) var values: [Double] = []
    var privateSquares = 0.0
    var privateFourth = 0.0

    init(denseSlots: Bool) { self.denseSlots = denseSlots }

    mutating func reset() {
        if denseSlots {
            for component in components { slot[Int(component)] = -1 }
        } else {
            positions.removeAll(keepingCapacity: true)
        }
        components.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        privateSquares = 0
        privateFourth = 0
    }

    /// Adds `value` of an identified component.
    @inline(__always)
    mutating func add(_ component: Int32, _ value: Double) {
        let position = position(of: component)
        if position >= 0 {
            values[Int(position)] += value
            return
        }
        if denseSlots {
            if Int(component) >= slot.count {
                slot.append(contentsOf: repeatElement(-1, count: Int(component) + 1 - slot.count + 1024))
            }
            slot[Int(component)] = Int32(components.count)
        } else if components.count == Self.searchLimit {
            for (position, existing) in components.enumerated() { positions[existing] = Int32(position) }
            positions[component] = Int32(components.count)
        } else if components.count > Self.searchLimit {
            positions[component] = Int32(components.count)
        }
        components.append(component)
        values.append(value)
    }

    /// Adds a private component of `value` with inverse degrees of freedom `inverseDof`.
    mutating func addPrivate(_ value: Double, inverseDof: Double) {
        let square = value * value
        privateSquares += square
        privateFourth += square * square * inverseDof
    }

    /// Adds another accumulator.
    mutating func add(_ other: VectorAccumulator) {
        for (component, value) in zip(other.components, other.values) { add(component, value) }
        privateSquares += other.privateSquares
        privateFourth += other.privateFourth
    }

    /// Adds a private part already summed (Σv², Σv⁴/ν), scaled by `coefficient`.
    mutating func addPrivate(squares: Double, fourth: Double, coefficient: Double) {
        let c2 = coefficient * coefficient
        privateSquares += c2 * squares
        privateFourth += c2 * c2 * fourth
    }

    /// u² = Σv² over every component.
    var squaredNorm: Double {
        var sum = privateSquares
        for value in values { sum += value * value }
        return sum
    }

    /// Σ v⁴/ν over every component, the Welch–Satterthwaite denominator.
    func fourthOverDof(_ table: ComponentTable) -> Double {
        var sum = privateFourth
        for (component, value) in zip(components, values) {
            let square = value * value
            sum += square * square * table.inverseDof[Int(component)]
        }
        return sum
    }

    /// The dot product with another accumulator (the covariance of the two results).
    func dot(_ other: VectorAccumulator) -> Double {
        var sum = 0.0
        for (component, value) in zip(components, values) {
            let position = other.position(of: component)
            if position >= 0 { sum += value * other.values[Int(position)] }
        }
        return sum
    }

    @inline(__always)
    func position(of component: Int32) -> Int32 {
        if denseSlots { return Int(component) < slot.count ? slot[Int(component)] : -1 }
        // Small vectors (most) are searched; larger ones get a dictionary.
        if components.count <= Self.searchLimit {
            for (position, existing) in components.enumerated() where existing == component { return Int32(position) }
            return -1
        }
        return positions[component] ?? -1
    }

    static let searchLimit = 16
}

/// The vectors of records that others use, in CSR form.
struct StoredVectors: Sendable {
    var start: [Int32] = [0]
    var components: [Int32] = []
    var values: [Double] = []
    var privateSquares: [Double] = []
    var privateFourth: [Double] = []
    var squaredNorm: [Double] = []
    var fourthOverDof: [Double] = []
    /// Per slot, its points (CSR into the per-point arrays below).
    var pointsStart: [Int32] = [0]
    /// Per stored point: what references used at each point add there (identified
    /// components only, CSR), the record's residual, and what the chain supports there.
    var partStart: [Int32] = [0]
    var partComponents: [Int32] = []
    var partValues: [Double] = []
    var residual: [Double] = []
    var residualInverseDof: [Double] = []
    var supportedSquares: [Double] = []
    var supportedFourth: [Double] = []

    /// Stores one point of the slot stored last.
    mutating func storePoint(part: PointPart, residual: (value: Double, inverseDof: Double),
                             supported: (squares: Double, fourth: Double))
    {
        partComponents.append(contentsOf: part.components)
        partValues.append(contentsOf: part.values)
        partStart.append(Int32(partComponents.count))
        self.residual.append(residual.value)
        residualInverseDof.append(residual.inverseDof)
        supportedSquares.append(supported.squares)
        supportedFourth.append(supported.fourth)
    }

    /// Closes the points of the slot stored last.
    mutating func finishPoints() { pointsStart.append(Int32(residual.count)) }

    /// The position of point `p` of `slot` in the per-point arrays.
    func point(_ slot: Int32, _ p: Int) -> Int { Int(pointsStart[Int(slot)]) + p }

    /// Adds `coefficient ×` the stored point part of `slot`'s point `p`.
    func addPart(_ slot: Int32, point p: Int, times coefficient: Double, to target: inout some ComponentTarget) {
        let position = point(slot, p)
        for i in Int(partStart[position])..<Int(partStart[position + 1]) {
            target.add(partComponents[i], coefficient * partValues[i])
        }
    }

    /// Stores the accumulator; returns its slot.
    mutating func store(_ vector: VectorAccumulator, table: ComponentTable) -> Int32 {
        components.append(contentsOf: vector.components)
        values.append(contentsOf: vector.values)
        start.append(Int32(components.count))
        privateSquares.append(vector.privateSquares)
        privateFourth.append(vector.privateFourth)
        squaredNorm.append(vector.squaredNorm)
        fourthOverDof.append(vector.fourthOverDof(table))
        return Int32(squaredNorm.count - 1)
    }

    /// Adds `coefficient ×` the stored vector in `slot` to `accumulator`.
    func add(_ slot: Int32, times coefficient: Double, to accumulator: inout some ComponentTarget) {
        let s = Int(slot)
        for i in Int(start[s])..<Int(start[s + 1]) {
            accumulator.add(components[i], coefficient * values[i])
        }
        accumulator.addPrivate(squares: privateSquares[s], fourth: privateFourth[s], coefficient: coefficient)
    }
}

/// Where component contributions are added.
protocol ComponentTarget {
    /// Adds `value` of an identified component.
    mutating func add(_ component: Int32, _ value: Double)
    /// Adds a private component of `value` with inverse degrees of freedom `inverseDof`.
    mutating func addPrivate(_ value: Double, inverseDof: Double)
    /// Adds a private part already summed (Σv², Σv⁴/ν), scaled by `coefficient`.
    mutating func addPrivate(squares: Double, fourth: Double, coefficient: Double)
}

/// The part of a record's vector at one point that references used at each point add:
/// a few identified components (their private parts are always identified; see
/// ``Propagator/countUses(of:)``), kept in a small array.
struct PointPart: ComponentTarget, Sendable {
    var components: [Int32] = []
    var values: [Double] = []

    mutating func add(_ component: Int32, _ value: Double) {
        if let position = components.firstIndex(of: component) {
            values[position] += value
        } else {
            components.append(component)
            values.append(value)
        }
    }

    mutating func addPrivate(_ value: Double, inverseDof: Double) {
        assert(value == 0, "point parts hold identified components only")
    }

    mutating func addPrivate(squares: Double, fourth: Double, coefficient: Double) {
        assert(squares == 0, "point parts hold identified components only")
    }

    mutating func removeAll() {
        components.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// ‖common + part‖² and Σv⁴/ν over the sum, without building it, given the
    /// common vector's own (squares, fourth).
    func combined(with common: VectorAccumulator, _ own: (squares: Double, fourth: Double), table: ComponentTable)
        -> (squares: Double, fourth: Double)
    {
        var (squares, fourth) = own
        for (component, value) in zip(components, values) {
            let position = common.position(of: component)
            let base = position >= 0 ? common.values[Int(position)] : 0
            let sum = base + value
            squares += sum * sum - base * base
            let inverseDof = table.inverseDof[Int(component)]
            if inverseDof > 0 {
                fourth += (sum * sum * sum * sum - base * base * base * base) * inverseDof
            }
        }
        return (squares, fourth)
    }
}
