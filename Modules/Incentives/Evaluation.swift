import Foundation
import GazetteModel
import ModuleSpine

/// The industries of 二(三), with their command-line codes.
public enum Industry: String, Codable, Sendable, CaseIterable {
    /// 智能装备制造
    case smartEquipment = "smart-equipment"
    /// 功能性新材料
    case newMaterials = "new-materials"
    /// 互联网大数据
    case bigData = "big-data"
}

/// An investor's project, as `PROJECT.json` gives it. Money in 万元, foreign capital in 万美元.
/// Every fact may be missing: a missing fact makes its condition unknown, never a pass.
public struct Project: Codable, Sendable, Equatable {
    public var industry: Industry
    public var totalInvestment: Decimal?
    public var foreignInvestmentActual: Decimal?
    /// Yuan per US dollar, always given by the user: there is no built-in rate.
    public var usdRate: Decimal?
    public var externalInvestmentActual: Decimal?
    public var outOfCityShare: Decimal?
    public var committedTaxPerMu: Decimal?
    public var registeredCapital: Decimal?
    public var annualRent: Decimal?
    public var annualTax: Decimal?
    public var landSupport: Decimal?
    public var otherSubsidies: Decimal?
    /// The start of construction (and of the lease): subsidy years count from it.
    public var startDate: CivilDate?
    public var registeredLocally: Bool?
    public var independentLegalPerson: Bool?
    public var industrialPolicyCompliant: Bool?
    /// Big data: the years the company commits to operate in the district.
    public var operationYearsCommitted: Decimal?
    /// On a key industrial chain (重点产业链条上的补链强链延链项目, 二(二)).
    public var keyChain: Bool?
}

public struct Condition: Codable, Sendable, Equatable {
    public var id: String
    /// true, false, or nil when a fact is missing.
    public var passed: Bool?
    public var detail: String
    public var citation: String
}

public struct ScheduleYear: Codable, Sendable, Equatable {
    public var year: Int
    public var from: CivilDate?
    public var rentSubsidy: Decimal
    public var investmentSubsidy: Decimal
    public var total: Decimal
}

/// 二(二): projects handled at the top level.
public struct TopLevelHandling: Codable, Sendable, Equatable {
    public var flagged: Bool?
    public var reason: String
    /// 区投资促进中心 receives and screens; 区委办公室 and 区政府办公室 arrange the leaders.
    public var receivedBy: String
    public var escalatedTo: [String]
    public var citation: String
}

public struct Evaluation: Codable, Sendable {
    public var industry: Industry
    public var eligible: Bool?
    public var conditions: [Condition]
    /// Money is in this unit throughout.
    public var unit: String
    public var schedule: [ScheduleYear]
    public var total: Decimal
    public var cap: Decimal
    public var capped: Bool
    /// Whether the 6% subsidy on outside investment applies (二(三)(2)).
    public var investmentSubsidyApplies: Bool?
    public var foreignInvestmentYuan: Decimal?
    public var topLevel: TopLevelHandling
    public var notes: [String]
    public var citations: [String: String]
}

/// The rules of 周政发〔2020〕37号 二(三), with their numbers from the module's parameters.
public struct IncentiveRules: Sendable {
    let parameters: ParameterTable
    let date: CivilDate

    public init(parameters: ParameterTable, on date: CivilDate) {
        self.parameters = parameters
        self.date = date
    }

    func number(_ id: String) throws -> (value: Decimal, source: String) { try parameters.decimal(id, on: date) }

    /// ≥ a threshold: true, false, or nil when the fact is missing.
    static func atLeast(_ value: Decimal?, _ threshold: Decimal) -> Bool? { value.map { $0 >= threshold } }

    /// Either of two facts meets its threshold (`总投资…（实际到位外资…）以上`).
    static func either(_ first: Bool?, _ second: Bool?) -> Bool? {
        if first == true || second == true { return true }
        if first == false && second == false { return false }
        return nil
    }

    static func all(_ values: [Bool?]) -> Bool? {
        if values.contains(false) { return false }
        return values.contains { $0 == nil } ? nil : true
    }

