/// A municipality or county of the register, as reports need it.
public struct RegisterUnit: Sendable, Hashable {
    /// `3301` for a municipality, `33` for a county.
    public var number: String
    public var name: String
    public var countyNumber: String
    public var county: String

    public init(number: String, name: String, countyNumber: String, county: String) {
        self.number = number
        self.name = name
        self.countyNumber = countyNumber
        self.county = county
    }
}

/// The municipalities and counties in force in a booklet's year: what coverage is measured
/// against. Plain values, handed over by the pipeline from the register it read.
public struct RegisterFacts: Sendable, Hashable {
    /// The year the structure took effect (`2020`, `2024`); 0 when there is no register.
    public var structureYear: Int
    /// Sorted by number.
    public var municipalities: [RegisterUnit]
    /// Sorted by number; `number` and `countyNumber` are the county number.
    public var counties: [RegisterUnit]

    public init(structureYear: Int, municipalities: [RegisterUnit], counties: [RegisterUnit]) {
        self.structureYear = structureYear
        self.municipalities = municipalities.sorted { $0.number < $1.number }
        self.counties = counties.sorted { $0.number < $1.number }
    }

    /// No register: coverage is not measured, counties come from the respondents.
    public static let none = RegisterFacts(structureYear: 0, municipalities: [], counties: [])

    public var isEmpty: Bool { municipalities.isEmpty && counties.isEmpty }
}
