import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO
import MetroTraceStore

/// A day given on the command line as `YYYY-MM-DD`.
extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        guard let day = Day(iso: argument), day >= Day.earliest, day <= Day.latest else { return nil }
        self = day
    }
}

/// The output formats of query commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Options every query command shares: the dataset, the date and the policy.
struct DatasetOptions: ParsableArguments {
    @Argument(help: Help.option("help.option.dataset"))
    var dataset: String

    @Option(name: .long, help: Help.option("help.option.at"))
    var at: Day?

    @Option(name: .long, help: Help.option("help.option.policy"))
    var policy: String?

    @Option(name: .customLong("known-at"), help: Help.option("help.option.known-at"))
    var knownAt: String?

    @Option(name: .long, help: Help.option("help.option.revision"))
    var revision: Int?

    @OptionGroup var display: DisplayOptions

    var day: Day { at ?? Day.today }

    init() {}

    /// The policy to apply and how to name it in reports; exits 2 when the file is bad.
    func loadPolicy() throws -> (policy: Policy, name: String) {
        guard let policy else { return (Policy(), "default") }
        do {
            let (read, warnings) = try PolicyReader.load(policy)
            for warning in warnings.warnings { Output.error(warning.rendered(in: Help.language)) }
            return (read, policy)
        } catch {
            for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.rendered(in: Help.language)) }
            Output.say("cli.policy-unusable", ("file", .literal(policy)))
            throw ExitStatus.invalidInput.exitCode
        }
    }

    /// Loads the dataset and analyses it under the policy.
    func analyse() throws -> (loaded: LoadedNetwork, analysis: TraceabilityAnalysis, policyName: String) {
        let (policy, name) = try loadPolicy()
        let loaded = try load()
        let analysis = Activity.run(LocalizedText.key("progress.analysing").rendered(in: Help.language)) {
            loaded.network.analysis(policy: policy)
        }
        return (loaded, analysis, name)
    }

    /// Loads the dataset and analyses only what the chains of the item `id` read (a few
    /// dozen records of a national network, where ``analyse()`` settles millions); exits
    /// 2 when the dataset is not usable or the item unknown.
    func analyseChains(of id: String) throws -> (
        loaded: LoadedNetwork, item: ItemIndex, analysis: TraceabilityAnalysis, policyName: String
    ) {
        let (policy, name) = try loadPolicy()
        let loaded = try load()
        let item = try Lookup.item(id, in: loaded.network, dataset: dataset)
        let analysis = TraceabilityAnalysis(network: loaded.network, policy: policy, chainsOf: [item])
        return (loaded, item, analysis, name)
    }

    /// The network of a store at the revision asked for (`--revision`, `--known-at`, else
    /// the latest), from its cached snapshot when current; exits 2 when it cannot be read.
    func loadStore() throws -> LoadedNetwork {
        let store = try openStore(dataset)
        let number = try revisionAsked(in: store, revision: revision, knownAt: knownAt)
        do throws(StoreError) {
            let label = LocalizedText.key("progress.loading", ("dataset", .literal(dataset)))
            let network = try Activity.run(label.rendered(in: Help.language)) { () throws(StoreError) in
                try store.network(through: number)
            }
            return LoadedNetwork(network: network, files: [dataset])
        } catch {
            Output.error(error.rendered(in: Help.language))
            throw ExitStatus.invalidInput.exitCode
        }
    }

    /// Loads the dataset, printing every problem to standard error; exits 2 when the
    /// dataset is not usable.
    func load() throws -> LoadedNetwork {
        if CentreStore.isStore(dataset) { return try loadStore() }
        if knownAt != nil || revision != nil {
            Output.say("cli.store-only", ("dataset", .literal(dataset)))
            throw ExitStatus.invalidInput.exitCode
        }
        do {
            let label = LocalizedText.key("progress.loading", ("dataset", .literal(dataset)))
            // Help.language: the one language of every message, parsed before the options are.
            let loaded = try Activity.run(label.rendered(in: Help.language)) { () throws(DatasetError) in
                try DatasetLoader.load(dataset)
            }
            for warning in loaded.warnings.warnings { Output.error(warning.rendered(in: Help.language)) }
            return loaded
        } catch {
            for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.rendered(in: Help.language)) }
            let omitted = error.log.omitted
            if omitted.errors + omitted.warnings > 0 {
                Output.say(
                    "cli.more-problems", ("errors", .literal("\(omitted.errors)")),
                    ("warnings", .literal("\(omitted.warnings)")))
            }
            Output.error(
                LocalizedText.key(
                    "cli.dataset-errors", ("dataset", .literal(dataset)),
                    ("count", .literal(String(error.log.errorCount)))
                ).rendered(in: Help.language))
            throw ExitStatus.invalidInput.exitCode
        }
    }
}

enum Output {
    /// The catalogue's message `key` in the run's language, on standard error.
    static func say(_ key: String, _ arguments: (String, LocalizedText)...) {
        error(
            LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(
                in: Help.language))
    }

    /// A number as a message argument.
    static func n(_ value: Int) -> LocalizedText { .literal(String(value)) }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` to the file `output`, or to standard output when there is none;
    /// exits 2 when the file cannot be written.
    static func write(_ text: String, to output: String?) throws {
        guard let output else { return print(text) }
        try write(bytes: Array(text.utf8), to: output)
    }

    /// Writes `bytes` to the file `output`, whole or not at all (a file already there is
    /// replaced only once the new one is complete); exits 2 when it cannot be written.
    static func write(bytes: [UInt8], to output: String) throws {
        do throws(AtomicFile.Failure) {
            try AtomicFile.replace(output, bytes: bytes)
        } catch {
            Output.error("cannot write \(error.description)")
            throw ExitStatus.invalidInput.exitCode
        }
    }
}