    public func evaluate(_ project: Project) throws -> Evaluation {
        var notes: [String] = []
        let prefix = project.industry.rawValue
        var conditions: [Condition] = []
        func add(_ id: String, _ passed: Bool?, _ detail: String, _ citation: String) {
            conditions.append(Condition(id: id, passed: passed, detail: detail, citation: citation))
        }
        if let share = project.outOfCityShare, share < 0 || share > 1 {
            throw EntryError("outOfCityShare", "\(share) is not a share between 0 and 1")
        }
        var investmentSubsidyApplies: Bool?
        switch project.industry {
        case .smartEquipment, .newMaterials:
            let total = try number("\(prefix).total-investment")
            let foreign = try number("\(prefix).foreign-investment")
            add("investment-threshold", Self.either(Self.atLeast(project.totalInvestment, total.value), Self.atLeast(project.foreignInvestmentActual, foreign.value)),
                "total investment ≥ \(total.value)万元, or foreign capital actually arrived ≥ \(foreign.value)万美元", total.source)
            let tax = try number("\(prefix).tax-per-mu")
            add("tax-per-mu", Self.atLeast(project.committedTaxPerMu, tax.value), "committed tax per mu within three years of production ≥ \(tax.value)万元", tax.source)
            let share = try number("\(prefix).out-of-city-share")
            add("out-of-city-share", Self.atLeast(project.outOfCityShare, share.value), "investment from outside the city ≥ \(share.value * 100)%", share.source)
            add("industrial-policy", project.industrialPolicyCompliant, "complies with national industrial policy", total.source)
            add("registered-locally", project.registeredLocally, "registered with market regulation and tax in the district", total.source)
            add("independent-legal-person", project.independentLegalPerson, "independent legal person with independent accounts", total.source)
            let minimum = try number("\(prefix).investment-subsidy.minimum")
            investmentSubsidyApplies = Self.atLeast(project.externalInvestmentActual, minimum.value)
        case .bigData:
            let capital = try number("big-data.registered-capital")
            let contract = try number("big-data.contract-foreign-capital")
            add("registered-capital", Self.either(Self.atLeast(project.registeredCapital, capital.value), Self.atLeast(project.foreignInvestmentActual, contract.value)),
                "registered by an investor from outside the city with ≥ \(capital.value)万元 (or contract foreign capital ≥ \(contract.value)万美元)", capital.source)
            add("out-of-city-investor", project.outOfCityShare.map { $0 > 0 }, "the investor is from outside the city (a share above 0)", capital.source)
            add("tax-paying", project.annualTax.map { $0 > 0 }, "pays tax according to law", capital.source)
            add("registered-locally", project.registeredLocally, "registered in the district", capital.source)
            add("independent-legal-person", project.independentLegalPerson, "independent legal person with independent accounts", capital.source)
            let multiple = try number("big-data.tax-to-rent-multiple")
            let taxToRent: Bool? = project.annualTax.flatMap { tax in project.annualRent.map { tax >= multiple.value * $0 } }
            add("tax-to-rent", taxToRent, "yearly tax ≥ \(multiple.value) × rent, or the rent subsidy is not paid", multiple.source)
            let years = try number("big-data.operation-years")
            add("operation-years", Self.atLeast(project.operationYearsCommitted, years.value), "operates in the district for \(years.value) years", years.source)
            investmentSubsidyApplies = false
        }
        let eligible = Self.all(conditions.map(\.passed))
        let (schedule, capped, cap, capSource) = try schedule(project, investmentSubsidy: investmentSubsidyApplies == true, notes: &notes)
        if project.startDate == nil { notes.append("startDate is missing: the schedule counts years 1 to 5 without dates") }
        if project.foreignInvestmentActual != nil && project.usdRate == nil {
            notes.append("usdRate is missing: the foreign capital cannot be shown in 万元 (there is no built-in rate)")
        }
        let topLevel = try topLevelHandling(project)
        var citations = ["conditions": try number("\(prefix == "big-data" ? "big-data.registered-capital" : prefix + ".total-investment")").source,
                         "cap": capSource]
        citations["investmentSubsidy"] = try number("investment-subsidy.rate").source
        return Evaluation(
            industry: project.industry, eligible: eligible, conditions: conditions, unit: "万元", schedule: schedule,
            total: schedule.reduce(Decimal()) { $0 + $1.total }, cap: cap, capped: capped,
            investmentSubsidyApplies: investmentSubsidyApplies,
            foreignInvestmentYuan: project.foreignInvestmentActual.flatMap { foreign in project.usdRate.map { foreign * $0 } },
            topLevel: topLevel, notes: notes, citations: citations
        )
    }

