import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace report DATASET --at D -o report.html`: the audit report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: Help.text("help.report.abstract"),
        discussion: """
            The overdue items first, the suspect records of every standard found out of \
            tolerance (the window from its last good calibration, the path to each affected \
            item), summaries per industry and per lab, every error finding with its rule and \
            the chain diagram it belongs to (inline SVG, up to --diagrams of them), \
            capability-scope problems per lab, the records falling due within 30 days, the \
            dataset's digest and the policy, and a sign-off block (编制 / 审核 / 批准). A4 print \
            layout with the report number and page numbers. No external assets.
            Exit status: 0 no error findings, 1 error findings, 2 invalid input.

            \(Help.text("help.examples"))
              metrotrace report data/jiangxi --at 2026-11-26 -o report.html
              metrotrace report data/jiangxi -o 报告.html --lang zh-Hans --prepared-by 张三 --reviewed-by 李四 --approved-by 王五
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(name: [.short, .customLong("output")], help: "The HTML file to write.")
    var output: String

    @Option(help: "How many broken chains to draw at most (0 or more).")
    var diagrams: Int = 60

    @Option(help: "The report number (default: MT-<date>-<first 8 digits of the dataset's SHA-256>).")
    var number: String?

    @Option(help: "Who prepared the report (编制).")
    var preparedBy: String?

    @Option(help: "Who reviewed it (审核).")
    var reviewedBy: String?

    @Option(help: "Who approved it (批准).")
    var approvedBy: String?

    func validate() throws {
        guard diagrams >= 0 else { throw ValidationError("--diagrams must be 0 or more, found \(diagrams)") }
    }

    func run() throws {
        let (loaded, analysis, policyName) = try options.analyse()
        var report = AuditReport(
            analysis: analysis, at: options.day, context: options.diagramContext(loaded, policyName: policyName))
        report.maximumDiagrams = diagrams
        report.number = number
        report.signatures = AuditReport.Signatures(prepared: preparedBy, reviewed: reviewedBy, approved: approvedBy)
        let html = report.html()
        try Output.write(html, to: output)
        Output.error("audit report written to \(output) (\(html.utf8.count >> 10) KiB)")
        if analysis.validity(at: options.day).contains(where: { $0.status == .broken }) {
            throw ExitStatus.findings.exitCode
        }
    }
}
