/// A language MetroTrace speaks to people in. Rule ids, JSON keys, enum values and file
/// formats are contracts and stay English whatever the language.
public enum Language: String, CaseIterable, Hashable, Sendable, Codable {
    /// English.
    case english = "en"
    /// Simplified Chinese, in the vocabulary of JJF 1001-2011 and JJF 1059.1.
    case simplifiedChinese = "zh-Hans"

    /// The language a tag or POSIX locale names: `zh-Hans`, `zh`, `zh-CN`, `zh_CN.UTF-8`,
    /// `zh_SG` give Simplified Chinese; `en`, `en_US.UTF-8`, `C`, `POSIX` English; nil
    /// for a language MetroTrace does not speak (Traditional Chinese `zh-Hant`, `zh_TW`
    /// and `zh_HK` included: their script differs).
    public init?(tag: String) {
        let base = tag.split(separator: ".", maxSplits: 1).first.map(String.init) ?? tag
        let parts = base.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "@" }).map(String.init)
        guard let language = parts.first else { return nil }
        switch language {
        case "zh":
            let rest = Set(parts.dropFirst())
            if !rest.isDisjoint(with: ["hant", "tw", "hk", "mo"]) { return nil }
            self = .simplifiedChinese
        case "en", "c", "posix": self = .english
        default: return nil
        }
    }

    /// The language the POSIX environment asks for: the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set and not empty decides (as `setlocale` does); English when
    /// it names a language MetroTrace does not speak, or when none is set.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Language(tag: value) ?? .english
        }
        return .english
    }

    /// The language's tag for HTML `lang` attributes (`en`, `zh-Hans`).
    public var htmlTag: String { rawValue }
}
