import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO
import MetroTraceStore

/// `metrotrace db …`: a centre's store — create it, write revisions, list and verify them.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: Help.text("help.db.abstract", width: 68),
        discussion: Help.text("help.db.discussion") + """


            \(Help.text("help.examples"))
              metrotrace db init centre.mtdb
              metrotrace db import centre.mtdb data/jiangxi
              metrotrace db verify centre.mtdb
            """,
        subcommands: [
            Init.self, Import.self, Add.self, Correct.self, Void.self, Log.self, Verify.self, Export.self,
            ImportHistory.self,
        ]
    )
}

/// Who writes: `--as USER` (default the OS user), in the role they have.
struct AuthorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: Help.option("help.option.db.as"))
    var user: String?

    var author: String { user ?? ProcessInfo.processInfo.environment["USER"] ?? NSUserName() }

    /// Until users are kept in the store (the service's issue), every local user is admin.
    var role: Role { .admin }
}

/// Opens a store, or exits 2 saying why.
func openStore(_ location: String) throws -> CentreStore {
    do {
        return try CentreStore(opening: location)
    } catch {
        Output.error(error.rendered(in: Help.language))
        throw ExitStatus.invalidInput.exitCode
    }
}

/// Commits a change, printing the revision, or exits 2 with the reason nothing changed.
func commit(_ change: RevisionChange, to store: CentreStore, by author: AuthorOptions, reason: String) throws {
    do {
        let revision = try Activity.run(LocalizedText.key("progress.committing").rendered(in: Help.language)) {
            () throws(StoreError) in
            try store.commit(change, author: author.author, role: author.role, reason: reason)
        }
        let touched = change.touched
        Output.say(
            "cli.db.committed", ("revision", Output.n(revision.number)), ("count", Output.n(touched.count)),
            ("hash", .literal(String(revision.hash.prefix(16)))))
    } catch {
        Output.error(error.rendered(in: Help.language))
        Output.say("cli.db.nothing-changed", ("store", .literal(store.log.location)))
        throw ExitStatus.invalidInput.exitCode
    }
}

/// Reads a dataset (file, folder or tables) or a JSON fragment as a `Dataset`, or exits 2.
func readDatasetArgument(_ path: String) throws -> Dataset {
    do throws(DatasetError) {
        if path == "-" {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            var collector = DatasetCollector()
            DatasetLoader.read(bytes: bytes, named: "<stdin>", into: &collector)
            if collector.log.hasErrors { throw DatasetError(log: collector.log) }
            return collector.dataset
        }
        if DatasetTablesReader.holdsTables(path) { return try DatasetTablesReader.readDataset(directory: path).dataset }
        return try DatasetLoader.readDataset(path).dataset
    } catch {
        for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.rendered(in: Help.language)) }
        Output.say("cli.dataset-errors", ("dataset", .literal(path)), ("count", Output.n(error.log.errorCount)))
        throw ExitStatus.invalidInput.exitCode
    }
}

