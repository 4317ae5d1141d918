import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO
import MetroTraceStore

extension ImportCommand {
    /// `metrotrace import csv DIR --into DATASET`.
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: Help.text("help.import-csv.abstract", width: 68),
            discussion: Help.text("help.import-csv.discussion") + """


                \(Help.text("help.examples"))
                  metrotrace import csv tables/ --into data/centre
                  metrotrace import csv 台账/ --into data/centre --lock-timeout 600
                  metrotrace import csv 台账/ --into centre.mtdb --as wang.li
                """
        )

        @Argument(help: Help.option("help.option.csv.tables"))
        var tables: String

        @Option(name: .long, help: Help.option("help.option.csv.into"))
        var into: String

        @OptionGroup var lockOptions: FolderLockOptions

        @OptionGroup var author: AuthorOptions

        func run() throws {
            let dataset: Dataset
            let places: [String: (file: String, line: Int)]
            do {
                let read = try DatasetTablesReader.readDatasetWithPlaces(directory: tables)
                for warning in read.warnings.warnings { Output.error(warning.rendered(in: Help.language)) }
                dataset = read.dataset
                places = read.places
            } catch {
                for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.rendered(in: Help.language)) }
                Output.say("cli.import.errors", ("folder", .literal(tables)), ("count", Output.n(error.log.errorCount)))
                throw ExitStatus.invalidInput.exitCode
            }
            if CentreStore.isStore(into) {
                return try ImportOutcome.commit(dataset, into: into, label: "csv", placeholders: [], author: author)
            }
            let lock = try lockOptions.lock(into)
            defer { lock.release() }
            try ImportOutcome.write(dataset, into: into, label: "csv", placeholders: [], places: places, lock: lock)
        }
    }
}
