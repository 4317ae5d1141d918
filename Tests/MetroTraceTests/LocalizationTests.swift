import Testing

@testable import MetroTrace

/// The two languages: every key in both catalogues with the same placeholders, files that
/// parse whole, and the rendering rules (fallbacks, `.one` variants, lists, terms).
@Suite("Localisation")
struct LocalizationTests {
    @Test("both resource files parse without an error and without a key given twice")
    func filesParse() {
        for language in Language.allCases {
            let parsed = LocalizationCatalog.parse(LocalizationCatalog.resource(of: language))
            #expect(parsed.errors.isEmpty, "\(language): \(parsed.errors)")
            var seen: Set<String> = []
            let twice = parsed.entries.map(\.key).filter { !seen.insert($0).inserted }
            #expect(twice.isEmpty, "\(language) gives these keys twice: \(twice)")
            #expect(parsed.entries.count > 100)
        }
    }

    @Test("every key exists in both languages, with the same placeholders")
    func parity() {
        let english = LocalizationCatalog.keys(of: .english)
        let chinese = LocalizationCatalog.keys(of: .simplifiedChinese)
        #expect(english.subtracting(chinese).sorted() == [], "missing in zh-Hans")
        #expect(chinese.subtracting(english).sorted() == [], "missing in en")
        for key in english.intersection(chinese) {
            let a = Set(LocalizationCatalog.placeholders(LocalizationCatalog.template(key, in: .english)!))
            let b = Set(LocalizationCatalog.placeholders(LocalizationCatalog.template(key, in: .simplifiedChinese)!))
            #expect(a == b, "\(key): en \(a.sorted()) zh-Hans \(b.sorted())")
        }
    }

    @Test("every finding template the analysis uses is in the catalogues")
    func findingKeys() {
        // Every finding of random networks, in both languages: no message falls back to
        // a key or keeps a placeholder (the sample networks' are checked in MetroTraceIOTests).
        var rules: Set<Rule> = []
        for seed in 0..<40 {
            guard
                let network = try? RandomizedEquivalenceTests.build(
                    RandomizedEquivalenceTests.network(seed: UInt64(seed)))
            else { continue }
            let analysis = network.analysis(policy: RandomizedEquivalenceTests.policy(seed: UInt64(seed)))
            let day = RandomizedEquivalenceTests.origin.advanced(by: 400)
            for item in network.itemIndices {
                for finding in analysis.chain(of: item, at: day).findings {
                    rules.insert(finding.rule)
                    for language in Language.allCases {
                        let text = finding.message(in: language)
                        #expect(!text.contains("finding."), "\(finding.rule.id) in \(language): \(text)")
                        #expect(!text.contains("{"), "\(finding.rule.id) in \(language): \(text)")
                    }
                }
            }
        }
        #expect(rules.count >= 8, "rules seen: \(rules.map(\.id).sorted())")
    }

    @Test("tags and POSIX locales choose the language")
    func tags() {
        #expect(Language(tag: "zh_CN.UTF-8") == .simplifiedChinese)
        #expect(Language(tag: "zh-Hans") == .simplifiedChinese)
        #expect(Language(tag: "zh") == .simplifiedChinese)
        #expect(Language(tag: "zh_TW.UTF-8") == nil)
        #expect(Language(tag: "zh-Hant") == nil)
        #expect(Language(tag: "en_GB.UTF-8") == .english)
        #expect(Language(tag: "C") == .english)
        #expect(Language(tag: "fr_FR") == nil)
        #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .simplifiedChinese)
        #expect(Language.fromEnvironment(["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(
            Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "zh_CN", "LANG": "en_US"]) == .simplifiedChinese)
        #expect(Language.fromEnvironment([:]) == .english)
    }

    @Test("rendering: arguments, the .one variant, lists, terms, and a missing key shown as itself")
    func rendering() {
        let expired = LocalizedText.key(
            "finding.record.expired", ("record", "R1"), ("date", "2025-01-01"), ("due", "2026-01-01"), ("count", "1"))
        #expect(
            expired.rendered(in: .english)
                == "record R1 of 2025-01-01 was due on 2026-01-01, 1 day before the query date")
        #expect(expired.rendered(in: .simplifiedChinese).contains("超期 1 天"))
        let list = LocalizedText.list(["2", "3"])
        #expect(list.rendered(in: .english) == "2, 3")
        #expect(list.rendered(in: .simplifiedChinese) == "2、3")
        #expect(LocalizedText.quantity("mass").rendered(in: .simplifiedChinese) == "质量")
        #expect(LocalizedText.quantity("luminance").rendered(in: .simplifiedChinese) == "luminance")
        #expect(LocalizedText.key("no.such.key").rendered(in: .english) == "no.such.key")
        #expect(LocalizedText.key("finding.point", ("number", "1")).rendered(in: .english) == "point 1 ({nominal})")
    }

    @Test("the .strings reader: escapes, comments, and errors with their line")
    func parser() {
        let text =
            "/* c */\n\"a\" = \"x \\\"y\\\" \\\\ \\n\";\n// line\n\"b\" = \"中文\";\n\"c\" = oops;\n\"d\" = \"ok\";\n"
        let parsed = LocalizationCatalog.parse(Array(text.utf8))
        #expect(parsed.entries.map(\.key) == ["a", "b", "d"])
        #expect(parsed.entries.first?.value == "x \"y\" \\ \n")
        #expect(parsed.errors.map(\.line) == [5])
    }

    @Test("suggestions: the closest names, case-insensitive, Chinese included")
    func suggestions() {
        let ids = ["ENV-P-WS1", "ENV-E1-P02", "NMAT-M-WS1", "计量标准甲", "MED-E1-T03"]
        #expect(Suggestions.closest(to: "env-p-ws", among: ids).first == "ENV-P-WS1")
        #expect(Suggestions.closest(to: "NMAT-M-WS2", among: ids) == ["NMAT-M-WS1"])
        #expect(Suggestions.closest(to: "计量标准乙", among: ids) == ["计量标准甲"])
        #expect(Suggestions.closest(to: "zzzzzzzz", among: ids).isEmpty)
        #expect(Suggestions.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
