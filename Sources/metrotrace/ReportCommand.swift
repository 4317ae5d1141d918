import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace report DATASET --at D -o report.html`: the audit report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: Help.text("help.report.abstract", width: 68),
        discussion: Help.text("help.report.discussion") + """


            \(Help.text("help.examples"))
              metrotrace report data/jiangxi --at 2026-11-26 -o report.html
              metrotrace report data/jiangxi -o 报告.html --lang zh-Hans --prepared-by 张三 --reviewed-by 李四 --approved-by 王五
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(name: [.short, .customLong("output")], help: Help.option("help.option.report.output"))
    var output: String

    @Option(help: Help.option("help.option.report.diagrams"))
    var diagrams: Int = 60

    @Option(help: Help.option("help.option.report.number"))
    var number: String?

    @Option(help: Help.option("help.option.report.prepared"))
    var preparedBy: String?

    @Option(help: Help.option("help.option.report.reviewed"))
    var reviewedBy: String?

    @Option(help: Help.option("help.option.report.approved"))
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
        Output.say("cli.report.written", ("file", .literal(output)), ("size", Output.n(html.utf8.count >> 10)))
        if analysis.validity(at: options.day).contains(where: { $0.status == .broken }) {
            throw ExitStatus.findings.exitCode
        }
    }
}
