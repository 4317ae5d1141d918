import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace report DATASET --at D -o report.html`: the audit report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the audit report: one self-contained HTML file to open in a browser or print.",
        discussion: """
            Summaries per industry and per lab, every error finding with its rule and the \
            chain diagram it belongs to (inline SVG, up to --diagrams of them), capability-scope \
            problems per lab, the records falling due within 30 days, and the dataset's \
            digest and the policy. No external assets.
            Exit status: 0 no error findings, 1 error findings, 2 invalid input.
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(name: [.short, .customLong("output")], help: "The HTML file to write.")
    var output: String

    @Option(help: "How many broken chains to draw at most (0 or more).")
    var diagrams: Int = 60

    func validate() throws {
        guard diagrams >= 0 else { throw ValidationError("--diagrams must be 0 or more, found \(diagrams)") }
    }

    func run() throws {
        let (loaded, analysis, policyName) = try options.analyse()
        var report = AuditReport(
            analysis: analysis, at: options.day, context: options.diagramContext(loaded, policyName: policyName))
        report.maximumDiagrams = diagrams
        let html = report.html()
        try Output.write(html, to: output)
        Output.error("audit report written to \(output) (\(html.utf8.count >> 10) KiB)")
        if analysis.validity(at: options.day).contains(where: { $0.status == .broken }) {
            throw ExitStatus.findings.exitCode
        }
    }
}
