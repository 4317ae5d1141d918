import Foundation
import Testing

@testable import MetroTrace

/// The command line in two languages, and what a metrologist uses to find things:
/// filters, history, search, suggestions, width, colour, `due` as a centre plans it, and
/// Chinese spreadsheet headers.
@Suite("metrotrace in Chinese and English, filters, history, search, terminal")
struct LanguageCommandTests {
    typealias CLI = CommandLineTests

    /// The display width of the widest line of `text`.
    static func widest(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { TextWidth.columns($0) }.max() ?? 0
    }

    @Test("LANG=zh_CN.UTF-8: the sample's check in Chinese, as the golden text")
    func chineseGolden() throws {
        let run = try CLI.run(
            ["check", "data/sample", "--at", "2026-11-26", "--width", "100"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(run.status == 1)
        let golden = try String(contentsOfFile: CLI.fixture("check-sample-zh-Hans.txt"), encoding: .utf8)
        #expect(run.output == golden)
        // --lang wins over the environment, both ways.
        let english = try CLI.run(
            ["check", "data/sample", "--at", "2026-11-26", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.output.contains("47 items: 30 valid, 6 with warnings, 11 broken"))
        let chinese = try CLI.run(["check", "data/sample", "--at", "2026-11-26", "--lang", "zh-Hans"])
        #expect(chinese.output.contains("共 47 台（件）"))
        #expect(!chinese.output.contains("with warnings"))
    }

    @Test("the done-when command: only the broken items of Jiangxi, in Chinese, fitted to 100 columns")
    func doneWhen() throws {
        let run = try CLI.run(
            ["check", "data/jiangxi", "--at", "2026-11-26", "--status", "broken"],
            environment: ["LANG": "zh_CN.UTF-8", "COLUMNS": "100"])
        #expect(run.status == 1)
        let rows = run.output.split(separator: "\n").filter {
            $0.hasPrefix("✗ ") || $0.hasPrefix("✓ ") || $0.hasPrefix("⚠ ")
        }
        // The table's rows and the findings' item lines: all broken.
        #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("✗ ") })
        #expect(run.output.contains("溯源中断"))
        #expect(run.output.contains("（从 462 台（件）中筛选）"))
        // COLUMNS applies to a terminal only; through a pipe the width is given by --width.
        let fitted = try CLI.run(
            ["check", "data/jiangxi", "--at", "2026-11-26", "--status", "broken", "--width", "100"],
            environment: ["LANG": "zh_CN.UTF-8"])
        #expect(Self.widest(fitted.output) <= 100)
    }

    @Test("every filter, alone and together; the JSON honours them and names them")
    func filters() throws {
        func items(_ arguments: [String]) throws -> [[String: Any]] {
            let run = try CLI.run(["check", "data/jiangxi", "--at", "2026-11-26", "--format", "json"] + arguments)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            return object["items"] as? [[String: Any]] ?? []
        }
        let all = try items([])
        #expect(all.count == 462)
        let broken = try items(["--status", "broken"])
        #expect(broken.count == all.filter { $0["status"] as? String == "broken" }.count && broken.count == 8)
        let two = try items(["--status", "broken", "--status", "warning"])
        #expect(two.count == all.filter { $0["status"] as? String != "valid" }.count)
        let lab = try items(["--lab", "NMAT"])
        #expect(!lab.isEmpty && lab.allSatisfy { $0["lab"] as? String == "NMAT" })
        #expect(lab.count == all.filter { $0["lab"] as? String == "NMAT" }.count)
        let mass = try items(["--quantity", "mass"])
        #expect(mass.count == all.filter { $0["quantity"] as? String == "mass" }.count)
        #expect(try items(["--quantity", "质量"]).count == mass.count)
        let standards = try items(["--kind", "working-standard"])
        #expect(standards.allSatisfy { $0["kind"] as? String == "working-standard" } && !standards.isEmpty)
        let pattern = try items(["--item", "env-e1-*"])
        #expect(pattern.count == all.filter { ($0["item"] as? String)?.hasPrefix("ENV-E1-") == true }.count)
        #expect(try items(["--item", "ENV-E[12]-P0?"]).count == 18)
        let combined = try items(["--lab", "NMAT", "--status", "warning", "--quantity", "mass"])
        #expect(
            combined.count
                == all.filter {
                    $0["lab"] as? String == "NMAT" && $0["status"] as? String == "warning"
                        && $0["quantity"] as? String == "mass"
                }.count)
        let json = try CLI.run([
            "check", "data/jiangxi", "--at", "2026-11-26", "--format", "json", "--status", "broken", "--lab", "ENV",
        ])
        #expect(json.output.contains("\"filter\"") && json.output.contains("\"networkItems\": 462"))
        #expect(json.status == 1)
        // Only valid items listed: nothing broken among them, exit 0.
        let valid = try CLI.run(["check", "data/jiangxi", "--at", "2026-11-26", "--status", "valid"])
        #expect(valid.status == 0)
        // --summary: the counts only.
        let summary = try CLI.run(["check", "data/jiangxi", "--at", "2026-11-26", "--summary"])
        #expect(summary.output.contains("462 items: 448 valid, 6 with warnings, 8 broken"))
        #expect(!summary.output.contains("ENV-P-WS1"))
        let summaryJSON = try CLI.run(["check", "data/jiangxi", "--at", "2026-11-26", "--summary", "--format", "json"])
        #expect(summaryJSON.output.contains("\"broken\": 8") && !summaryJSON.output.contains("\"items\": ["))
        // A filter naming nothing known is refused with suggestions.
        let lab2 = try CLI.run(["check", "data/jiangxi", "--lab", "NMT"])
        #expect(lab2.status == 2 && lab2.error.contains("did you mean \"NMAT\""))
        let quantity = try CLI.run(["check", "data/jiangxi", "--quantity", "mas"])
        #expect(
            quantity.status == 2 && quantity.error.contains("\"mass\"") && quantity.error.contains("the quantities are")
        )
        #expect(try CLI.run(["check", "data/jiangxi", "--status", "fine"]).status == 2)
    }

    @Test("tables and findings fit 80 and 100 columns, in both languages; --wide and pipes keep every cell")
    func widths() throws {
        for language in ["en", "zh-Hans"] {
            for width in [80, 100] {
                for command in [
                    ["check", "data/jiangxi", "--at", "2026-11-26"],
                    ["due", "data/jiangxi", "--at", "2026-11-26", "--within", "1y"],
                    ["history", "data/jiangxi", "NMAT-M-WS1"], ["search", "data/jiangxi", "WS1", "--at", "2026-11-26"],
                ] {
                    let run = try CLI.run(command + ["--lang", language, "--width", String(width)])
                    #expect(
                        Self.widest(run.output) <= width,
                        "\(command[0]) \(language) \(width): \(Self.widest(run.output))")
                }
            }
        }
        let piped = try CLI.run(["check", "data/jiangxi", "--at", "2026-11-26"])
        #expect(Self.widest(piped.output) > 100)
        #expect(piped.output.contains("JXIM-P-2025-0014"))
        let wide = try CLI.run(
            ["check", "data/jiangxi", "--at", "2026-11-26", "--wide"], environment: ["COLUMNS": "80"])
        #expect(wide.output == piped.output)
    }

