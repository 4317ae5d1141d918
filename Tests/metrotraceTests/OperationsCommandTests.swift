import Foundation
import Testing

/// `metrotrace impact`, `due` and `report` as users run them, on the bundled networks.
@Suite("impact, due and report commands")
struct OperationsCommandTests {
    @Test("impact of the sample's out-of-tolerance torque calibrator lists exactly its documented suspects")
    func impactSample() throws {
        let run = try CommandLineTests.run([
            "impact", "data/sample", "AUTO-TWC", "--found-out-of-tolerance", "2026-09-15",
            "--at", "2026-11-26", "--format", "json",
        ])
        #expect(run.status == 1, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["lastGood"] as? String == "2026-03-04")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(
            Set(items.compactMap { $0["item"] as? String }) == ["NAP-TW-01", "NAP-TW-02", "NAP-TW-05", "NAP-TW-06"])
        #expect(items.allSatisfy { $0["stillAffected"] as? Bool == true && $0["depth"] as? Int == 1 })
        // Without a date, the standard's last out-of-tolerance event in the dataset is taken.
        let fromEvent = try CommandLineTests.run(["impact", "data/sample", "AUTO-TWC", "--at", "2026-11-26"])
        #expect(fromEvent.output.contains("found out of tolerance on 2026-09-15"), "\(fromEvent.error)")
        let none = try CommandLineTests.run(["impact", "data/sample", "JXIM-PB", "--at", "2026-11-26"])
        #expect(none.status == 2 && none.error.contains("records no out-of-tolerance event for JXIM-PB"))
    }

    @Test("impact of the Jiangxi weight set matches the documented suspects; a deviation flags TURs; SVG renders")
    func impactJiangxi() throws {
        let table = try CommandLineTests.run([
            "impact", "data/jiangxi", "NMAT-M-WS1", "--found-out-of-tolerance", "2026-08-20",
            "--at", "2026-11-26", "--deviation", "90 mg",
        ])
        #expect(table.status == 1)
        for item in ["NMAT-E1-M04", "NMAT-E1-M07", "NMAT-E1-M08", "NMAT-E2-M02", "NMAT-E2-M06", "NMAT-E2-M10"] {
            #expect(table.output.contains(item))
        }
        #expect(!table.output.contains("NMAT-E2-M03"))
        #expect(table.output.contains("6 items affected (6 still affected), 6 records"))
        #expect(table.output.contains("TUR 2.9:1 below 3:1"))
        let svg = NSTemporaryDirectory() + "impact-\(UUID().uuidString).svg"
        let drawn = try CommandLineTests.run([
            "impact", "data/jiangxi", "JXIM-M-REF", "--found-out-of-tolerance", "2026-10-01",
            "--at", "2026-11-26", "--format", "svg", "-o", svg,
        ])
        #expect(drawn.status == 1, "\(drawn.error)")
        // Graphviz writes "-" as &#45; in SVG text.
        let text = try String(contentsOfFile: svg, encoding: .utf8).replacingOccurrences(of: "&#45;", with: "-")
        #expect(text.contains("</svg>") && text.contains("JXIM-M-REF") && text.contains("NMAT-M-WS1"))
        let bad = try CommandLineTests.run([
            "impact", "data/jiangxi", "NMAT-M-WS1", "--found-out-of-tolerance", "2026-08-20",
            "--deviation", "ninety",
        ])
        #expect(bad.status == 2)
    }

    @Test("due lists what falls due in the window, overdue apart (exit 1), out of service apart; CSV and iCalendar")
    func due() throws {
        let run = try CommandLineTests.run([
            "due", "data/sample", "--at", "2026-11-26", "--within", "30d", "--format", "json",
        ])
        #expect(run.status == 1, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let due = try #require(object["due"] as? [[String: Any]])
        #expect(due.compactMap { $0["item"] as? String } == ["KD-TH-03", "NAP-TW-04"])
        #expect(due.first?["daysLeft"] as? Int == 4)
        let overdue = try #require(object["overdue"] as? [[String: Any]])
        #expect(overdue.compactMap { $0["item"] as? String } == ["MED-PRT", "NAP-TW-07"])
        // NAP-CAL-03 was retired on 2026-07-01: not to be recalibrated, so not overdue.
        let retired = try #require(object["outOfService"] as? [[String: Any]])
        #expect(retired.compactMap { $0["item"] as? String } == ["NAP-CAL-03"])
        let csv = try CommandLineTests.run([
            "due", "data/sample", "--at", "2026-11-26", "--within", "1m", "--format", "csv",
        ])
        #expect(
            csv.output.hasPrefix(
                "\u{FEFF}lab,item,name,kind,record,due,days_left,overdue,blocks,blocked_downstream,out_of_service\r\n"))
        let ics = try CommandLineTests.run([
            "due", "data/sample", "--at", "2026-11-26", "--within", "30", "--format", "ics",
        ])
        #expect(ics.output.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.output.contains("DTSTART;VALUE=DATE:20261130\r\n"))
        #expect(ics.output.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(try CommandLineTests.run(["due", "data/sample", "--within", "soon"]).status == 2)
    }

    @Test("report writes one self-contained HTML file with the summary and the broken chains' diagrams")
    func report() throws {
        let path = NSTemporaryDirectory() + "report-\(UUID().uuidString).html"
        let run = try CommandLineTests.run(["report", "data/jiangxi", "--at", "2026-11-26", "-o", path])
        #expect(run.status == 1, "\(run.error)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<section id=\"summary\">") && html.contains("tungsten and rare earths"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 8)
        for item in ["ENV-P-WS1", "AUTO-E2-N90", "MED-E1-T03", "FOOD-E2-M03"] { #expect(html.contains(item)) }
    }
}
