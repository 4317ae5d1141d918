import Testing

@testable import MetroTrace

@Suite("Interned strings")
struct StringTableTests {
    @Test("the same string gets the same index through regrowth; different strings different ones")
    func interning() {
        var table = StringTable()
        var indices: [String: Int32] = [:]
        for n in 0..<50_000 {
            let text = n % 3 == 0 ? "记录-\(n)" : "R-\(n)"
            indices[text] = table.intern(text)
        }
        #expect(Set(indices.values).count == indices.count)
        for (text, index) in indices {
            #expect(table.intern(text) == index)
            #expect(table[index] == text)
        }
        #expect(table.strings.count == 50_000)
        #expect(table.intern("") == table.intern(""))
        #expect(table.intern(nil as String?) == -1)
    }

    @Test("reserving first gives the same indices")
    func reserved() {
        var plain = StringTable()
        var reserved = StringTable()
        reserved.reserveCapacity(10_000)
        for n in 0..<5_000 {
            #expect(plain.intern("id \(n % 2_500)") == reserved.intern("id \(n % 2_500)"))
        }
    }
}
