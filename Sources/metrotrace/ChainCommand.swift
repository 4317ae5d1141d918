import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace chain DATASET ITEM --at DATE`: one item's full traceability chain.
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Show an item's full traceability chain at a date, up to the anchors.",
        discussion: """
            The item's record in force at the date, each reference's record in force at \
            that record's date, and so on up to the SI realisations, primary standards and \
            reference materials, with ✓/⚠/✗ and the findings of every link.
            Exit status: 0 no error findings, 1 error findings, 2 invalid input.
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
        case .text: Output.print(report.text())
        case .json: Output.print(report.json().rendered())
        }
        if report.chain.status == .broken { throw ExitStatus.findings.exitCode }
    }
}
