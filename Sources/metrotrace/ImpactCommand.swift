import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace impact DATASET STANDARD --found-out-of-tolerance DATE`: reverse traceability.
struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: Help.text("help.impact.abstract", width: 68),
        discussion: Help.text("help.impact.discussion") + """


            \(Help.text("help.examples"))
              metrotrace impact data/jiangxi NMAT-M-WS1 --at 2026-11-26
              metrotrace impact data/jiangxi JXIM-M-REF --found-out-of-tolerance 2026-10-01 --deviation '0.2 mg'
              metrotrace impact data/jiangxi JXIM-M-REF --found-out-of-tolerance 2026-10-01 --format html -o impact.html
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: Help.option("help.option.impact.standard"))
    var standard: String

    @Option(
        name: .customLong("found-out-of-tolerance"),
        help: Help.option("help.option.impact.found")
    )
    var found: Day?

    @Option(help: Help.option("help.option.impact.deviation"))
    var deviation: String?

    @Option(
        help: Help.option("help.option.impact.format")
    )
    var format: ImpactFormat = .table

    @Option(name: [.short, .customLong("output")], help: Help.option("help.option.output"))
    var output: String?

    enum ImpactFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, dot, svg, png, pdf, html

        /// The diagram format, for the formats that draw the tree.
        var diagram: DiagramFormat? {
            switch self {
            case .table, .json: nil
            case .dot: .dot
            case .svg: .svg
            case .png: .png
            case .pdf: .pdf
            case .html: .html
            }
        }
    }

    func run() throws {
        let (loaded, analysis, policyName) = try options.analyse()
        let index = try Lookup.item(standard, in: loaded.network, dataset: options.dataset)
        var shift: QuantityValue?
        if let deviation {
            do throws(UnitError) {
                shift = try QuantityValue.parse(deviation, scale: .interval)
            } catch {
                Output.say("cli.impact.deviation-unreadable", ("text", .literal(deviation)), ("problem", error.text))
                throw ExitStatus.invalidInput.exitCode
            }
            // An error of another quantity than the standard's says nothing about what it
            // calibrated: it would silently match no item.
            let quantity = loaded.network.quantity(of: index)
            if let shift, shift.dimension != quantity.dimension {
                Output.say(
                    "cli.impact.deviation-dimension", ("text", .literal(deviation)),
                    ("dimension", shift.dimension.explainedText), ("standard", .literal(standard)),
                    ("quantity", .quantity(quantity.name)), ("expected", .literal(quantity.dimension.description)),
                    ("unit", .literal(loaded.network.unit(of: index).symbol)))
                throw ExitStatus.invalidInput.exitCode
            }
        }
        guard let found = found ?? loaded.network.lastOutOfTolerance(of: index, onOrBefore: options.day) else {
            Output.say(
                "cli.impact.no-event", ("dataset", .literal(options.dataset)), ("standard", .literal(standard)),
                ("date", .literal("\(options.day)")))
            throw ExitStatus.invalidInput.exitCode
        }
        let impact = analysis.impact(of: index, foundOutOfToleranceAt: found, at: options.day)
        let report = ImpactReport(analysis: analysis, impact: impact, deviation: shift)
        switch format {
        case .table:
            if output == nil {
                let terminal = options.display.terminal
                terminal.show(report.text(terminal.text))
            } else {
                try Output.write(report.text(), to: output)
            }
        case .json: try Output.write(report.json().rendered(), to: output)
        case .dot, .svg, .png, .pdf, .html:
            let graph = ImpactDiagram.graph(
                impact, network: loaded.network, context: options.diagramContext(loaded, policyName: policyName))
            if format == .dot {
                try Output.write(graph.text, to: output)
            } else if let diagram = format.diagram {
                try DiagramOutput.write(graph, format: diagram, to: output)
            }
        }
        if report.stillAffected > 0 { throw ExitStatus.findings.exitCode }
    }
}
