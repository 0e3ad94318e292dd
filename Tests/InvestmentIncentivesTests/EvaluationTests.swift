import Foundation
import GRDB
import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import InvestmentIncentives

@Suite("Incentives: conditions, schedule, deduction, cap (周政发〔2020〕37号 二(三))")
struct EvaluationTests {
    let rules: IncentiveRules

    init() throws {
        rules = IncentiveRules(parameters: try IncentivesModule.parameters(), on: CivilDate("2021-03-01")!)
    }

    /// A smart-equipment project that meets every condition.
    func smart(_ change: (inout Project) -> Void = { _ in }) -> Project {
        var project = Project(industry: .smartEquipment, totalInvestment: 8000, foreignInvestmentActual: 0, externalInvestmentActual: 6000,
                              outOfCityShare: Decimal(string: "0.6"),
                              committedTaxPerMu: 22, annualRent: 100, landSupport: 200, otherSubsidies: 0, startDate: CivilDate("2021-03-01"),
                              registeredLocally: true, independentLegalPerson: true, industrialPolicyCompliant: true, keyChain: false)
        change(&project)
        return project
    }

    func condition(_ id: String, _ project: Project) throws -> Bool? {
        try rules.evaluate(project).conditions.first { $0.id == id }!.passed
    }

    @Test("Each threshold at, just below and just above its value", arguments: [
        ("total", "5000", true), ("total", "4999.99", false), ("total", "5000.01", true),
        ("tax", "20", true), ("tax", "19.99", false), ("tax", "20.01", true),
        ("share", "0.5", true), ("share", "0.4999", false), ("share", "0.5001", true),
    ])
    func smartThresholds(_ which: String, _ value: String, _ passes: Bool) throws {
        let amount = Decimal(string: value)!
        let project = smart { project in
            switch which {
            case "total": project.totalInvestment = amount
            case "tax": project.committedTaxPerMu = amount
            default: project.outOfCityShare = amount
            }
        }
        let id = ["total": "investment-threshold", "tax": "tax-per-mu", "share": "out-of-city-share"][which]!
        #expect(try condition(id, project) == passes)
        #expect(try rules.evaluate(project).eligible == passes)
    }

    @Test("New materials: 1亿元 or 1000万美元 actually arrived, 25万元 a mu")
    func newMaterials() throws {
        let base = smart { $0.industry = .newMaterials; $0.committedTaxPerMu = 25; $0.totalInvestment = 10000 }
        #expect(try rules.evaluate(base).eligible == true)
        var below = base
        below.totalInvestment = 9999
        #expect(try condition("investment-threshold", below) == false)
        below.foreignInvestmentActual = 1000
        #expect(try condition("investment-threshold", below) == true)
        below.committedTaxPerMu = Decimal(string: "24.9")
        #expect(try condition("tax-per-mu", below) == false)
    }

    @Test("A missing fact makes its condition unknown, and never eligible: true")
    func unknownFacts() throws {
        let missingPolicy = smart { $0.industrialPolicyCompliant = nil }
        #expect(try condition("industrial-policy", missingPolicy) == nil)
        #expect(try rules.evaluate(missingPolicy).eligible == nil)
        // Total investment below the line, foreign capital unknown: it might still qualify.
        let unknownForeign = smart { $0.totalInvestment = 100; $0.foreignInvestmentActual = nil }
        #expect(try condition("investment-threshold", unknownForeign) == nil)
        // A failed condition makes it ineligible whatever is unknown.
        let failed = smart { $0.industrialPolicyCompliant = nil; $0.committedTaxPerMu = 1 }
        #expect(try rules.evaluate(failed).eligible == false)
        let empty = Project(industry: .bigData)
        #expect(try rules.evaluate(empty).eligible == nil)
    }

    @Test("Worked example: rent 100% then 50%, 6% of outside investment less land and rent support over three years")
    func schedule() throws {
        let evaluation = try rules.evaluate(smart())
        #expect(evaluation.schedule.map(\.rentSubsidy) == [100, 100, 50, 50, 50])
        // (6000 − 200 land − 350 rent) × 6% = 327, paid 109 a year.
        #expect(evaluation.schedule.map(\.investmentSubsidy) == [109, 109, 109, 0, 0])
        #expect(evaluation.schedule.map(\.total) == [209, 209, 159, 50, 50])
        #expect(evaluation.total == 677)
        #expect(evaluation.capped == false)
        #expect(evaluation.schedule.first?.from == CivilDate("2021-03-01"))
        #expect(evaluation.schedule.last?.from == CivilDate("2025-03-01"))
    }

