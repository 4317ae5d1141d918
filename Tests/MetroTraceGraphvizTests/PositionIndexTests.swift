import Testing

@testable import MetroTraceGraphviz

@Suite("Position index")
struct PositionIndexTests {
    @Test(
        "positions found the same before and after the index switches from searching to hashing",
        arguments: [5, 32, 33, 500])
    func positions(count: Int) {
        var index = PositionIndex<String>()
        for n in 0..<count { #expect(index.append("node \(n)") == n) }
        #expect(index.count == count)
        for n in 0..<count { #expect(index.position(of: "node \(n)") == n) }
        #expect(index.position(of: "absent") == nil)
        #expect(index.keys.last == "node \(count - 1)")
    }
}
