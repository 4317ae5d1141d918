import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace correlation DATASET ITEM_A ITEM_B --at DATE`: how two results are
/// correlated through shared standards.
struct CorrelationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correlation",
        abstract: Help.text("help.correlation.abstract", width: 68),
        discussion: Help.text("help.correlation.discussion") + """


            \(Help.text("help.examples"))
              metrotrace correlation data/sample LV-BAL-01 LV-BAL-02 --at 2026-11-26
              metrotrace correlation data/sample LV-BAL-01 LV-BAL-02 --format json
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: Help.option("help.option.correlation.first"))
    var first: String

    @Argument(help: Help.option("help.option.correlation.second"))
    var second: String

    @Option(help: Help.option("help.option.format.text-json"))
    var format: ChainCommand.ChainFormat = .text

    func run() throws {
        let (loaded, analysis, _) = try options.analyse()
        var items: [ItemIndex] = []
        for id in [first, second] {
            let index = try Lookup.item(id, in: loaded.network, dataset: options.dataset)
            items.append(index)
        }
        let report = CorrelationReport(analysis: analysis, first: items[0], second: items[1], at: options.day)
        switch format {
        case .text: Output.print(report.text(options.display.terminal.text))
        case .json: Output.print(report.json().rendered())
        }
        if report.breakdown == nil { throw ExitStatus.findings.exitCode }
    }
}
