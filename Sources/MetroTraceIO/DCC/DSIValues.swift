import MetroTrace

/// One value of a D-SI quantity (`si:real`, an element of `si:list`, `si:realList` or
/// `si:realListXMLList`, the chosen form of an `si:hybrid`), with the expanded
/// uncertainty the certificate states for it.
public struct DSIValue: Sendable, Equatable {
    /// The value with its D-SI unit (absolute scale).
    public var value: QuantityValue
    /// The expanded uncertainty stated for it, if any.
    public var expanded: ExpandedUncertainty?
    /// Its `si:label`, if any.
    public var label: String?
    /// The XPath of the element it was read from.
    public var path: String
}

/// A problem reading a D-SI quantity, at an XPath.
public struct DSIError: Error, Sendable, Equatable {
    /// The XPath of the element at fault.
    public var path: String
    /// Its line in the certificate.
    public var line: Int
    /// What is wrong.
    public var message: String
}

/// Reading PTB's D-SI quantity formats (1.3 and 2.x).
enum DSIValues {
    static let namespace = "https://ptb.de/si"

    /// The values a D-SI element holds; empty for elements that are not quantities
    /// (`si:complex`, `si:constant` are reported by the caller as not mapped).
    static func read(_ element: XMLTreeElement) throws(DSIError) -> [DSIValue] {
        switch element.name {
        case "real": return [try real(element)]
        case "list", "realList":
            let listUnit = try single(element, "listUnit")?.text
            let shared = try single(element, "listUnivariateUnc")
            var values: [DSIValue] = []
            for child in element.children where child.namespace == namespace {
                switch child.name {
                case "real": values.append(try real(child, listUnit: listUnit, sharedUncertainty: shared))
                case "list", "realList", "realListXMLList", "hybrid": values += try read(child)
                default: continue
                }
            }
            return values
        case "realListXMLList": return try realListXMLList(element)
        case "hybrid":
            // The same quantity in several units: the first form whose unit MetroTrace reads.
            var firstError: DSIError?
            for child in element.children where child.namespace == namespace {
                do throws(DSIError) {
                    let values = try read(child)
                    if !values.isEmpty { return values }
                } catch {
                    firstError = firstError ?? error
                }
            }
            if let firstError { throw firstError }
            return []
        default: return []
        }
    }

    /// The one child of `element` named `name` (nil when there is none).
    /// - Throws: ``DSIError`` when there are several: which of them the certificate
    ///   means cannot be told, so none is picked silently.
    static func single(_ element: XMLTreeElement?, _ name: String) throws(DSIError) -> XMLTreeElement? {
        guard let element else { return nil }
        let matches = element.children(name, in: namespace)
        guard matches.count <= 1 else {
            throw DSIError(
                path: matches[1].path, line: matches[1].line,
                message:
                    "si:\(name) appears \(matches.count) times in si:\(element.name); a D-SI quantity states it once")
        }
        return matches.first
    }

    static func number(_ element: XMLTreeElement?, _ what: String, in parent: XMLTreeElement) throws(DSIError) -> Double
    {
        guard let element else { throw DSIError(path: parent.path, line: parent.line, message: "\(what) is missing") }
        guard let number = Double(element.text), number.isFinite else {
            throw DSIError(
                path: element.path, line: element.line, message: "\(what) \"\(element.text)\" is not a number")
        }
        return number
    }

    static func unit(_ text: String?, at element: XMLTreeElement) throws(DSIError) -> MetroTrace.Unit {
        guard let text, !text.isEmpty else {
            throw DSIError(path: element.path, line: element.line, message: "si:unit is missing")
        }
        do throws(UnitError) {
            return try MetroTrace.Unit.parse(text)
        } catch {
            throw DSIError(
                path: element.path, line: element.line, message: "unknown unit \"\(text)\": \(error.message)")
        }
    }

