import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace check DATASET --at DATE`: every item's traceability at a date.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every item's traceability at a date.",
        discussion: """
            For every instrument and standard: its record in force at the date (the latest \
            dated on or before it), its due date, and its status with the findings behind it. \
            The filters keep the items that meet all of them; the summary, the JSON and the \
            exit status are of the items kept.
            Exit status: 0 no error findings, 1 error findings, 2 invalid input.

            Examples:
              metrotrace check data/jiangxi --at 2026-11-26 --status broken
              metrotrace check data/jiangxi --lab NMAT --quantity mass --summary
              metrotrace check data/jiangxi --item 'ENV-*' --format json --lang en
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Flag(help: "With --format json: give each point's uncertainty budget (docs/json-output.md).")
    var budget = false

    @Option(help: "List only items of this status: valid, warning or broken (repeatable).")
    var status: [Status] = []

    @Option(help: "List only items owned by this lab (its id).")
    var lab: String?

    @Option(help: "List only items of this quantity, e.g. mass.")
    var quantity: String?

    @Option(help: "List only items of this kind: \(ItemKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: ItemKind?

    @Option(help: "List only items whose id matches this pattern (*, ?, [...]; case-insensitive).")
    var item: String?

    @Flag(help: "Print the counts only.")
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
            loadWarnings: loaded.warnings.warnings, filter: filter)
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