    @Test("colour only when asked on a pipe; NO_COLOR and --color never give none")
    func colour() throws {
        let escape = "\u{1B}["
        let piped = try CLI.run(["check", "data/sample", "--at", "2026-11-26"])
        #expect(!piped.output.contains(escape))
        let noColor = try CLI.run(["check", "data/sample", "--at", "2026-11-26"], environment: ["NO_COLOR": "1"])
        #expect(!noColor.output.contains(escape))
        let never = try CLI.run(["check", "data/sample", "--at", "2026-11-26", "--color", "never"])
        #expect(!never.output.contains(escape))
        let always = try CLI.run(["check", "data/sample", "--at", "2026-11-26", "--color", "always"])
        #expect(always.output.contains(escape + "31m✗ broken"))
        // Escapes take no columns: the coloured table, stripped, is the plain one.
        let stripped = always.output.replacingOccurrences(
            of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == piped.output)
    }

    @Test("history: every record in date order, events, users; text and JSON")
    func history() throws {
        let run = try CLI.run(["history", "data/jiangxi", "NMAT-M-WS1", "--format", "json"])
        #expect(run.status == 0, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let records = try #require(object["records"] as? [[String: Any]])
        #expect(
            records.map { $0["record"] as? String } == ["JXIM-M-2024-0048", "JXIM-M-2025-0049", "JXIM-M-2026-0050"])
        #expect(records.map { $0["inForceUntil"] as? String } == ["2025-01-14", "2026-01-14", nil])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(
            events.first?["state"] as? String == "out-of-tolerance" && events.first?["date"] as? String == "2026-08-20")
        let users = try #require(records.last?["usedBy"] as? [[String: Any]])
        #expect(users.count == 6 && users.contains { $0["item"] as? String == "NMAT-E1-M04" })
        let dates = users.compactMap { $0["date"] as? String }
        #expect(dates == dates.sorted())
        let text = try CLI.run(["history", "data/jiangxi", "ENV-P-WS1", "--lang", "zh-Hans"])
        #expect(
            text.output.contains("的履历") && text.output.contains("JXIM-P-2025-0014") && text.output.contains("被以下记录使用"))
        let typo = try CLI.run(["history", "data/jiangxi", "ENV-P-WS"])
        #expect(typo.status == 2 && typo.error.contains("did you mean \"ENV-P-WS1\""))
    }

    @Test("search: ids, names, Chinese, owner labs and record ids, case-insensitive; exit 1 when nothing is found")
    func search() throws {
        let weights = try CLI.run(["search", "data/jiangxi", "砝码", "--format", "json", "--at", "2026-11-26"])
        #expect(weights.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(weights.output.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count >= 8 && items.allSatisfy { ($0["name"] as? String)?.contains("砝码") == true })
        let lower = try CLI.run(["search", "data/jiangxi", "env-p-ws1", "--format", "json"])
        #expect(lower.output.contains("\"item\": \"ENV-P-WS1\"") && lower.output.contains("\"matched\": \"id\""))
        let records = try CLI.run(["search", "data/jiangxi", "JXIM-P-2025", "--format", "json"])
        #expect(records.output.contains("\"record\": \"JXIM-P-2025-0014\""))
        let byLab = try CLI.run(["search", "data/jiangxi", "江西省计量测试研究院", "--format", "json"])
        #expect(byLab.output.contains("\"matched\": \"lab\""))
        let none = try CLI.run(["search", "data/jiangxi", "不存在的器具"])
        #expect(none.status == 1)
        let serial = try CLI.run(["search", "data/every-field", "jx-e1-0417", "--format", "json"])
        #expect(serial.output.contains("\"item\": \"E1-1KG\"") && serial.output.contains("\"matched\": \"serial\""))
    }

    @Test("every subcommand's help has examples and offers --lang where it prints text")
    func helpExamples() throws {
        for command in [
            ["check"], ["chain"], ["correlation"], ["diagram"], ["diagrams"], ["scheme"], ["generate"], ["compile"],
            ["import", "dcc"], ["import", "csv"], ["export", "csv"], ["impact"], ["due"], ["report"], ["history"],
            ["search"],
        ] {
            let run = try CLI.run(command + ["--help"])
            #expect(run.status == 0)
            // In Chinese: the overview, the description and every option's help.
            let chinese = try CLI.run(command + ["--help"], environment: ["LANG": "zh_CN.UTF-8"])
            let overview = chinese.output.split(separator: "\n").first ?? ""
            #expect(overview.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(overview)")
            #expect(chinese.output.contains("示例："), "\(command.joined(separator: " "))")
            let options = chinese.output.components(separatedBy: "OPTIONS:").last ?? ""
            let english = options.split(separator: "\n").filter { line in
                line.hasPrefix("  -") && !line.contains("--version") && !line.contains("--help")
                    && line.range(of: "[A-Z][a-z]+ [a-z]+", options: .regularExpression) != nil
            }
            #expect(english.isEmpty, "English option help left: \(english)")
            let examples = run.output.components(separatedBy: "Examples:").last ?? ""
            #expect(
                run.output.contains("Examples:") && examples.components(separatedBy: "metrotrace ").count >= 3,
                "\(command.joined(separator: " ")) --help has fewer than two examples")
        }
        for command in ["check", "chain", "due", "history", "search", "diagram", "report", "impact", "scheme"] {
            #expect(try CLI.run([command, "--help"]).output.contains("--lang"), "\(command)")
        }
    }

    @Test("suggestions for items, labs, quantities and subcommands")
    func suggestions() throws {
        let item = try CLI.run(["chain", "data/jiangxi", "nmat-m-ws"])
        #expect(item.status == 2 && item.error.contains("did you mean \"NMAT-M-WS1\""))
        let scheme = try CLI.run(["scheme", "data/jiangxi", "--quantity", "presure"])
        #expect(
            scheme.status == 2 && scheme.error.contains("did you mean \"pressure\"")
                && scheme.error.contains("mass (质量)"))
        let command = try CLI.run(["chek", "data/jiangxi"])
        #expect(command.status == 2 && command.error.contains("did you mean \"check\""))
        let due = try CLI.run(["due", "data/jiangxi", "--issuer", "JXM"])
        #expect(due.status == 2 && due.error.contains("\"JXIM\""))
    }

    @Test("due: overdue first and exit 1, out-of-service apart, --issuer by the lab that issued the record")
    func due() throws {
        let run = try CLI.run(["due", "data/jiangxi", "--at", "2026-11-26", "--within", "1m", "--format", "json"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let overdue = try #require(object["overdue"] as? [[String: Any]])
        #expect(overdue.map { $0["item"] as? String } == ["ENV-P-WS1"])
        // NMAT-M-WS1 is out of tolerance since 2026-08-20: not due, listed apart.
        let year = try CLI.run(["due", "data/jiangxi", "--at", "2026-11-26", "--within", "1y", "--format", "json"])
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(year.output.utf8)) as? [String: Any])
        let out = try #require(plan["outOfService"] as? [[String: Any]])
        let due = try #require(plan["due"] as? [[String: Any]])
        #expect(out.contains { $0["item"] as? String == "NMAT-M-WS1" })
        #expect(!due.contains { $0["item"] as? String == "NMAT-M-WS1" })
        let text = try CLI.run(["due", "data/jiangxi", "--at", "2026-11-26", "--within", "1y"])
        let overdueAt = try #require(text.output.range(of: "Overdue:"))
        let dueAt = try #require(text.output.range(of: "Falling due:"))
        #expect(overdueAt.lowerBound < dueAt.lowerBound)
        // --issuer: the records in force JXIM issued, whoever owns the item.
        let issued = try CLI.run([
            "due", "data/jiangxi", "--at", "2026-11-26", "--within", "1y", "--issuer", "JXIM", "--format", "json",
        ])
        let issuedPlan = try #require(
            try JSONSerialization.jsonObject(with: Data(issued.output.utf8)) as? [String: Any])
        let issuedItems =
            ((issuedPlan["due"] as? [[String: Any]]) ?? []) + ((issuedPlan["overdue"] as? [[String: Any]]) ?? [])
        #expect(
            !issuedItems.isEmpty && issuedItems.allSatisfy { ($0["record"] as? String)?.hasPrefix("JXIM-") == true })
        #expect(issuedItems.contains { $0["lab"] as? String != "JXIM" })
        let nothingOverdue = try CLI.run(["due", "data/jiangxi", "--at", "2025-01-01", "--within", "1d"])
        #expect(nothingOverdue.status == 0, "\(nothingOverdue.output)")
    }

    @Test(
        "CSV import reads Chinese headers; export writes them with --lang zh-Hans; errors name the CSV row; --force replaces tables"
    )
    func chineseTables() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tables = directory.appendingPathComponent("tables").path
        let export = try CLI.run(["export", "csv", "data/sample", "--out", tables, "--lang", "zh-Hans"])
        #expect(export.status == 0, "\(export.error)")
        let header =
            try String(contentsOfFile: tables + "/items.csv", encoding: .utf8).split(separator: "\r\n").first ?? ""
        #expect(header.hasSuffix("编号,名称,类别,量,单位,所属单位,测量范围下限,测量范围上限,准确度等级,出厂编号,最大允许误差,相对最大允许误差,年漂移,型号,制造厂,管理编号,强制检定"))
        let dataset = directory.appendingPathComponent("dataset").path
        let imported = try CLI.run(["import", "csv", tables, "--into", dataset])
        #expect(imported.status == 0, "\(imported.error)")
        let original = try CLI.run(["check", "data/sample", "--at", "2026-11-26", "--format", "json"])
        let again = try CLI.run(["check", dataset, "--at", "2026-11-26", "--format", "json"])
        func items(_ text: String) -> String { String(text[text.range(of: "\"items\"")!.lowerBound...]) }
        #expect(items(again.output) == items(original.output))
        // An export over the tables needs --force, and names what is in the way.
        let refused = try CLI.run(["export", "csv", "data/sample", "--out", tables])
        #expect(refused.status == 2 && refused.error.contains("--force"))
        #expect(try CLI.run(["export", "csv", "data/sample", "--out", tables, "--force", "--lang", "en"]).status == 0)
        let english = try String(contentsOfFile: tables + "/items.csv", encoding: .utf8)
        #expect(english.contains("id,name,kind"))
        FileManager.default.createFile(atPath: tables + "/notes.txt", contents: Data())
        let foreign = try CLI.run(["export", "csv", "data/sample", "--out", tables, "--force"])
        #expect(foreign.status == 2 && foreign.error.contains("notes.txt"))
        try FileManager.default.removeItem(atPath: tables + "/notes.txt")
        // A problem only the merged dataset shows names the CSV file and row, not the
        // document that was never written.
        var items = try String(contentsOfFile: tables + "/items.csv", encoding: .utf8)
        items = items.replacingOccurrences(
            of: "NIM-E1-1kg,E1等级1 kg标准砝码,reference-standard,mass,kg,NIM,",
            with: "NIM-E1-1kg,E1等级1 kg标准砝码,reference-standard,mass,kg,NOLAB,")
        try items.write(toFile: tables + "/items.csv", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["import", "csv", tables, "--into", directory.appendingPathComponent("other").path])
        #expect(bad.status == 2)
        #expect(bad.error.contains("items.csv:3: lab (item NIM-E1-1kg): unknown lab \"NOLAB\""), "\(bad.error)")
        #expect(!bad.error.contains("import-csv.json"))
        let chinese = try CLI.run(
            ["import", "csv", tables, "--into", directory.appendingPathComponent("other").path],
            environment: ["LANG": "zh_CN.UTF-8"])
        #expect(chinese.status == 2)
        #expect(chinese.error.contains("items.csv:3: lab (器具 NIM-E1-1kg): 未知的实验室“NOLAB”"), "\(chinese.error)")
    }

    @Test("problems with a dataset are told in the run's language, with file, line, path and subject as written")
    func chineseDiagnostics() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.json").path
        try """
        {"metrotrace": 1,
         "labs": [{"id": "L", "name": "某计量院", "kind": "galaxy", "colour": "red"}],
         "items": [{"id": "W", "name": "砝码", "kind": "working-standard", "quantity": "mass", "unit": "kgg", "lab": "L"}],
         "calibrations": [{"id": "R", "item": "W", "lab": "L", "date": "2025-13-01", "activity": "calibration"}]}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let chinese = try CLI.run(["check", file, "--lang", "zh-Hans"])
        #expect(chinese.status == 2)
        for expected in [
            "bad.json:2: labs[0].kind (实验室 L): 未知的取值“galaxy”；应为以下之一：",
            "bad.json:2: 警告：labs[0].colour (实验室 L): 已忽略未知字段“colour”；请对照数据集格式（docs/dataset-format.md）检查拼写",
            "items[0].unit (器具 W): 未知的单位“kgg”",
            "calibrations[0].date (记录 R): 日期“2025-13-01”无效",
        ] {
            #expect(chinese.error.contains(expected), "\(expected) not in \(chinese.error)")
        }
        #expect(!chinese.error.contains("unknown"), "\(chinese.error)")
        let english = try CLI.run(["check", file, "--lang", "en"])
        #expect(english.error.contains("bad.json:2: labs[0].kind (lab L): unknown value \"galaxy\"; expected one of"))
        #expect(english.error.contains("items[0].unit (item W): unknown unit \"kgg\""), "\(english.error)")
    }
}
