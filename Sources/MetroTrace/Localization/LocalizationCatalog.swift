/// The translations: one `.strings` resource per language (`Resources/en.strings`,
/// `Resources/zh-Hans.strings`), compiled into the module (SwiftPM `embedInCode`), read
/// once on first use.
///
/// The files are in Apple's `.strings` syntax (`"key" = "text";`, `/* comments */`), so
/// that translators' tools read them, with named placeholders (`{item}`) rather than
/// `%@`: Chinese word order differs from English, and a name says what goes there. They
/// are embedded rather than read through Foundation's `Bundle` because the core does not
/// use Foundation, because a `Bundle.module` resource folder must travel beside the
/// binary (a `metrotrace` copied alone would stop), and because the language comes from
/// `--lang`, not only from the process's locale.
public enum LocalizationCatalog {
    /// The templates of each language, by key.
    static let catalogues: [Language: [String: String]] = {
        var catalogues: [Language: [String: String]] = [:]
        for language in Language.allCases {
            catalogues[language] = Dictionary(
                parse(resource(of: language)).entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        }
        return catalogues
    }()

    /// The resource file of a language, as bytes.
    static func resource(of language: Language) -> [UInt8] {
        switch language {
        case .english: PackageResources.en_strings
        case .simplifiedChinese: PackageResources.zh_Hans_strings
        }
    }

    /// The template of `key` in `language`, if the catalogue has it.
    public static func template(_ key: String, in language: Language) -> String? {
        catalogues[language]?[key]
    }

    /// Every key of a language's catalogue.
    public static func keys(of language: Language) -> Set<String> {
        Set(catalogues[language].map { Array($0.keys) } ?? [])
    }

    /// A `.strings` file's entries in order, and what could not be read (line and why).
    public static func parse(_ bytes: [UInt8]) -> (
        entries: [(key: String, value: String)], errors: [(line: Int, message: String)]
    ) {
        var parser = StringsParser(scalars: Array(String(decoding: bytes, as: UTF8.self).unicodeScalars))
        return parser.parse()
    }

    /// The placeholders (`{name}`) of a template, in order of appearance.
    public static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in template {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return names
    }

    /// Appends `template` to `text` with each `{name}` replaced by its argument in
    /// `language`; a placeholder without an argument stays as written.
    static func fill(
        _ template: String, arguments: [LocalizedText.Argument], in language: Language, into text: inout String
    ) {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if let argument = arguments.first(where: { $0.name == name }) {
                argument.value.render(in: language, into: &text)
            } else {
                text += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        text += rest
    }
}

/// Reads Apple's `.strings` syntax: `"key" = "value";` entries, `/* */` and `//`
/// comments, and the escapes `\"`, `\\`, `\n`, `\t`.
struct StringsParser {
    var scalars: [Unicode.Scalar]
    var position = 0
    var line = 1

    mutating func parse() -> (entries: [(key: String, value: String)], errors: [(line: Int, message: String)]) {
        var entries: [(key: String, value: String)] = []
        var errors: [(line: Int, message: String)] = []
        while true {
            skipSpaceAndComments()
            guard position < scalars.count else { break }
            let start = line
            guard let key = quoted() else {
                errors.append((start, "expected a quoted key"))
                skipLine()
                continue
            }
            skipSpaceAndComments()
            guard next() == "=" else {
                errors.append((start, "expected = after \"\(key)\""))
                skipLine()
                continue
            }
            skipSpaceAndComments()
            guard let value = quoted() else {
                errors.append((start, "expected a quoted value for \"\(key)\""))
                skipLine()
                continue
            }
            skipSpaceAndComments()
            guard next() == ";" else {
                errors.append((start, "expected ; after the value of \"\(key)\""))
                skipLine()
                continue
            }
            entries.append((key, value))
        }
        return (entries, errors)
    }

    mutating func next() -> Unicode.Scalar? {
        guard position < scalars.count else { return nil }
        defer { position += 1 }
        if scalars[position] == "\n" { line += 1 }
        return scalars[position]
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    mutating func skipLine() {
        while let scalar = next(), scalar != "\n" {}
    }

    mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{FEFF}" {
                _ = next()
            } else if scalar == "/", peek(1) == "*" {
                _ = next()
                _ = next()
                while let inner = next(), !(inner == "*" && peek() == "/") {}
                _ = next()
            } else if scalar == "/", peek(1) == "/" {
                skipLine()
            } else {
                return
            }
        }
    }

    mutating func quoted() -> String? {
        guard peek() == "\"" else { return nil }
        _ = next()
        var text = String.UnicodeScalarView()
        while let scalar = next() {
            switch scalar {
            case "\"": return String(text)
            case "\\":
                switch next() {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case let other?: text.append(other)
                case nil: return nil
                }
            case "\n": return nil
            default: text.append(scalar)
            }
        }
        return nil
    }
}
