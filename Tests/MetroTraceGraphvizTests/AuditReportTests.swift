import Foundation
import MetroTrace
import MetroTraceIO
import Testing

@testable import MetroTraceGraphviz

/// The HTML audit report: well-formed, self-contained, with every error finding and
/// every broken chain's diagram, and bounded in size on large inputs.
@Suite("Audit report")
struct AuditReportTests {
    static let loaded = ChainDiagramTests.loaded
    static let day = Day(iso: "2026-11-26")!

    static func report(maximumDiagrams: Int = 60) -> String {
        let analysis = TraceabilityAnalysis(network: loaded.network)
        var report = AuditReport(
            analysis: analysis, at: day, context: DiagramContext(datasetName: "sample", digest: "abc123"))
        report.maximumDiagrams = maximumDiagrams
        return report.html()
    }

    @Test("well-formed: the page parses as XML once the HTML doctype is set aside")
    func wellFormed() throws {
        let html = Self.report()
        let xml = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let root = try XMLTree.parse(Array(xml.utf8))
        #expect(root.name == "html")
        #expect(root.allDescendants(named: "section").count == 5)
    }

    @Test("every error finding and every broken chain's diagram is in it; nothing is fetched from elsewhere")
    func complete() throws {
        let html = Self.report()
        let analysis = TraceabilityAnalysis(network: Self.loaded.network)
        let broken = analysis.validity(at: Self.day).filter { $0.status == .broken }
        #expect(broken.count == 11)
        for validity in broken {
            let id = Self.loaded.network.id(of: validity.item)
            #expect(html.contains("id=\"\(AuditPage.anchor(id))\""), "no diagram for \(id)")
            for finding in analysis.findings(of: validity.item, at: Self.day) where finding.severity == .error {
                #expect(html.contains(HTMLPage.escape(finding.message)), "\(id): \(finding.rule.id) missing")
            }
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 11)
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"))
        for section in ["summary", "findings", "scope", "dues", "diagrams"] {
            #expect(html.contains("<section id=\"\(section)\">"))
        }
        #expect(html.contains("abc123") && html.contains("KD-TH-03"))  // digest; KD-TH-03 falls due on 2026-11-30
        #expect(html.contains("<th scope=\"col\">"))
    }

    @Test("large inputs: beyond the limits, broken chains are listed, not drawn, and dues are cut short")
    func bounded() {
        let html = Self.report(maximumDiagrams: 3)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("8 more broken chains are not drawn here"))
        #expect(html.utf8.count < Self.report().utf8.count)
        var report = AuditReport(
            analysis: TraceabilityAnalysis(network: Self.loaded.network), at: Self.day,
            context: DiagramContext(datasetName: "sample"))
        report.maximumDues = 1
        report.maximumDiagrams = 0
        let short = report.html()
        #expect(short.contains("… and 1 more; <code>metrotrace due</code> lists them all."))
        #expect(!short.contains("<svg"))
    }
}
