import Testing

@testable import MetroTrace

@Suite("Rules frozen into snapshots")
struct FrozenRulesTests {
    @Test("the snapshot format version is tied to the rules whose results snapshots store")
    func fingerprint() {
        let found = FrozenRules.fingerprint()
        #expect(
            found == NetworkSnapshot.frozenRulesFingerprint,
            """
            The anchor rule, the numbering of records or the settling of references changed: \
            snapshots written before would keep the old answers. Raise \
            NetworkSnapshot.formatVersion (now \(NetworkSnapshot.formatVersion)) and set \
            NetworkSnapshot.frozenRulesFingerprint to 0x\(String(found, radix: 16)).
            """)
    }

    @Test("the fingerprint sees a change of the anchor rule and of the cases it is made of")
    func sensitive() {
        var outcomes: [UInt8] = []
        FrozenRules.anchorOutcomes(into: &outcomes)
        #expect(outcomes.count > 1000)
        var networks: [UInt8] = []
        FrozenRules.freezeOutcomes(seed: 1, into: &networks)
        var other: [UInt8] = []
        FrozenRules.freezeOutcomes(seed: 2, into: &other)
        #expect(!networks.isEmpty && networks != other)
        for seed in 1...24 {
            var outcomes: [UInt8] = []
            FrozenRules.freezeOutcomes(seed: UInt64(seed), into: &outcomes)
            #expect(!String(decoding: outcomes, as: UTF8.self).contains("unbuildable"), "seed \(seed)")
        }
        #expect(FrozenRules.fingerprint() == FrozenRules.fingerprint())
    }
}
