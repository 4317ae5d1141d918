import Testing

@testable import MetroTrace

@Suite("How a budget line states its uncertainty")
struct BudgetLineRuleTests {
    static let mg = QuantityValue(1, try! Unit.parse("mg"), scale: .interval)
    typealias Field = BudgetLineRule.Field

    static func check(_ given: Set<Field>, distribution: Distribution? = nil)
        -> Result<BudgetComponent.Uncertainty, BudgetLineRule.Problem>?
    {
        BudgetLineRule.uncertainty(
            given: given.union(distribution == nil ? [] : [.distribution]),
            u: given.contains(.u) ? mg : nil, halfWidth: given.contains(.halfWidth) ? mg : nil,
            distribution: distribution)
    }

    @Test("u alone, or with a normal distribution, is a standard uncertainty")
    func standard() {
        #expect(Self.check([.u]) == .success(.standard(Self.mg)))
        #expect(Self.check([.u], distribution: .normal) == .success(.standard(Self.mg)))
    }

    @Test("a half-width needs its distribution")
    func halfWidth() {
        #expect(Self.check([.halfWidth], distribution: .triangular) == .success(.halfWidth(Self.mg, .triangular)))
        #expect(Self.check([.halfWidth]) == .failure(.halfWidthWithoutDistribution))
    }

    @Test("u with another distribution, both, or neither are problems reported at their field")
    func problems() {
        #expect(Self.check([.u], distribution: .rectangular) == .failure(.standardWithDistribution(.rectangular)))
        #expect(Self.check([.u, .halfWidth], distribution: .rectangular) == .failure(.both))
        #expect(Self.check([]) == .failure(.neither))
        #expect(BudgetLineRule.Problem.standardWithDistribution(.rectangular).field == .distribution)
        #expect(BudgetLineRule.Problem.halfWidthWithoutDistribution.field == .distribution)
        #expect(BudgetLineRule.Problem.both.field == .u && BudgetLineRule.Problem.neither.field == .u)
    }

    @Test("a field given but unreadable gives no second report")
    func unreadable() {
        #expect(BudgetLineRule.uncertainty(given: [.u], u: nil, halfWidth: nil, distribution: nil) == nil)
        #expect(
            BudgetLineRule.uncertainty(
                given: [.halfWidth, .distribution], u: nil, halfWidth: Self.mg, distribution: nil)
                == nil)
    }

    @Test("messages name fields as the format writes them")
    func naming() {
        let problem = BudgetLineRule.Problem.both
        #expect(problem.text { "\"\($0.rawValue)\"" }.description == #"give either "u" or "halfWidth", not both"#)
        #expect(
            problem.text { $0 == .halfWidth ? "half_width" : $0.rawValue }.description
                == "give either u or half_width, not both")
        #expect(
            problem.text { $0 == .halfWidth ? "half_width" : $0.rawValue }.rendered(in: .simplifiedChinese)
                == "u 与 half_width 只能给出其一")
    }
}

@Suite("How a point states its expanded uncertainty")
struct ExpandedUncertaintyRuleTests {
    static let mg = QuantityValue(1, try! Unit.parse("mg"), scale: .interval)

    @Test("U with k, coverage and dof; none at all; k or coverage without U is a problem at U")
    func cases() {
        #expect(
            ExpandedUncertaintyRule.expanded(givenU: true, value: Self.mg, k: 2, coverage: nil, dof: 9)
                == .success(ExpandedUncertainty(Self.mg, k: 2, dof: 9)))
        #expect(
            ExpandedUncertaintyRule.expanded(givenU: false, value: nil, k: nil, coverage: nil, dof: 9) == .success(nil))
        #expect(
            ExpandedUncertaintyRule.expanded(givenU: false, value: nil, k: 2, coverage: nil, dof: nil)
                == .failure(.factorWithoutU))
        #expect(
            ExpandedUncertaintyRule.expanded(givenU: false, value: nil, k: nil, coverage: 0.95, dof: nil)
                == .failure(.factorWithoutU))
        #expect(ExpandedUncertaintyRule.Problem.factorWithoutU.field == "U")
        #expect(ExpandedUncertaintyRule.Problem.factorWithoutU.text.description == "k or coverage is given without U")
    }

    @Test("a U that was given but could not be read is not reported a second time")
    func unreadable() {
        #expect(
            ExpandedUncertaintyRule.expanded(givenU: true, value: nil, k: 2, coverage: nil, dof: nil) == .success(nil))
    }
}