extension DatabaseCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: Help.text("help.db.init.abstract", width: 68),
            discussion: """
                \(Help.text("help.examples"))
                  metrotrace db init centre.mtdb
                  metrotrace db init /srv/metrotrace/jiangxi.mtdb
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        func run() throws {
            do {
                let created = try CentreStore.create(store)
                Output.say("cli.db.created", ("store", .literal(created.log.location)))
            } catch {
                Output.error(error.rendered(in: Help.language))
                throw ExitStatus.invalidInput.exitCode
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: Help.text("help.db.import.abstract", width: 68),
            discussion: """
                \(Help.text("help.examples"))
                  metrotrace db import centre.mtdb data/jiangxi
                  metrotrace db import centre.mtdb tables/ --reason "2026 年度台账"
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        @Argument(help: Help.option("help.option.db.dataset"))
        var dataset: String

        @Option(help: Help.option("help.option.db.reason"))
        var reason: String?

        @OptionGroup var author: AuthorOptions

        func run() throws {
            let opened = try openStore(store)
            let read = try readDatasetArgument(dataset)
            try commit(
                RevisionChange(added: read), to: opened, by: author,
                reason: reason
                    ?? LocalizedText.key("cli.db.import-reason", ("dataset", .literal(dataset))).rendered(
                        in: .english))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: Help.text("help.db.add.abstract", width: 68),
            discussion: """
                \(Help.text("help.examples"))
                  metrotrace db add centre.mtdb new-records.json --reason "11 月检定记录"
                  cat record.json | metrotrace db add centre.mtdb - --as wang.li
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        @Argument(help: Help.option("help.option.db.fragment"))
        var file: String

        @Option(help: Help.option("help.option.db.reason"))
        var reason: String?

        @OptionGroup var author: AuthorOptions

        func run() throws {
            let opened = try openStore(store)
            let read = try readDatasetArgument(file)
            try commit(RevisionChange(added: read), to: opened, by: author, reason: reason ?? "")
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: Help.text("help.db.correct.abstract", width: 68),
            discussion: Help.text("help.db.correct.discussion") + """


                \(Help.text("help.examples"))
                  metrotrace db correct centre.mtdb JXIM-2025-00123 --with fixed.json --reason "U 录入错误"
                  metrotrace db correct centre.mtdb JXIM-2025-00123 --with - --reason "due date per JJG 99"
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        @Argument(help: Help.option("help.option.db.record"))
        var record: String

        @Option(name: .customLong("with"), help: Help.option("help.option.db.with"))
        var file: String

        @Option(help: Help.option("help.option.db.reason-required"))
        var reason: String

        @OptionGroup var author: AuthorOptions

        func run() throws {
            let opened = try openStore(store)
            let read = try readDatasetArgument(file)
            guard read.calibrations.count == 1, read.calibrations[0].id == record, read.labs.isEmpty,
                read.items.isEmpty
            else {
                Output.say("cli.db.correct-one-record", ("record", .literal(record)), ("file", .literal(file)))
                throw ExitStatus.invalidInput.exitCode
            }
            try commit(RevisionChange(corrected: read), to: opened, by: author, reason: reason)
        }
    }

    struct Void: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: Help.text("help.db.void.abstract", width: 68),
            discussion: """
                \(Help.text("help.examples"))
                  metrotrace db void centre.mtdb JXIM-2025-00123 --reason "重复录入"
                  metrotrace db void centre.mtdb JXIM-2025-00124 --reason "certificate withdrawn" --as wang.li
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        @Argument(help: Help.option("help.option.db.record"))
        var record: String

        @Option(help: Help.option("help.option.db.reason-required"))
        var reason: String

        @OptionGroup var author: AuthorOptions

        func run() throws {
            let opened = try openStore(store)
            try commit(
                RevisionChange(voided: [EntityReference(.record, record)]), to: opened, by: author, reason: reason)
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: Help.text("help.db.log.abstract", width: 68),
            discussion: """
                \(Help.text("help.examples"))
                  metrotrace db log centre.mtdb
                  metrotrace db log centre.mtdb --record JXIM-2025-00123
                  metrotrace db log centre.mtdb --item JXIM-M-REF --format json
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        @Option(help: Help.option("help.option.db.log-item"))
        var item: String?

        @Option(help: Help.option("help.option.db.log-record"))
        var record: String?

        @Option(help: Help.option("help.option.format.text-json"))
        var format: TextOrJSON = .text

        @OptionGroup var display: DisplayOptions

        func run() throws {
            let opened = try openStore(store)
            do {
                let report = try RevisionLogReport(store: opened, item: item, record: record)
                switch format {
                case .text: Output.print(report.text(in: display.terminal.language))
                case .json: Output.print(report.json().rendered())
                }
            } catch {
                Output.error(error.rendered(in: Help.language))
                throw ExitStatus.invalidInput.exitCode
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: Help.text("help.db.verify.abstract", width: 68),
            discussion: Help.text("help.db.verify.discussion") + """


                \(Help.text("help.examples"))
                  metrotrace db verify centre.mtdb
                  LANG=zh_CN.UTF-8 metrotrace db verify /srv/metrotrace/jiangxi.mtdb
                """)

        @Argument(help: Help.option("help.option.store"))
        var store: String

        func run() throws {
            let opened = try openStore(store)
            do {
                let count = try opened.log.head()?.number ?? 0
                if let (revision, problem) = try opened.verify() {
                    Output.say(
                        "cli.db.verify-failed", ("store", .literal(opened.log.location)),
                        ("revision", Output.n(revision)),
                        ("problem", problem))
                    throw ExitStatus.findings.exitCode
                }
                Output.say("cli.db.verified", ("store", .literal(opened.log.location)), ("count", Output.n(count)))
            } catch let error as StoreError {
                Output.error(error.rendered(in: Help.language))
                throw ExitStatus.invalidInput.exitCode
            }
        }
    }
}
