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
            dated on or before it), its due date, and its status with the findings behind it.
            Exit status: 0 no error findings, 1 error findings, 2 invalid input.
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Flag(help: "With --format json: give each point's uncertainty budget (docs/json-output.md).")
    var budget = false

    func run() throws {
        let (loaded, analysis, policyName) = try options.analyse()
        var report = CheckReport(
            analysis: analysis, at: options.day, policyName: policyName,
            loadWarnings: loaded.warnings.warnings)
        report.includesBudgets = budget
        switch format {
        case .table: Output.print(report.table())
        case .json: report.writeJSON { Output.print($0) }
        }
        if report.hasErrors { throw ExitStatus.findings.exitCode }
    }
}
