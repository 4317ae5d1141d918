import Foundation
import MetroTrace

/// Reads a policy file (`docs/policy.md`): thresholds and severities that override the
/// defaults of `Policy`. Whatever the file does not mention keeps its default.
public enum PolicyReader {
    typealias SyntaxError = JSONReader.SyntaxError

    /// The policy format version this reader understands.
    public static let formatVersion = 1

    /// Reads the policy file at `path`.
    /// - Throws: `DatasetError` naming the file, line and key of every problem.
    public static func read(_ path: String) throws(DatasetError) -> Policy {
        try load(path).policy
    }

    /// Reads the policy file at `path`, with the warnings it gave (unknown or misspelled
    /// keys, which are ignored): callers show them, so that a misspelling never passes
    /// unseen.
    /// - Throws: `DatasetError` naming the file, line and key of every error.
    public static func load(_ path: String) throws(DatasetError) -> (policy: Policy, warnings: DiagnosticLog) {
        var log = DiagnosticLog()
        switch DatasetLoader.contents(of: path) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            throw DatasetError(log: log)
        case .success(let storage):
            return try load(bytes: Array(storage.bytes), named: path)
        }
    }

    /// Reads a policy from memory.
    public static func read(bytes: [UInt8], named name: String) throws(DatasetError) -> Policy {
        try load(bytes: bytes, named: name).policy
    }

    /// Reads a policy from memory, with its warnings.
    public static func load(bytes: [UInt8], named name: String) throws(DatasetError) -> (
        policy: Policy, warnings: DiagnosticLog
    ) {
        let f = JSONFields(bytes: bytes, file: name)
        f.format = .key("diagnostic.format.policy")
        var policy = Policy()
        var log = DiagnosticLog()
        do {
            let present = try f.object { key throws(SyntaxError) in
                switch key {
                case "metrotracePolicy":
                    if let version = try f.number(), version != Double(formatVersion) {
                        f.report(
                            .key(
                                "diagnostic.policy.version", ("found", .literal(NumberFormatting.shortest(version))),
                                ("version", .literal("\(formatVersion)"))))
                    }
                case "testUncertaintyRatio":
                    try f.object { activityName throws(SyntaxError) in
                        guard let activity = Activity(rawValue: activityName.string) else {
                            f.report(
                                .key(
                                    "diagnostic.policy.unknown-activity", ("activity", .literal(activityName.string)),
                                    ("known", .list(Activity.allCases.map { .literal($0.rawValue) }))),
                                severity: .warning)
                            try f.reader.skipValue()
                            return true
                        }
                        if try f.reader.peekKind() == .null {
                            try f.reader.readNull()
                            policy.testUncertaintyRatio[activity] = nil
                            return true
                        }
                        var minimum: Double?
                        var severity: FindingSeverity?
                        try f.object { key throws(SyntaxError) in
                            switch key {
                            case "minimum": minimum = try f.number()
                            case "severity": severity = try f.enumeration(FindingSeverity.self)
                            default: return false
                            }
                            return true
                        }
                        let current = policy.testUncertaintyRatio[activity]
                        if let ratio = minimum ?? current?.minimum, ratio > 0 {
                            policy.testUncertaintyRatio[activity] = Policy.RatioThreshold(
                                minimum: ratio, severity: severity ?? current?.severity ?? .warning)
                        } else {
                            f.report(.key("diagnostic.policy.ratio-minimum"))
                        }
                        return true
                    }
                case "maximumIntervalMonths": policy.maximumIntervalMonths = try months(f)
                case "defaultIntervalMonths": policy.defaultIntervalMonths = try months(f)
                case "coverageProbability":
                    if let p = try f.number() {
                        if p > 0 && p < 1 {
                            policy.coverageProbability = p
                        } else {
                            f.report(
                                .key("diagnostic.policy.coverage", ("coverage", .literal(NumberFormatting.shortest(p))))
                            )
                        }
                    }
                case "severities":
                    try f.object { ruleID throws(SyntaxError) in
                        guard let rule = Rule(rawValue: ruleID.string) else {
                            f.report(.key("diagnostic.policy.unknown-rule", ("rule", .literal(ruleID.string))))
                            try f.reader.skipValue()
                            return true
                        }
                        if let severity = try f.enumeration(FindingSeverity.self) { policy.severities[rule] = severity }
                        return true
                    }
                default: return false
                }
                return true
            }
            if !present.contains("metrotracePolicy") {
                f.report(
                    .key("diagnostic.policy.not-a-policy", ("version", .literal("\(formatVersion)"))),
                    line: 1)
            }
        } catch {
            log.append(f.syntaxDiagnostic(error))
        }
        for diagnostic in f.finishEntity(subject: nil) { log.append(diagnostic) }
        if log.hasErrors { throw DatasetError(log: log) }
        return (policy, log)
    }

    static func months(_ f: JSONFields) throws(SyntaxError) -> [ItemKind: Int] {
        var table: [ItemKind: Int] = [:]
        try f.object { kindName throws(SyntaxError) in
            guard let kind = ItemKind(rawValue: kindName.string) else {
                f.report(
                    .key(
                        "diagnostic.policy.unknown-kind", ("kind", .literal(kindName.string)),
                        ("known", .list(ItemKind.allCases.map { .literal($0.rawValue) }))),
                    severity: .warning)
                try f.reader.skipValue()
                return true
            }
            if let months = try f.number() {
                if months >= 1, months == months.rounded(), months <= 1200 {
                    table[kind] = Int(months)
                } else {
                    f.report(
                        .key("diagnostic.policy.interval", ("months", .literal(NumberFormatting.shortest(months)))))
                }
            }
            return true
        }
        return table
    }
}
