/// Where component contributions are added.
protocol ComponentTarget {
    /// Adds `value` of an identified component.
    mutating func add(_ component: Int32, _ value: Double)
    /// Adds a private component of `value` with inverse degrees of freedom `inverseDof`.
    mutating func addPrivate(_ value: Double, inverseDof: Double)
    /// Adds a private part already summed (Σv², Σv⁴/ν), scaled by `coefficient`.
    mutating func addPrivate(squares: Double, fourth: Double, coefficient: Double)
}
