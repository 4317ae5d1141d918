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

    @Test("hashing a buffer as it is read gives the same digest, however it is consumed")
    func incremental() {
        var random = SeededRandom(seed: 5)
        for count in [0, 7, 31, 32, 33, 100, 10_007] {
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let whole = bytes.withUnsafeBytes { XXHash64.hash($0, seed: 9) }
            for _ in 0..<20 {
                let ends = (0..<5).map { _ in Int(random.next() % UInt64(count + 40)) }.sorted()
                let pieces = bytes.withUnsafeBytes { buffer in
                    var hasher = XXHash64.Incremental(buffer, seed: 9)
                    for end in ends { hasher.consume(through: end) }
                    return hasher.finish()
                }
                #expect(pieces == whole, "\(count) bytes consumed through \(ends)")
            }
        }
    }
}
