import Foundation
import Testing

@testable import MetroTrace

@Suite("Student's t coverage factors")
struct StudentTTests {
    // GUM table G.2 (p = 95.45 %, printed to 2 decimals) and common two-sided t tables.
    @Test(
        "agrees with GUM table G.2 at p = 95.45 %",
        arguments: [
            (1.0, 13.97), (2, 4.53), (3, 3.31), (4, 2.87), (5, 2.65), (6, 2.52), (7, 2.43),
            (8, 2.37), (9, 2.32), (10, 2.28), (15, 2.18), (20, 2.13), (25, 2.11), (30, 2.09),
            (35, 2.07), (40, 2.06), (45, 2.06), (50, 2.05), (100, 2.025),
        ])
    func gumTable(_ dof: Double, _ expected: Double) {
        let k = StudentT.coverageFactor(probability: StudentT.defaultProbability, dof: dof)
        #expect(abs(k - expected) <= 0.006, "t(\(dof)) = \(k)")
    }

    @Test(
        "agrees with tabulated t quantiles",
        arguments: [
            (0.95, 1.0, 12.7062), (0.95, 2, 4.3027), (0.95, 5, 2.5706), (0.95, 10, 2.2281),
            (0.95, 16, 2.1199), (0.95, 30, 2.0423), (0.99, 16, 2.9208), (0.99, 1, 63.6567),
            (0.99, 4, 4.6041), (0.6827, 10, 1.0526), (0.9973, 3, 9.2187), (0.90, 7, 1.8946),
        ])
    func tables(_ p: Double, _ dof: Double, _ expected: Double) {
        let k = StudentT.coverageFactor(probability: p, dof: dof)
        #expect(abs(k - expected) <= 5e-5 * expected, "t_\(p)(\(dof)) = \(k)")
    }

    @Test("k is exactly 2 at infinite dof for the default probability")
    func defaultIsTwo() {
        #expect(StudentT.coverageFactor(probability: StudentT.defaultProbability, dof: nil) == 2)
        #expect(abs(StudentT.coverageFactor(probability: 0.95, dof: nil) - 1.959964) < 1e-6)
        #expect(abs(StudentT.coverageFactor(probability: 0.99, dof: .infinity) - 2.575829) < 1e-6)
    }

    @Test("large dof approaches the normal quantile")
    func largeDof() {
        let k = StudentT.coverageFactor(probability: 0.95, dof: 1e6)
        #expect(abs(k - 1.959966) < 1e-5)
    }

    @Test("probability and quantile are inverse", arguments: [1.0, 2.5, 7, 18, 60, 400])
    func inverse(_ dof: Double) {
        for p in [0.5, 0.9, 0.95, 0.9545, 0.99, 0.999] {
            let k = StudentT.coverageFactor(probability: p, dof: dof)
            #expect(abs(StudentT.centralProbability(k, dof: dof) - p) < 1e-12)
        }
    }

    @Test("Newton from the Cornish–Fisher guess agrees with the bracketed solution")
    func fastPathAgrees() {
        for dof in [5.0, 6, 9, 17, 42, 150, 1_000, 12_345, 400_000] {
            for p in [0.6827, 0.9, 0.95, StudentT.defaultProbability, 0.99, 0.9973] {
                let logNormaliser = lgamma((dof + 1) / 2) - lgamma(dof / 2) - 0.5 * log(dof * Double.pi)
                let sure = StudentT.bracketedQuantile(probability: p, dof: dof, logNormaliser: logNormaliser)
                let fast = StudentT.solveQuantile(probability: p, dof: dof)
                #expect(
                    abs(fast - sure) <= 3 * StudentT.quantileTolerance * sure,
                    "ν = \(dof), p = \(p): \(fast) vs \(sure)")
                #expect(abs(StudentT.cornishFisher(probability: p, dof: dof) - sure) < 1e-2 * sure)
            }
        }
    }
}
