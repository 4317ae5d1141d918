import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// The analysis pass propagates and judges on two threads for networks of more than two
/// blocks (``RecordPass``): everything it settles must equal the one-thread pass.
@Suite("Analysis on two threads")
struct PipelinedAnalysisTests {
    @Test("a generated network settles the same on two threads as on one", arguments: [RecordPass.blockSize, 97])
    func sameSettlement(blockSize: Int) throws {
        let text = try NetworkGenerator(instruments: 4_000, years: 3, seed: 11).text()
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(text.utf8), named: "generated.json", into: &builder)
        let network = try builder.build()
        #expect(network.recordCount > 3 * blockSize)
        let one = TraceabilityAnalysis(network: network, policy: Policy(), blockSize: blockSize, pipelined: false)
        let two = TraceabilityAnalysis(network: network, policy: Policy(), blockSize: blockSize, pipelined: true)
        #expect(one.judged.sound == two.judged.sound)
        #expect(one.judged.upstreamWorst == two.judged.upstreamWorst)
        #expect(one.judged.findingStart == two.judged.findingStart)
        // Bit patterns: unused numbers are NaN, which equals nothing.
        let sameFindings = one.judged.findings.map(Self.bits) == two.judged.findings.map(Self.bits)
        #expect(sameFindings, "the findings differ")
        #expect(one.judged.suspectSince == two.judged.suspectSince)
        #expect(one.judged.findings.count > 1_000)
        var differing = 0
        for record in network.recordIndices where one.uncertainty(of: record) != two.uncertainty(of: record) {
            differing += 1
        }
        #expect(differing == 0, "\(differing) records' uncertainties differ")
        let day = Day(year: 2026, month: 12, day: 31)!
        #expect(one.validity(at: day) == two.validity(at: day))
    }

    /// A finding as text, its numbers by bit pattern.
    static func bits(_ finding: FindingCode) -> String {
        "\(finding.rule.rawValue) \(finding.severity) \(finding.record) \(finding.subject) \(finding.detail) "
            + "\(finding.value.bitPattern) \(finding.limit.bitPattern) \(finding.day?.ordinal ?? .min)"
    }
}
