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
        // Overdue, suspect, summary, errors, warnings, scope, dues, diagrams, sign-off.
        #expect(root.allDescendants(named: "section").count == 9)
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

    @Test("in Chinese: lang zh-Hans, every section titled in Chinese, the findings in Chinese, Chinese page numbers")
    func chinese() {
        var report = AuditReport(
            analysis: CulpritDiagramTests.analysis, at: CulpritDiagramTests.day,
            context: DiagramContext(datasetName: "江西", language: .simplifiedChinese))
        report.maximumDiagrams = 2
        let html = report.html()
        #expect(html.contains("<html lang=\"zh-Hans\">"))
        for title in ["已超期", "存疑记录（反向追溯）", "概况", "错误", "警告", "各单位的能力范围问题", "即将到期", "溯源中断的链", "签署", "编制", "审核", "批准"] {
            #expect(html.contains(title), "\(title)")
        }
        for english in [
            "Overdue", "Suspect records", "Summary", "Error findings", "Sign-off", "Prepared by", "was due on",
            "Page \"",
        ] {
            #expect(!html.contains(english), "\(english) left in the Chinese report")
        }
        #expect(html.contains("所用标准 ENV-P-WS1 的记录 JXIM-P-2025-0014 有效期至 2026-05-19"))
        #expect(html.contains("content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\""))
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
        #expect(short.contains("… and 1 more; metrotrace due lists them all."))
        #expect(!short.contains("<svg"))
    }

    @Test("on Jiangxi: every suspect and overdue item, the window of doubt, the sign-off block, A4 print layout")
    func auditorsSections() throws {
        let jiangxi = CulpritDiagramTests.loaded.network
        let analysis = jiangxi.analysis()
        var report = AuditReport(
            analysis: analysis, at: Self.day,
            context: DiagramContext(datasetName: jiangxi.name, digest: "0123456789abcdef"))
        report.signatures = AuditReport.Signatures(prepared: "李明", approved: "王芳")
        let html = report.html()
        func section(_ id: String) throws -> String {
            let start = try #require(html.range(of: "<section id=\"\(id)\">"))
            let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
            return String(html[start.upperBound..<end.lowerBound])
        }
        // Every suspect item of the network, with the standard and its window [G, F].
        let suspects = try section("suspect")
        let suspectItems = analysis.validity(at: Self.day).filter { validity in
            analysis.findings(of: validity.item, at: Self.day).contains { $0.rule == .suspect }
        }.map { jiangxi.id(of: $0.item) }
        #expect(suspectItems.count == 6)
        for item in suspectItems { #expect(suspects.contains(item), "suspect \(item) missing") }
        #expect(suspects.contains("NMAT-M-WS1") && suspects.contains("2026-01-15 – 2026-08-20"))
        #expect(suspects.contains("NMAT-M-WS1</span> → <span class=\"id\">NMAT-V-2026-0004 (NMAT-E1-M04)"))
        // Every overdue item, at the top, with how long.
        let overdue = try section("overdue")
        let plan = analysis.duePlan(at: Self.day, within: 30)
        #expect(!plan.overdue.isEmpty)
        for entry in plan.overdue { #expect(overdue.contains(jiangxi.id(of: entry.item))) }
        #expect(overdue.contains("ENV-P-WS1") && overdue.contains("191 days"))
        #expect(html.range(of: "id=\"overdue\"")!.lowerBound < html.range(of: "id=\"summary\"")!.lowerBound)
        #expect(!html.contains("Nothing falls due"))
        // Every finding of a chain that is not valid is listed, errors and warnings.
        for validity in analysis.validity(at: Self.day) where validity.status != .valid {
            for finding in analysis.findings(of: validity.item, at: Self.day) where finding.severity != .info {
                #expect(
                    html.contains(HTMLPage.escape(finding.message)), "\(finding.rule.id) of \(finding.item) missing")
            }
        }
        // Number, sign-off, print layout, ids kept whole.
        #expect(html.contains("MT-2026-11-26-01234567"))
        let signOff = try section("sign-off")
        #expect(signOff.contains("编制") && signOff.contains("审核") && signOff.contains("批准"))
        #expect(signOff.contains("李明") && signOff.contains("王芳"))
        #expect(html.contains("@page") && html.contains("size: A4") && html.contains("counter(page)"))
        #expect(html.contains(".id { white-space: nowrap; }"))
        #expect(html.contains("<td class=\"id\">JXIM-P-2025-0014</td>"))
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test("a report number with quotes cannot break out of the print stylesheet")
    func hostileNumber() {
        #expect(AuditPage.cssString("a\"b</style>") == "a\\22 b\\3c /style\\3e ")
    }
}
