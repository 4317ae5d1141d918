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
