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
    mutating func storePoint(
        part: PointPart, residual: (value: Double, inverseDof: Double),
        supported: (squares: Double, fourth: Double)
    ) {
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
