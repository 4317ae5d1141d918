import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// `metrotrace generate --instruments N --years Y --seed S -o FILE`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: Help.text("help.generate.abstract", width: 68),
        discussion: Help.text("help.generate.discussion") + """


            \(Help.text("help.examples"))
              metrotrace generate --instruments 10000 --years 3 --seed 1 -o national.json
              metrotrace generate --instruments 1000000 -o big.json && metrotrace compile big.json -o big.mtnet
            """
    )

    @Option(help: Help.option("help.option.generate.instruments"))
    var instruments: Int

    @Option(help: Help.option("help.option.generate.years"))
    var years: Int = 3

    @Option(help: Help.option("help.option.generate.seed"))
    var seed: UInt64 = 1

    @Option(help: Help.option("help.option.generate.end"))
    var end: Day = Day(year: 2026, month: 12, day: 31)!

    @Option(name: [.short, .customLong("output")], help: Help.option("help.option.generate.output"))
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