    @Test("Below the 5000万元 of outside investment there is no 6% subsidy, and thirds keep every yuan")
    func investmentSubsidy() throws {
        let small = try rules.evaluate(smart { $0.externalInvestmentActual = Decimal(string: "4999.9999") })
        #expect(small.investmentSubsidyApplies == false)
        #expect(small.schedule.allSatisfy { $0.investmentSubsidy == 0 })
        let odd = try rules.evaluate(smart { $0.externalInvestmentActual = 6001 })
        // (6001 − 550) × 6% = 327.06: 109.02 a year, the last year the remainder.
        #expect(odd.schedule.prefix(3).map(\.investmentSubsidy) == [Decimal(string: "109.02")!, Decimal(string: "109.02")!, Decimal(string: "109.02")!])
        let uneven = try rules.evaluate(smart { $0.externalInvestmentActual = Decimal(string: "6000.01")! })
        let parts = uneven.schedule.prefix(3).map(\.investmentSubsidy)
        #expect(parts.reduce(0, +) == Decimal(string: "327.0006")!)
        #expect(parts[0] == Decimal(string: "109.0002")!)
    }

    @Test("The cap holds all government support together, land and other subsidies included")
    func cap() throws {
        let big = try rules.evaluate(smart { $0.externalInvestmentActual = 100_000; $0.landSupport = 1000; $0.otherSubsidies = 500 })
        #expect(big.capped)
        #expect(big.total == 3500)
        #expect(big.total + 1000 + 500 == big.cap)
        #expect(big.schedule.map(\.total) == [2073, 1427, 0, 0, 0])
        // Without land support: 350 rent + (6000 − 350) × 6% = 689. Other subsidies of 4311 leave exactly that room.
        let atCap = try rules.evaluate(smart { $0.landSupport = 0; $0.otherSubsidies = 4311 })
        #expect(atCap.capped == false)
        #expect(atCap.total == 689)
        let overCap = try rules.evaluate(smart { $0.landSupport = 0; $0.otherSubsidies = 4312 })
        #expect(overCap.capped)
        #expect(overCap.total == 688)
        #expect(overCap.schedule.last?.total == 49)
    }

    @Test("Big data: rent 100% for three years, tax four times the rent, ten years of operation")
    func bigData() throws {
        let project = Project(industry: .bigData, foreignInvestmentActual: 0, outOfCityShare: 1, registeredCapital: 500, annualRent: 20, annualTax: 80,
                              startDate: CivilDate("2021-03-01"), registeredLocally: true, independentLegalPerson: true, operationYearsCommitted: 10)
        let evaluation = try rules.evaluate(project)
        #expect(evaluation.eligible == true)
        #expect(evaluation.schedule.map(\.rentSubsidy) == [20, 20, 20, 10, 10])
        #expect(evaluation.schedule.allSatisfy { $0.investmentSubsidy == 0 })
        var lowTax = project
        lowTax.annualTax = Decimal(string: "79.99")
        #expect(try condition("tax-to-rent", lowTax) == false)
        var smallCapital = project
        smallCapital.registeredCapital = 499
        #expect(try condition("registered-capital", smallCapital) == false)
        smallCapital.foreignInvestmentActual = 50
        #expect(try condition("registered-capital", smallCapital) == true)
        var shortStay = project
        shortStay.operationYearsCommitted = 9
        #expect(try rules.evaluate(shortStay).eligible == false)
    }

    @Test("Projects over 1亿元, or on a key chain, go to top-level handling (二(二))")
    func topLevel() throws {
        #expect(try rules.evaluate(smart { $0.totalInvestment = 10000 }).topLevel.flagged == false)
        #expect(try rules.evaluate(smart { $0.totalInvestment = 10001 }).topLevel.flagged == true)
        #expect(try rules.evaluate(smart { $0.keyChain = true }).topLevel.flagged == true)
        #expect(try rules.evaluate(smart()).topLevel.receivedBy == "区投资促进中心")
    }

    @Test("A share outside 0–1 is refused")
    func badShare() {
        #expect(throws: EntryError.self) { try rules.evaluate(smart { $0.outOfCityShare = 2 }) }
    }
}

