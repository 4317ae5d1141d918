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
            let listUnit = element.child("listUnit", in: namespace)?.text
            let shared = element.child("listUnivariateUnc", in: namespace)
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

    static func number(_ element: XMLTreeElement?, _ what: String, in parent: XMLTreeElement) throws(DSIError) -> Double {
        guard let element else { throw DSIError(path: parent.path, line: parent.line, message: "\(what) is missing") }
        guard let number = Double(element.text), number.isFinite else {
            throw DSIError(path: element.path, line: element.line, message: "\(what) \"\(element.text)\" is not a number")
        }
        return number
    }

    static func unit(_ text: String?, at element: XMLTreeElement) throws(DSIError) -> MetroTrace.Unit {
        guard let text, !text.isEmpty else { throw DSIError(path: element.path, line: element.line, message: "si:unit is missing") }
        do throws(UnitError) {
            return try MetroTrace.Unit.parse(text)
        } catch {
            throw DSIError(path: element.path, line: element.line, message: "unknown unit \"\(text)\": \(error.message)")
        }
    }

    static func real(_ element: XMLTreeElement, listUnit: String? = nil, sharedUncertainty: XMLTreeElement? = nil)
        throws(DSIError) -> DSIValue
    {
        let number = try number(element.child("value", in: namespace), "si:value", in: element)
        let unitElement = element.child("unit", in: namespace)
        let unit = try unit(unitElement?.text ?? listUnit, at: unitElement ?? element)
        let value = QuantityValue(number, unit, scale: .absolute)
        var expanded = try uncertainty(of: element, unit: unit)
        if expanded == nil, let sharedUncertainty { expanded = try uncertainty(of: sharedUncertainty, unit: unit) }
        return DSIValue(value: value, expanded: expanded, label: element.child("label", in: namespace)?.text, path: element.path)
    }

    /// `si:expandedUnc` or `si:coverageInterval` inside `element`.
    static func uncertainty(of element: XMLTreeElement, unit: MetroTrace.Unit) throws(DSIError) -> ExpandedUncertainty? {
        if let expanded = element.child("expandedUnc", in: namespace) {
            let u = try number(expanded.child("uncertainty", in: namespace), "si:uncertainty", in: expanded)
            let k = try expanded.child("coverageFactor", in: namespace).map { (e: XMLTreeElement) throws(DSIError) in try number(e, "si:coverageFactor", in: expanded) }
            let p = try expanded.child("coverageProbability", in: namespace).map { (e: XMLTreeElement) throws(DSIError) in try number(e, "si:coverageProbability", in: expanded) }
            return try checked(ExpandedUncertainty(QuantityValue(u, unit, scale: .interval), k: k, coverage: p), at: expanded)
        }
        if let interval = element.child("coverageInterval", in: namespace) {
            let low = try number(interval.child("intervalMin", in: namespace), "si:intervalMin", in: interval)
            let high = try number(interval.child("intervalMax", in: namespace), "si:intervalMax", in: interval)
            let p = try number(interval.child("coverageProbability", in: namespace), "si:coverageProbability", in: interval)
            let standard = try interval.child("standardUnc", in: namespace).map { (e: XMLTreeElement) throws(DSIError) in try number(e, "si:standardUnc", in: interval) }
            let half = (high - low) / 2
            let k = standard.flatMap { $0 > 0 ? half / $0 : nil }
            return try checked(ExpandedUncertainty(QuantityValue(half, unit, scale: .interval), k: k, coverage: p), at: interval)
        }
        return nil
    }

    static func checked(_ expanded: ExpandedUncertainty, at element: XMLTreeElement) throws(DSIError) -> ExpandedUncertainty {
        guard expanded.value.number >= 0 else {
            throw DSIError(path: element.path, line: element.line, message: "the uncertainty is negative (\(expanded.value))")
        }
        if let k = expanded.k, !(k > 0) {
            throw DSIError(path: element.path, line: element.line, message: "the coverage factor must be positive, found \(k)")
        }
        if let p = expanded.coverage, !(p > 0 && p < 1) {
            throw DSIError(path: element.path, line: element.line, message: "the coverage probability must lie between 0 and 1, found \(p)")
        }
        return expanded
    }

    /// Whitespace-separated tokens of a `…XMLList` element.
    static func tokens(_ element: XMLTreeElement?) -> [String] {
        element?.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init) ?? []
    }

    /// The `index`-th of `values`, or the only one when one stands for all.
    static func broadcast<T>(_ values: [T], _ index: Int) -> T? {
        values.count == 1 ? values[0] : (index < values.count ? values[index] : nil)
    }

    static func realListXMLList(_ element: XMLTreeElement) throws(DSIError) -> [DSIValue] {
        let valueElement = element.child("valueXMLList", in: namespace)
        let numbers = tokens(valueElement)
        guard !numbers.isEmpty else { throw DSIError(path: element.path, line: element.line, message: "si:valueXMLList is missing or empty") }
        let unitElement = element.child("unitXMLList", in: namespace)
        let units = tokens(unitElement)
        let labels = tokens(element.child("labelXMLList", in: namespace))
        let expanded = element.child("expandedUncXMLList", in: namespace)
        let interval = element.child("coverageIntervalXMLList", in: namespace)
        func list(_ parent: XMLTreeElement?, _ name: String) -> (XMLTreeElement?, [String]) {
            let child = parent?.child(name, in: namespace)
            return (child, tokens(child))
        }
        let (uElement, us) = list(expanded, "uncertaintyXMLList")
        let (_, ks) = list(expanded, "coverageFactorXMLList")
        let (_, ps) = list(expanded ?? interval, "coverageProbabilityXMLList")
        let (_, mins) = list(interval, "intervalMinXMLList")
        let (_, maxs) = list(interval, "intervalMaxXMLList")
        let (_, standards) = list(interval, "standardUncXMLList")
        for (name, count) in [("si:unitXMLList", units.count), ("si:uncertaintyXMLList", us.count), ("si:coverageFactorXMLList", ks.count),
                              ("si:coverageProbabilityXMLList", ps.count), ("si:intervalMinXMLList", mins.count),
                              ("si:intervalMaxXMLList", maxs.count)]
        where count > 1 && count != numbers.count {
            throw DSIError(path: element.path, line: element.line,
                           message: "\(name) has \(count) entries for \(numbers.count) values; give one for all or one per value")
        }
        func parse(_ token: String?, _ what: String, at: XMLTreeElement?) throws(DSIError) -> Double? {
            guard let token else { return nil }
            guard let number = Double(token), number.isFinite else {
                throw DSIError(path: (at ?? element).path, line: (at ?? element).line, message: "\(what) \"\(token)\" is not a number")
            }
            return number
        }
        var values: [DSIValue] = []
        for index in numbers.indices {
            let number = try parse(numbers[index], "value", at: valueElement)!
            let unit = try unit(broadcast(units, index), at: unitElement ?? element)
            var uncertainty: ExpandedUncertainty?
            if expanded != nil, let u = try parse(broadcast(us, index), "uncertainty", at: uElement) {
                uncertainty = try checked(ExpandedUncertainty(
                    QuantityValue(u, unit, scale: .interval), k: try parse(broadcast(ks, index), "coverage factor", at: expanded),
                    coverage: try parse(broadcast(ps, index), "coverage probability", at: expanded)), at: expanded!)
            } else if let interval, let low = try parse(broadcast(mins, index), "interval minimum", at: interval),
                      let high = try parse(broadcast(maxs, index), "interval maximum", at: interval) {
                let half = (high - low) / 2
                let standard = try parse(broadcast(standards, index), "standard uncertainty", at: interval)
                uncertainty = try checked(ExpandedUncertainty(
                    QuantityValue(half, unit, scale: .interval), k: standard.flatMap { $0 > 0 ? half / $0 : nil },
                    coverage: try parse(broadcast(ps, index), "coverage probability", at: interval)), at: interval)
            }
            values.append(DSIValue(value: QuantityValue(number, unit, scale: .absolute), expanded: uncertainty,
                                   label: broadcast(labels, index), path: element.path + "/si:valueXMLList[\(index + 1)]"))
        }
        return values
    }
}
