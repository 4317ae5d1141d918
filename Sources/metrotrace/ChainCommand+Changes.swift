import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO
import MetroTraceStore

/// `chain STORE ITEM --changes-since TIME`: the revisions after TIME that changed the
/// chain's status, links, findings or uncertainty, in the run's language or as JSON.
struct ChainChangesReport {
    let changes: ChainChanges
    let sinceText: String

    func text(in language: Language) -> String {
        func say(_ key: String, _ arguments: (String, LocalizedText)...) -> String {
            LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(in: language)
        }
        func status(_ status: Status?) -> LocalizedText {
            status.map { .key("status.\($0.rawValue)") } ?? .key("chain.changes.absent")
        }
        var lines = [
            say(
                "chain.changes.title", ("item", .literal(changes.item)), ("date", .literal("\(changes.at)")),
                ("since", .literal(sinceText)), ("revision", .literal("\(changes.since)"))),
            say("chain.changes.baseline", ("status", status(changes.baseline.status))),
        ]
        for change in changes.changes {
            let revision = change.revision
            lines.append("")
            lines.append(
                say(
                    "chain.changes.revision", ("revision", .literal("\(revision.number)")),
                    ("time", .literal(revision.committedAt)), ("author", .literal(revision.author)),
                    ("role", .literal(revision.role.rawValue)), ("reason", .literal(revision.reason))))
            if change.before.status != change.after.status {
                lines.append(
                    say(
                        "chain.changes.status", ("before", status(change.before.status)),
                        ("after", status(change.after.status))))
            }
            let before = Dictionary(change.before.links.map { ($0.record, $0) }, uniquingKeysWith: { a, _ in a })
            let after = Dictionary(change.after.links.map { ($0.record, $0) }, uniquingKeysWith: { a, _ in a })
            for link in change.after.links {
                if let old = before[link.record] {
                    if old.status != link.status {
                        lines.append(
                            say(
                                "chain.changes.link", ("record", .literal(link.record)), ("item", .literal(link.item)),
                                ("before", status(old.status)), ("after", status(link.status))))
                    }
                } else {
                    lines.append(
                        say(
                            "chain.changes.link-added", ("record", .literal(link.record)),
                            ("item", .literal(link.item)), ("status", status(link.status))))
                }
            }
            for link in change.before.links where after[link.record] == nil {
                lines.append(
                    say("chain.changes.link-removed", ("record", .literal(link.record)), ("item", .literal(link.item))))
            }
            let added = change.after.rules.filter { !change.before.rules.contains($0) }
            let gone = change.before.rules.filter { !change.after.rules.contains($0) }
            if !added.isEmpty || !gone.isEmpty {
                lines.append(
                    say(
                        "chain.changes.rules", ("added", .literal(added.isEmpty ? "–" : added.joined(separator: ", "))),
                        ("gone", .literal(gone.isEmpty ? "–" : gone.joined(separator: ", ")))))
            }
            if change.before.uncertainties.count == change.after.uncertainties.count {
                for (point, pair) in zip(change.before.uncertainties, change.after.uncertainties).enumerated()
                where abs(pair.0 - pair.1) > 1e-9 * max(abs(pair.0), abs(pair.1)) {
                    lines.append(
                        say(
                            "chain.changes.uncertainty", ("point", .literal("\(point + 1)")),
                            ("before", .literal(Self.number(pair.0))), ("after", .literal(Self.number(pair.1)))))
                }
            }
        }
        lines.append("")
        if changes.changes.isEmpty {
            lines.append(say("chain.changes.none", ("through", .literal("\(changes.through)"))))
        } else {
            let last = changes.changes.last!.after.status
            lines.append(
                say("chain.changes.now", ("revision", .literal("\(changes.through)")), ("status", status(last))))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    func json() -> JSONOutputValue {
        func state(_ state: ChainChanges.State) -> JSONOutputValue {
            .object([
                "status": .optional(state.status?.rawValue),
                "links": .array(
                    state.links.map { link in
                        .object([
                            "record": .string(link.record), "item": .string(link.item),
                            "status": .string(link.status.rawValue),
                        ])
                    }),
                "rules": .array(state.rules.map { .string($0) }),
                "combinedUncertainties": .array(state.uncertainties.map { .number($0) }),
            ])
        }
        return .object([
            "metrotrace": 1, "command": "chain-changes", "item": .string(changes.item),
            "at": .string("\(changes.at)"), "since": .string(sinceText), "sinceRevision": .integer(changes.since),
            "throughRevision": .integer(changes.through), "baseline": state(changes.baseline),
            "changes": .array(
                changes.changes.map { change in
                    .object([
                        "revision": .integer(change.revision.number),
                        "committedAt": .string(change.revision.committedAt),
                        "author": .string(change.revision.author), "role": .string(change.revision.role.rawValue),
                        "reason": .string(change.revision.reason), "before": state(change.before),
                        "after": state(change.after),
                    ])
                }),
        ])
    }
}

extension ChainCommand {
    /// Runs `--changes-since`.
    func runChanges(since: String) throws {
        guard CentreStore.isStore(options.dataset) else {
            Output.say("cli.store-only", ("dataset", .literal(options.dataset)))
            throw ExitStatus.invalidInput.exitCode
        }
        let store = try openStore(options.dataset)
        let baseline = try revisionAsked(in: store, revision: nil, knownAt: since)
        let through = try revisionAsked(in: store, revision: options.revision, knownAt: options.knownAt)
        let policy = try options.loadPolicy().policy
        let network = try options.loadStore().network
        _ = try Lookup.item(item, in: network, dataset: options.dataset)
        let changes: ChainChanges
        do {
            changes = try Activity.run(LocalizedText.key("progress.analysing").rendered(in: Help.language)) {
                () throws(StoreError) in
                try ChainChanges(
                    store: store, item: item, at: options.day, policy: policy, since: baseline, through: through)
            }
        } catch {
            Output.error(error.rendered(in: Help.language))
            throw ExitStatus.invalidInput.exitCode
        }
        let report = ChainChangesReport(changes: changes, sinceText: since)
        switch format {
        case .text: Output.print(report.text(in: Help.language))
        case .json: Output.print(report.json().rendered())
        }
        let final = changes.changes.last?.after.status ?? changes.baseline.status
        if final == .broken { throw ExitStatus.findings.exitCode }
    }
}
