import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace chain DATASET ITEM --at DATE`: one item's full traceability chain.
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: Help.text("help.chain.abstract", width: 68),
        discussion: Help.text("help.chain.discussion") + """


            \(Help.text("help.examples"))
              metrotrace chain data/jiangxi NMAT-E1-M04 --at 2026-11-26
              metrotrace chain data/sample NAP-TW-01 --at 2026-11-26 --budget
              metrotrace chain data/jiangxi ENV-E1-P02 --format json --lang en
              metrotrace chain centre.mtdb JXIM-M-REF --at 2026-09-01 --known-at 2026-09-01
              metrotrace chain centre.mtdb NMAT-E1-M04 --changes-since 2026-09-01
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: Help.option("help.option.item"))
    var item: String

    @Option(help: Help.option("help.option.format.text-json"))
    var format: ChainFormat = .text

    @Flag(
        help: Help.option("help.option.chain.budget")
    )
    var budget = false

    @Option(name: .customLong("changes-since"), help: Help.option("help.option.chain.changes-since"))
    var changesSince: String?

    enum ChainFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        if let changesSince { return try runChanges(since: changesSince) }
        let (_, index, analysis, policyName) = try options.analyseChains(of: item)
        let report = ChainReport(
            analysis: analysis, item: index, at: options.day, policyName: policyName, showsBudget: budget)
        switch format {
        case .text:
            let terminal = options.display.terminal
            terminal.show(report.text(terminal.text))
        case .json: Output.print(report.json().rendered())
        }
        if report.chain.status == .broken { throw ExitStatus.findings.exitCode }
    }
}
