import ArgumentParser
import MetroTrace

extension Status: ExpressibleByArgument {}
extension ItemKind: ExpressibleByArgument {}

/// Names the user typed, looked up in the network: an unknown one is an error (exit 2)
/// that offers the closest known names ("did you mean …") and, for a quantity, lists
/// the known ones.
enum Lookup {
    /// The item with id `id`.
    static func item(_ id: String, in network: Network, dataset: String) throws -> ItemIndex {
        if let index = network.item(id: id) { return index }
        let candidates = network.itemIndices.lazy.map { network.id(of: $0) }
        Output.error(message("cli.no-item", dataset: dataset, id) + didYouMean(id, candidates))
        throw ExitStatus.invalidInput.exitCode
    }

    /// The lab with id `id`, checked; nil when none was given.
    static func lab(_ id: String?, in network: Network, dataset: String) throws -> String? {
        guard let id else { return nil }
        let ids = (0..<network.labCount).map { network.id(of: LabIndex(Int32($0))) }
        if ids.contains(id) { return id }
        Output.error(message("cli.no-lab", dataset: dataset, id) + didYouMean(id, ids))
        throw ExitStatus.invalidInput.exitCode
    }

    /// The quantity named `name` — as datasets name it (`mass`) or in Chinese (`质量`) —
    /// checked; nil when none was given.
    static func quantity(_ name: String?, in network: Network, dataset: String) throws -> String? {
        guard let name else { return nil }
        let known = knownQuantities(network)
        if known.contains(name) { return name }
        for language in Language.allCases {
            if let match = known.first(where: { LocalizedText.quantity($0).rendered(in: language) == name }) {
                return match
            }
        }
        Output.error(
            message("cli.no-quantity", dataset: dataset, name)
                + didYouMean(name, known + known.map { LocalizedText.quantity($0).rendered(in: .simplifiedChinese) })
                + LocalizedText.key(
                    "cli.quantities",
                    (
                        "list",
                        .literal(
                            known.map { "\($0) (\(LocalizedText.quantity($0).rendered(in: .simplifiedChinese)))" }
                                .joined(separator: ", "))
                    )
                ).rendered(in: Help.language))
        throw ExitStatus.invalidInput.exitCode
    }

    /// The quantities the network's items measure, in order of first use.
    static func knownQuantities(_ network: Network) -> [String] {
        var seen: Set<String> = []
        return network.itemIndices.map { network.quantity(of: $0).name }.filter { seen.insert($0).inserted }
    }

    /// `dataset: no item with id "X"` in the language of the run.
    static func message(_ key: String, dataset: String, _ name: String) -> String {
        LocalizedText.key(key, ("dataset", .literal(dataset)), ("name", .literal(name))).rendered(in: Help.language)
    }

    /// `; did you mean "A", "B" or "C"?`, or nothing when no name is close.
    static func didYouMean(_ word: String, _ candidates: some Sequence<String>) -> String {
        let close = Suggestions.closest(to: word, among: candidates)
        guard !close.isEmpty else { return "" }
        let quoted = close.map { "\"\($0)\"" }
        let list =
            quoted.count == 1
            ? quoted[0]
            : quoted.dropLast().joined(separator: ", ")
                + LocalizedText.key("cli.or").rendered(in: Help.language) + quoted.last!
        return LocalizedText.key("cli.did-you-mean", ("names", .literal(list))).rendered(in: Help.language)
    }
}
