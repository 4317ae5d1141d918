/// A table from interned strings (by their index) to positions, as an array: the
/// builder's lookups by id touch it millions of times.
struct IndexByString {
    private var table: [Int32] = []

    init(count: Int = 0) { table = [Int32](repeating: -1, count: count) }

    subscript(string: Int32) -> Int32? {
        get {
            guard string >= 0, Int(string) < table.count else { return nil }
            let value = table[Int(string)]
            return value < 0 ? nil : value
        }
        set {
            guard string >= 0 else { return }
            if Int(string) >= table.count {
                table.append(contentsOf: repeatElement(-1, count: Int(string) + 1 - table.count))
            }
            table[Int(string)] = newValue ?? -1
        }
    }
}
