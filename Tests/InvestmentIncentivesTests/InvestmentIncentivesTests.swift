import Foundation
import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import InvestmentIncentives

@Suite("Incentives module: registration and thresholds")
struct InvestmentIncentivesTests {
    @Test("It recognises 周政发〔2020〕37号 only")
    func recognises() throws {
        let database = try Fixtures.seededDatabase(modules: [IncentivesModule.self])
        let documents = try database.writer.read { try DocumentQueries.recognised(by: "incentives", in: $0) }
        #expect(documents.map(\.number) == ["周政发〔2020〕37号"])
    }

    @Test("Every industry's thresholds are dated, cited, exact")
    func thresholds() throws {
        let table = try IncentivesModule.parameters()
        let day = CivilDate("2020-10-12")!
        #expect(try table.decimal("smart-equipment.total-investment", on: day) == (5000, "周政发〔2020〕37号 二(三)"))
        #expect(try table.decimal("new-materials.tax-per-mu", on: day).value == 25)
        #expect(try table.decimal("investment-subsidy.rate", on: day).value == Decimal(string: "0.06")!)
        #expect(try table.decimal("support.cap", on: day).value == 5000)
        #expect(try table.decimal("promotion-fund.company", on: day).source == "周政发〔2020〕37号 二(四)")
        #expect(throws: ParameterError.self) { try table.decimal("support.cap", on: CivilDate("2020-10-11")!) }
    }
}
