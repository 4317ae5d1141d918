import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// `metrotrace due DATASET --at D --within 30d`: what falls due, and what it would block.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: Help.text("help.due.abstract"),
        discussion: """
            Standards among them show the calibrations their expiry would block: items \
            calibrated with them whose own record runs out later, and everything downstream. \
            Items already overdue come first; items out of service (found out of tolerance \
            and not repaired, or retired) are listed apart, not as due. --lab keeps the \
            items a lab owns; --issuer those whose record in force a lab issued (what a \
            centre must recalibrate for its customers). --within takes days (30 or 30d), \
            weeks (6w), months (3m) or years (1y).
            Exit status: 0 nothing overdue, 1 something overdue, 2 invalid input.

            \(Help.text("help.examples"))
              metrotrace due data/jiangxi --at 2026-11-26 --within 3m
              metrotrace due data/jiangxi --issuer JXIM --within 1y --format csv -o plan.csv
              metrotrace due data/jiangxi --lab ENV --format ics -o ENV.ics
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: "The window: 30d, 6w, 3m, 1y.")
    var within: String = "30d"

    @Option(help: "Only items owned by this lab.")
    var lab: String?

    @Option(help: "Only items whose record in force this lab issued.")
    var issuer: String?

    @Option(help: "Output format: table, json, csv or ics.")
    var format: DueFormat = .table

    @Option(name: [.short, .customLong("output")], help: "The file to write (default: standard output).")
    var output: String?

    enum DueFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, ics
    }

    /// The window in days from its text.
    static func days(_ text: String, from day: Day) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last else { return nil }
        let numberPart = unit.isNumber ? trimmed : String(trimmed.dropLast())
        guard let number = Int(numberPart), number >= 0, number <= 36_500 else { return nil }
        switch unit {
        case "d": return number
        case _ where unit.isNumber: return number
        case "w": return number * 7
        case "m": return day.distance(to: day.adding(months: number))
        case "y": return day.distance(to: day.adding(months: 12 * number))
        default: return nil
        }
    }

    func run() throws {
        let (loaded, analysis, _) = try options.analyse()
        guard let days = Self.days(within, from: options.day) else {
            Output.error("--within \"\(within)\": expected days (30 or 30d), weeks (6w), months (3m) or years (1y)")
            throw ExitStatus.invalidInput.exitCode
        }
        let network = loaded.network
        let owner = try Lookup.lab(lab, in: network, dataset: options.dataset).flatMap(network.lab(id:))
        let issuing = try Lookup.lab(issuer, in: network, dataset: options.dataset).flatMap(network.lab(id:))
        let report = DueReport(
            network: network, plan: analysis.duePlan(at: options.day, within: days, lab: owner, issuer: issuing))
        let terminal = options.display.terminal
        if format == .table, output == nil {
            terminal.show(report.text(terminal.text))
            if report.hasOverdue { throw ExitStatus.findings.exitCode }
            return
        }
        let text =
            switch format {
            case .table: report.text()
            case .json: report.json().rendered()
            case .csv: report.csv()
            case .ics: report.ics()
            }
        try Output.write(text, to: output)
        if report.hasOverdue { throw ExitStatus.findings.exitCode }
    }
}
