import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO
import MetroTraceStore

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

    /// Commits an import's result to a store as one revision (what of it is new there),
    /// and says what happened; exits 2 when the store refuses it, having changed nothing.
    static func commit(
        _ addition: Dataset, into location: String, label: String, placeholders: Set<String>, author: AuthorOptions
    ) throws {
        let store = try openStore(location)
        do {
            let (revision, skipped, touched) = try Activity.run(
                LocalizedText.key("progress.committing").rendered(in: Help.language)
            ) { () throws(StoreError) in
                try store.commitAddition(
                    addition, replaceableEntities: placeholders, author: author.author, role: author.role,
                    reason: LocalizedText.key("cli.import.store-reason", ("label", .literal(label))).rendered(
                        in: .english))
            }
            for id in skipped.prefix(10) { Output.say("cli.import.skipped", ("record", .literal(id))) }
            if skipped.count > 10 { Output.say("cli.import.skipped-more", ("count", Output.n(skipped.count - 10))) }
            if let revision {
                Output.say(
                    "cli.db.committed", ("revision", Output.n(revision.number)),
                    ("count", Output.n(touched)),
                    ("hash", .literal(String(revision.hash.prefix(16)))))
            } else {
                Output.say("cli.import.nothing-new", ("folder", .literal(store.log.location)))
            }
        } catch {
            Output.error(error.rendered(in: Help.language))
            Output.say("cli.db.nothing-changed", ("store", .literal(store.log.location)))
            throw ExitStatus.invalidInput.exitCode
        }
    }
}
