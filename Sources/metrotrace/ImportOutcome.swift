import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// Writing an import's result into the dataset folder, and saying what happened.
enum ImportOutcome {
    static func write(
        _ addition: Dataset, into folder: String, label: String, placeholders: Set<String>,
        places: [String: (file: String, line: Int)] = [:], lock: DatasetFolderLock
    ) throws {
        do {
            let outcome = try DatasetAddition.add(
                addition, to: folder, label: label, replaceableEntities: placeholders, places: places, lock: lock)
            for id in outcome.skippedRecords.prefix(10) {
                Output.say("cli.import.skipped", ("record", .literal(id)))
            }
            if outcome.skippedRecords.count > 10 {
                Output.say("cli.import.skipped-more", ("count", Output.n(outcome.skippedRecords.count - 10)))
            }
            if let file = outcome.file {
                Output.say(
                    "cli.import.added", ("count", Output.n(addition.calibrations.count - outcome.skippedRecords.count)),
                    ("folder", .literal(folder)), ("file", .literal(file)))
            } else {
                Output.say("cli.import.nothing-new", ("folder", .literal(folder)))
            }
        } catch {
            for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.rendered(in: Help.language)) }
            Output.say("cli.nothing-written", ("folder", .literal(folder)))
            throw ExitStatus.invalidInput.exitCode
        }
    }
}