    static func real(_ element: XMLTreeElement, listUnit: String? = nil, sharedUncertainty: XMLTreeElement? = nil)
        throws(DSIError) -> DSIValue
    {
        let number = try number(try single(element, "value"), "si:value", in: element)
        let unitElement = try single(element, "unit")
        let unit = try unit(unitElement?.text ?? listUnit, at: unitElement ?? element)
        let value = try finite(QuantityValue(number, unit, scale: .absolute), at: element)
        var expanded = try uncertainty(of: element, unit: unit)
        if expanded == nil, let sharedUncertainty { expanded = try uncertainty(of: sharedUncertainty, unit: unit) }
        return DSIValue(value: value, expanded: expanded, label: try single(element, "label")?.text, path: element.path)
    }

    /// `si:expandedUnc` or `si:coverageInterval` inside `element`.
    static func uncertainty(of element: XMLTreeElement, unit: MetroTrace.Unit) throws(DSIError) -> ExpandedUncertainty?
    {
        if let interval = try single(element, "coverageInterval"), try single(element, "expandedUnc") != nil {
            throw DSIError(
                path: interval.path, line: interval.line,
                message: "si:expandedUnc and si:coverageInterval are both given; a D-SI quantity states one uncertainty"
            )
        }
        if let expanded = try single(element, "expandedUnc") {
            let u = try number(try single(expanded, "uncertainty"), "si:uncertainty", in: expanded)
            let k = try single(expanded, "coverageFactor").map { (e: XMLTreeElement) throws(DSIError) in
                try number(e, "si:coverageFactor", in: expanded)
            }
            let p = try single(expanded, "coverageProbability").map { (e: XMLTreeElement) throws(DSIError) in
                try number(e, "si:coverageProbability", in: expanded)
            }
            return try checked(
                ExpandedUncertainty(QuantityValue(u, unit, scale: .interval), k: k, coverage: p), at: expanded)
        }
        if let interval = try single(element, "coverageInterval") {
            let low = try number(try single(interval, "intervalMin"), "si:intervalMin", in: interval)
            let high = try number(try single(interval, "intervalMax"), "si:intervalMax", in: interval)
            let p = try number(try single(interval, "coverageProbability"), "si:coverageProbability", in: interval)
            let standard = try single(interval, "standardUnc").map { (e: XMLTreeElement) throws(DSIError) in
                try number(e, "si:standardUnc", in: interval)
            }
            let half = (high - low) / 2
            let k = standard.flatMap { $0 > 0 ? half / $0 : nil }
            return try checked(
                ExpandedUncertainty(QuantityValue(half, unit, scale: .interval), k: k, coverage: p), at: interval)
        }
        return nil
    }

    /// The value, unless it overflows to infinity in coherent SI units (`1e308 \\yotta\\gram`).
    static func finite(_ value: QuantityValue, at element: XMLTreeElement) throws(DSIError) -> QuantityValue {
        guard value.si.isFinite else {
            throw DSIError(
                path: element.path, line: element.line,
                message: "\(value) is out of range: it overflows to infinity in coherent SI units")
        }
        return value
    }

    static func checked(_ expanded: ExpandedUncertainty, at element: XMLTreeElement) throws(DSIError)
        -> ExpandedUncertainty
    {
        _ = try finite(expanded.value, at: element)
        guard expanded.value.number >= 0 else {
            throw DSIError(
                path: element.path, line: element.line, message: "the uncertainty is negative (\(expanded.value))")
        }
        if let k = expanded.k, !(k > 0) {
            throw DSIError(
                path: element.path, line: element.line, message: "the coverage factor must be positive, found \(k)")
        }
        if let p = expanded.coverage, !(p > 0 && p < 1) {
            throw DSIError(
                path: element.path, line: element.line,
                message: "the coverage probability must lie between 0 and 1, found \(p)")
        }
        return expanded
    }

