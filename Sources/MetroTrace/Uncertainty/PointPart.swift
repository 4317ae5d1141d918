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
