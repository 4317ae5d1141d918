import Testing

@testable import MetroTrace

@Suite("XXH64")
struct XXHash64Tests {
    // Reference values from the xxHash specification's implementation (xxhsum -H64).
    @Test(
        "known digests",
        arguments: [
            ("", UInt64(0xEF46_DB37_51D8_E999)),
            ("a", 0xD24E_C4F1_A98C_6E5B),
            ("abc", 0x44BC_2CF5_AD77_0999),
            ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
        ])
    func known(_ text: String, _ expected: UInt64) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { XXHash64.hash($0) } == expected)
    }

    @Test("hashing in intervals gives the same digest and reports progress up to the end")
    func intervals() {
        var random = SeededRandom(seed: 5)
        let bytes = (0..<10_007).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let whole = bytes.withUnsafeBytes { XXHash64.hash($0, seed: 9) }
        for interval in [32, 100, 4096, 20_000] {
            var reported: [Int] = []
            let chunked = bytes.withUnsafeBytes {
                XXHash64.hash($0, seed: 9, interval: interval) { reported.append($0) }
            }
            #expect(chunked == whole)
            #expect(reported == reported.sorted() && (reported.last ?? 0) > bytes.count - 32)
        }
    }
}
