// How the core's value types are encoded (`Codable`), for embedders that send them over
// the wire or keep them: days as ISO 8601 dates, units as their symbols, quantity values
// as their number, unit and SI value, indices as integers. The model and result types
// synthesise their coding from these.

extension Day: Codable {
    /// Decodes an ISO 8601 date, `2025-03-01`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a date (YYYY-MM-DD)")
        }
        self = day
    }

    /// Encodes the ISO 8601 date.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Unit: Codable {
    /// Decodes a unit symbol, `mg` or `m⁻¹·kg·s⁻²`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let symbol = try container.decode(String.self)
        do {
            self = try Unit.parse(symbol)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the unit's symbol.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(symbol)
    }
}

extension QuantityValue: Codable {
    private enum CodingKeys: String, CodingKey {
        case number, unit, si
    }

    /// Decodes `{"number": 59, "unit": "mg", "si": 5.9e-05}`; the SI value is kept as
    /// encoded, so that a value read on the absolute or the interval scale stays so.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(Double.self, forKey: .number)
        unit = try container.decode(Unit.self, forKey: .unit)
        si = try container.decode(Double.self, forKey: .si)
    }

    /// Encodes the number, the unit's symbol and the SI value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(unit, forKey: .unit)
        try container.encode(si, forKey: .si)
    }
}

extension ItemIndex: Codable {
    /// Decodes the index as an integer.
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(Int32.self)) }

    /// Encodes the index as an integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension RecordIndex: Codable {
    /// Decodes the index as an integer.
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(Int32.self)) }

    /// Encodes the index as an integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension LabIndex: Codable {
    /// Decodes the index as an integer.
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(Int32.self)) }

    /// Encodes the index as an integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