@Suite("Incentives ledgers: clawback (三(三)) and promotion funds (二(四), 三(二))")
struct IncentivesLedgerTests {
    @Test("A project that missed its tax per mu gives back everything paid")
    func clawback() throws {
        let database = try Fixtures.database(modules: [IncentivesModule.self])
        let parameters = try IncentivesModule.parameters()
        // A project that qualifies: its payments pass the schedule of 二(三) (rent 100, investment 109 a year).
        let project = Project(industry: .smartEquipment, totalInvestment: 8000, foreignInvestmentActual: 0, externalInvestmentActual: 6000,
                              outOfCityShare: Decimal(string: "0.6"), committedTaxPerMu: 22, annualRent: 100, landSupport: 200, otherSubsidies: 0,
                              startDate: CivilDate("2021-03-01"), registeredLocally: true, independentLegalPerson: true, industrialPolicyCompliant: true)
        let record = try database.writer.write { db -> ProjectRecord in
            let id = try ProjectLedger.add(name: "甲项目", project: project, on: CivilDate("2021-01-01")!, by: Fixtures.context, in: db)
            try ProjectLedger.pay(id, kind: .rent, amount: 100, on: CivilDate("2021-12-01")!, by: Fixtures.context, in: db)
            try ProjectLedger.pay(id, kind: .investment, amount: 109, on: CivilDate("2022-03-01")!, by: Fixtures.context, in: db)
            for (year, tax) in [(1, 10), (2, 18), (3, 21)] {
                try ProjectLedger.result(YearResult(projectId: id, year: year, taxPerMu: Decimal(tax), annualTax: nil, operating: true), by: Fixtures.context, in: db)
            }
            return try ProjectLedger.record(id, in: db)
        }
        let clawback = try ProjectLedger.clawback(record, parameters: parameters, on: CivilDate("2025-01-01")!)
        #expect(clawback.recover == 209)
        #expect(clawback.missed.map(\.id) == ["tax-per-mu"])
        #expect(clawback.citation == "周政发〔2020〕37号 三(三)")
        // Year 3 was typed wrong: recording it again is refused; the amendment corrects it, and then nothing is to be recovered.
        #expect(throws: EntryError.self) {
            try database.writer.write { try ProjectLedger.result(YearResult(projectId: record.id, year: 3, taxPerMu: 22, annualTax: nil, operating: true), by: Fixtures.context, in: $0) }
        }
        let third = try #require(try database.writer.read { try YearResult.filter(Column("project_id") == record.id && Column("year") == 3).fetchOne($0) })
        _ = try database.writer.write {
            try Ledger.amend(YearResult.self, key: third.id!, changes: [("tax-per-mu", "22")], reason: "税务部门更正", by: OperationContext(actor: "张三"), in: $0)
        }
        let kept = try database.writer.read { try ProjectLedger.record(record.id, in: $0) }
        #expect(try ProjectLedger.clawback(kept, parameters: parameters, on: CivilDate("2025-01-01")!).recover == 0)
    }

    @Test("Funds: the yearly amounts of 二(四), misuse flagged for recovery")
    func funds() throws {
        let database = try Fixtures.database(modules: [IncentivesModule.self])
        let parameters = try IncentivesModule.parameters()
        let lines = try database.writer.write { db -> [FundLine] in
            try FundLedger.allocate(holder: "周村经济开发区", kind: .park, year: 2021, amount: nil, parameters: parameters, by: Fixtures.context, in: db)
            try FundLedger.allocate(holder: "新材料产业招商公司", kind: .company, year: 2021, amount: 40, parameters: parameters, by: Fixtures.context, in: db)
            try FundLedger.spend(holder: "周村经济开发区", year: 2021, amount: 12, on: CivilDate("2021-05-01")!, purpose: "招商推介会", misuse: false, by: Fixtures.context, in: db)
            try FundLedger.spend(holder: "新材料产业招商公司", year: 2021, amount: 5, on: CivilDate("2021-06-01")!, purpose: "办公装修", misuse: true, by: Fixtures.context, in: db)
            return try FundLedger.lines(year: 2021, parameters: parameters, in: db)
        }
        #expect(lines.map(\.allocated) == [30 + 10, 50])
        #expect(lines.map(\.standard) == [30, 50])
        #expect(lines[0].recover == 5)
        #expect(lines[0].flags.count == 2)
        #expect(lines[1].recover == 0)
        #expect(lines[1].flags.isEmpty)
        #expect(throws: QueryError.self) {
            try database.writer.write { try FundLedger.spend(holder: "无名园区", year: 2021, amount: 1, on: CivilDate("2021-05-01")!, purpose: "x", misuse: false, by: Fixtures.context, in: $0) }
        }
    }
}
