import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace check DATASET --at DATE`: every item's traceability at a date.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: Help.text("help.check.abstract", width: 68),
        discussion: Help.text("help.check.discussion") + """

            \(Help.text("help.examples"))
              metrotrace check data/jiangxi --at 2026-11-26 --status broken
              metrotrace check data/jiangxi --lab NMAT --quantity mass --summary
              metrotrace check data/jiangxi --item 'ENV-*' --format json --lang en
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: Help.option("help.option.format.table-json"))
    var format: OutputFormat = .table

    @Flag(help: Help.option("help.option.check.budget"))
    var budget = false

    @Option(help: Help.option("help.check.status"))
    var status: [Status] = []

    @Option(help: Help.option("help.check.lab"))
    var lab: String?

    @Option(help: Help.option("help.check.quantity"))
    var quantity: String?

    @Option(help: Help.option("help.check.kind", "kinds", ItemKind.allCases.map(\.rawValue).joined(separator: ", ")))
    var kind: ItemKind?

    @Option(help: Help.option("help.check.item"))
    var item: String?

    @Flag(help: Help.option("help.check.summary"))
    var summary = false

    func run() throws {
        let (loaded, analysis, policyName) = try options.analyse()
        let network = loaded.network
        let filter = CheckFilter(
            statuses: Set(status), lab: try Lookup.lab(lab, in: network, dataset: options.dataset),
            quantity: try Lookup.quantity(quantity, in: network, dataset: options.dataset), kind: kind,
            itemPattern: item)
        var report = CheckReport(
            analysis: analysis, at: options.day, policyName: policyName,
            loadWarnings: loaded.warnings.warnings, filter: filter, findings: !summary)
        report.includesBudgets = budget
        report.includesItems = !summary
        let terminal = options.display.terminal
        switch format {
        case .table: terminal.show(summary ? report.summary(terminal.text) : report.table(terminal.text))
        case .json: report.writeJSON { Output.print($0) }
        }
        if report.hasErrors { throw ExitStatus.findings.exitCode }
    }
}
