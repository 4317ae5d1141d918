import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO
import MetroTraceStore

/// The revision a command on a store reads: `--revision N`, else the last one committed
/// at or before `--known-at T`, else the latest; exits 2 saying why when there is none.
func revisionAsked(in store: CentreStore, revision: Int?, knownAt: String?) throws -> Int {
    var instant: String?
    if let knownAt {
        guard let parsed = StoreClock.instant(knownAt) else {
            Output.say("cli.known-at-invalid", ("text", .literal(knownAt)))
            throw ExitStatus.invalidInput.exitCode
        }
        instant = parsed
    }
    do {
        return try store.revisionNumber(revision: revision, knownAt: instant)
    } catch {
        Output.error(error.rendered(in: Help.language))
        throw ExitStatus.invalidInput.exitCode
    }
}

extension DatabaseCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: Help.text("help.db.export.abstract", width: 68),
            discussion: Help.text("help.db.export.discussion") + """


                \(Help.text("help.examples"))
                  metrotrace db export centre.mtdb --out jiangxi-2026/
                  metrotrace db export centre.mtdb --out as-of-sept/ --known-at 2026-09-01
                  metrotrace db export centre.mtdb --history centre-log.jsonl
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        @Option(help: Help.option("help.option.db.export-out"))
        var out: String?

        @Option(help: Help.option("help.option.db.export-history"))
        var history: String?

        @Option(name: .customLong("known-at"), help: Help.option("help.option.known-at"))
        var knownAt: String?

        @Option(name: .long, help: Help.option("help.option.revision"))
        var revision: Int?

        func validate() throws {
            guard (out == nil) != (history == nil) else {
                throw ValidationError(LocalizedText.key("cli.db.export-one").rendered(in: Help.language))
            }
            if history != nil, knownAt != nil || revision != nil {
                throw ValidationError(LocalizedText.key("cli.db.export-history-whole").rendered(in: Help.language))
            }
        }

        func run() throws {
            let opened = try openStore(store)
            if let history {
                try exportHistory(of: opened, to: history)
                return
            }
            guard let out else { return }
            let number = try revisionAsked(in: opened, revision: revision, knownAt: knownAt)
            do {
                let dataset = try opened.replay(through: number).dataset
                let document = DatasetJSON.document(dataset)
                try AtomicFile.createFolder(out, files: [("dataset.json", Array(document.utf8))])
                Output.say(
                    "cli.db.exported", ("revision", Output.n(number)), ("folder", .literal(out)),
                    ("items", Output.n(dataset.items.count)), ("records", Output.n(dataset.calibrations.count)))
            } catch let error as StoreError {
                Output.error(error.rendered(in: Help.language))
                throw ExitStatus.invalidInput.exitCode
            } catch let error as AtomicFile.Failure {
                Output.error(error.description)
                throw ExitStatus.invalidInput.exitCode
            }
        }

        private func exportHistory(of store: CentreStore, to path: String) throws {
            var bytes: [UInt8] = []
            do {
                let count = try store.exportHistory { bytes.append(contentsOf: $0) }
                if path == "-" {
                    FileHandle.standardOutput.write(Data(bytes))
                } else {
                    try AtomicFile.create(path, bytes: bytes)
                }
                Output.say("cli.db.history-exported", ("count", Output.n(count)), ("file", .literal(path)))
            } catch let error as StoreError {
                Output.error(error.rendered(in: Help.language))
                throw ExitStatus.invalidInput.exitCode
            } catch let error as AtomicFile.Failure {
                Output.error(error.description)
                throw ExitStatus.invalidInput.exitCode
            }
        }
    }

    struct ImportHistory: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-history",
            abstract: Help.text("help.db.import-history.abstract", width: 68),
            discussion: Help.text("help.db.import-history.discussion") + """


                \(Help.text("help.examples"))
                  metrotrace db init postgres://metrotrace@db.internal/jiangxi
                  metrotrace db import-history postgres://metrotrace@db.internal/jiangxi centre-log.jsonl
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        @Argument(help: Help.option("help.option.db.history-file"))
        var file: String

        func run() throws {
            let opened = try openStore(store)
            guard let data = FileManager.default.contents(atPath: file) else {
                Output.say("cli.db.history-unreadable", ("file", .literal(file)))
                throw ExitStatus.invalidInput.exitCode
            }
            do throws(StoreError) {
                var revisions: [Revision] = []
                for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
                    revisions.append(try RevisionHistory.revision(line, file: file, lineNumber: index + 1))
                }
                let count = try Activity.run(
                    LocalizedText.key("progress.committing").rendered(in: Help.language)
                ) { () throws(StoreError) in
                    try opened.importHistory(revisions, file: file)
                }
                Output.say(
                    "cli.db.history-imported", ("count", Output.n(count)), ("store", .literal(opened.log.location)))
            } catch {
                Output.error(error.rendered(in: Help.language))
                Output.say("cli.db.nothing-changed", ("store", .literal(opened.log.location)))
                throw ExitStatus.invalidInput.exitCode
            }
        }
    }
}
