import Testing

@testable import MetroTrace

@Suite("Policy table")
struct PolicyTableTests {
    @Test("case positions follow allCases for every enum the table indexes")
    func casePositions() {
        #expect(Rule.allCases.enumerated().allSatisfy { casePosition($1) == $0 })
        #expect(Activity.allCases.enumerated().allSatisfy { casePosition($1) == $0 })
        #expect(ItemKind.allCases.enumerated().allSatisfy { casePosition($1) == $0 })
    }

    @Test("the table answers as the policy does, overrides included")
    func agreesWithPolicy() {
        var policy = Policy()
        policy.severities[.suspect] = .error
        policy.severities[.testUncertaintyRatio] = .info
        policy.maximumIntervalMonths[.instrument] = 12
        let table = PolicyTable(policy)
        for rule in Rule.allCases { #expect(table[rule] == policy.severity(of: rule)) }
        #expect(table.ratioThreshold(.verification)?.minimum == 3)
        #expect(table.ratioThreshold(.verification)?.severity == .info)
        #expect(table.maximumIntervalMonths(.instrument) == 12)
        #expect(table.maximumIntervalMonths(.workingStandard) == nil)
    }
}