    /// Rent subsidy by year (100% then 50%), the 6% subsidy on outside investment less land and
    /// rent support paid over three years, and the cap on all government support together.
    func schedule(_ project: Project, investmentSubsidy: Bool, notes: inout [String]) throws -> ([ScheduleYear], Bool, Decimal, String) {
        let prefix = project.industry.rawValue
        let fullYears = NSDecimalNumber(decimal: try number("\(prefix).rent.full-years").value).intValue
        let lastYear = NSDecimalNumber(decimal: try number("\(prefix).rent.half-through-year").value).intValue
        let halfRate = try number("rent.half-rate").value
        let rent = project.annualRent ?? 0
        if project.annualRent == nil { notes.append("annualRent is missing: no rent subsidy is counted") }
        var rows = (1...lastYear).map { year in
            ScheduleYear(year: year, from: project.startDate.map { CivilDate(year: $0.year + year - 1, month: $0.month, day: min($0.day, 28)) ?? $0 },
                         rentSubsidy: year <= fullYears ? rent : rent * halfRate, investmentSubsidy: 0, total: 0)
        }
        if investmentSubsidy, let external = project.externalInvestmentActual {
            let rate = try number("investment-subsidy.rate").value
            let years = NSDecimalNumber(decimal: try number("investment-subsidy.years").value).intValue
            let rentSupport = rows.reduce(Decimal()) { $0 + $1.rentSubsidy }
            let base = max(0, external - (project.landSupport ?? 0) - rentSupport)
            let amount = Self.round(base * rate)
            // Paid in equal parts; the last year takes what rounding to 0.0001万元 (one yuan) left.
            let part = Self.round(amount / Decimal(years), down: true)
            for year in 1...years {
                if year > rows.count { rows.append(ScheduleYear(year: year, from: nil, rentSubsidy: 0, investmentSubsidy: 0, total: 0)) }
                rows[year - 1].investmentSubsidy = year == years ? amount - part * Decimal(years - 1) : part
            }
        }
        let (cap, capSource) = try number("support.cap")
        // All government support counts toward the cap: land, talent, tax and other subsidies too.
        var room = max(0, cap - (project.landSupport ?? 0) - (project.otherSubsidies ?? 0))
        var capped = false
        for index in rows.indices {
            for keyPath in [\ScheduleYear.rentSubsidy, \ScheduleYear.investmentSubsidy] {
                let wanted = rows[index][keyPath: keyPath]
                let granted = min(wanted, room)
                if granted < wanted { capped = true }
                rows[index][keyPath: keyPath] = granted
                room -= granted
            }
            rows[index].total = rows[index].rentSubsidy + rows[index].investmentSubsidy
        }
        if capped { notes.append("the subsidies are cut at the cap of \(cap)万元 for all government support together, latest years first") }
        return (rows, capped, cap, capSource)
    }

    func topLevelHandling(_ project: Project) throws -> TopLevelHandling {
        let threshold = try number("top-level.investment")
        let flagged = Self.either(project.totalInvestment.map { $0 > threshold.value }, project.keyChain)
        return TopLevelHandling(
            flagged: flagged,
            reason: "investment above \(threshold.value)万元 (过亿元) or on a key industrial chain",
            receivedBy: "区投资促进中心", escalatedTo: ["区委办公室", "区政府办公室"], citation: threshold.source
        )
    }

    /// To 0.0001万元 (one yuan).
    static func round(_ value: Decimal, down: Bool = false) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 4, down ? .down : .plain)
        return output
    }
}
