import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace chain DATASET ITEM --at DATE`: one item's full traceability chain.
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: Help.text("help.chain.abstract"),
        discussion: """
            The item's record in force at the date, each reference's record in force at \
            that record's date, and so on up to the SI realisations, primary standards and \
            reference materials, with ✓/⚠/✗ and the findings of every link.
            Exit status: 0 no error findings, 1 error findings, 2 invalid input.

            \(Help.text("help.examples"))
              metrotrace chain data/jiangxi NMAT-E1-M04 --at 2026-11-26
              metrotrace chain data/sample NAP-TW-01 --at 2026-11-26 --budget
              metrotrace chain data/jiangxi ENV-E1-P02 --format json --lang en
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: "The item's id.")
    var item: String

    @Option(help: "Output format: text or json.")
    var format: ChainFormat = .text

    @Flag(
        help:
            "Show each link's uncertainty budget: every contribution with its origin, cᵢ, uᵢ, cᵢ·uᵢ, share of the variance, ν and type (the JSON always has it)."
    )
    var budget = false

    enum ChainFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let (loaded, analysis, policyName) = try options.analyse()
        let index = try Lookup.item(item, in: loaded.network, dataset: options.dataset)
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
