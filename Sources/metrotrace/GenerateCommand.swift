import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// `metrotrace generate --instruments N --years Y --seed S -o FILE`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: Help.text("help.generate.abstract"),
        discussion: """
            NIM primary standards → NMI reference standards → provincial institutes → industry \
            centres (the seven industries of the provincial guidance) → enterprise working \
            standards → instruments, over six quantities, with recalibration histories every \
            6–24 months and a share of expired, out-of-scope, out-of-tolerance, unanchored \
            and failed cases. The same parameters always give byte-identical output.

            \(Help.text("help.examples"))
              metrotrace generate --instruments 10000 --years 3 --seed 1 -o national.json
              metrotrace generate --instruments 1000000 -o big.json && metrotrace compile big.json -o big.mtnet
            """
    )

    @Option(help: "How many instruments (1 to 50,000,000).")
    var instruments: Int

    @Option(help: "Years of history (1 to 50).")
    var years: Int = 3

    @Option(help: "The seed of the pseudo-random choices.")
    var seed: UInt64 = 1

    @Option(help: "The last day of the history, YYYY-MM-DD.")
    var end: Day = Day(year: 2026, month: 12, day: 31)!

    @Option(name: [.short, .customLong("output")], help: "The dataset file to write (JSON).")
    var output: String

    func run() throws {
        let generator: NetworkGenerator
        do {
            generator = try NetworkGenerator(instruments: instruments, years: years, seed: seed, end: end)
        } catch {
            Output.error(error.description)
            throw ExitStatus.invalidInput.exitCode
        }
        do {
            var sink = try FileSink(path: output)
            generator.write(to: &sink)
            try sink.close()
        } catch {
            Output.error("cannot write \(output): \(error.localizedDescription)")
            throw ExitStatus.invalidInput.exitCode
        }
    }
}