    /// Whitespace-separated tokens of a `…XMLList` element.
    static func tokens(_ element: XMLTreeElement?) -> [String] {
        element?.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init)
            ?? []
    }

    /// The `index`-th of `values`, or the only one when one stands for all.
    static func broadcast<T>(_ values: [T], _ index: Int) -> T? {
        values.count == 1 ? values[0] : (index < values.count ? values[index] : nil)
    }

    static func realListXMLList(_ element: XMLTreeElement) throws(DSIError) -> [DSIValue] {
        let valueElement = try single(element, "valueXMLList")
        let numbers = tokens(valueElement)
        guard !numbers.isEmpty else {
            throw DSIError(path: element.path, line: element.line, message: "si:valueXMLList is missing or empty")
        }
        let unitElement = try single(element, "unitXMLList")
        let units = tokens(unitElement)
        let labels = tokens(try single(element, "labelXMLList"))
        let expanded = try single(element, "expandedUncXMLList")
        let interval = try single(element, "coverageIntervalXMLList")
        func list(_ parent: XMLTreeElement?, _ name: String) throws(DSIError) -> (XMLTreeElement?, [String]) {
            let child = try single(parent, name)
            return (child, tokens(child))
        }
        let (uElement, us) = try list(expanded, "uncertaintyXMLList")
        let (_, ks) = try list(expanded, "coverageFactorXMLList")
        let (_, ps) = try list(expanded ?? interval, "coverageProbabilityXMLList")
        let (_, mins) = try list(interval, "intervalMinXMLList")
        let (_, maxs) = try list(interval, "intervalMaxXMLList")
        let (_, standards) = try list(interval, "standardUncXMLList")
        for (name, count) in [
            ("si:unitXMLList", units.count), ("si:uncertaintyXMLList", us.count),
            ("si:coverageFactorXMLList", ks.count),
            ("si:coverageProbabilityXMLList", ps.count), ("si:intervalMinXMLList", mins.count),
            ("si:intervalMaxXMLList", maxs.count),
        ]
        where count > 1 && count != numbers.count {
            throw DSIError(
                path: element.path, line: element.line,
                message: "\(name) has \(count) entries for \(numbers.count) values; give one for all or one per value")
        }
        func parse(_ token: String?, _ what: String, at: XMLTreeElement?) throws(DSIError) -> Double? {
            guard let token else { return nil }
            guard let number = Double(token), number.isFinite else {
                throw DSIError(
                    path: (at ?? element).path, line: (at ?? element).line,
                    message: "\(what) \"\(token)\" is not a number")
            }
            return number
        }
        var values: [DSIValue] = []
        for index in numbers.indices {
            let number = try parse(numbers[index], "value", at: valueElement)!
            let unit = try unit(broadcast(units, index), at: unitElement ?? element)
            var uncertainty: ExpandedUncertainty?
            if expanded != nil, let u = try parse(broadcast(us, index), "uncertainty", at: uElement) {
                uncertainty = try checked(
                    ExpandedUncertainty(
                        QuantityValue(u, unit, scale: .interval),
                        k: try parse(broadcast(ks, index), "coverage factor", at: expanded),
                        coverage: try parse(broadcast(ps, index), "coverage probability", at: expanded)), at: expanded!)
            } else if let interval, let low = try parse(broadcast(mins, index), "interval minimum", at: interval),
                let high = try parse(broadcast(maxs, index), "interval maximum", at: interval)
            {
                let half = (high - low) / 2
                let standard = try parse(broadcast(standards, index), "standard uncertainty", at: interval)
                uncertainty = try checked(
                    ExpandedUncertainty(
                        QuantityValue(half, unit, scale: .interval), k: standard.flatMap { $0 > 0 ? half / $0 : nil },
                        coverage: try parse(broadcast(ps, index), "coverage probability", at: interval)), at: interval)
            }
            values.append(
                DSIValue(
                    value: try finite(QuantityValue(number, unit, scale: .absolute), at: valueElement ?? element),
                    expanded: uncertainty,
                    label: broadcast(labels, index), path: element.path + "/si:valueXMLList[\(index + 1)]"))
        }
        return values
    }
}
