import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import PollutionResponse

@Suite("Pollution module: registration, parameters, duties")
struct PollutionResponseTests {
    @Test("It recognises the plan and no other document of the issue")
    func recognises() throws {
        let database = try Fixtures.seededDatabase(modules: [PollutionResponseModule.self])
        let documents = try database.writer.read { try DocumentQueries.recognised(by: "pollution", in: $0) }
        #expect(documents.map(\.number) == ["周政办字〔2020〕39号"])
    }

    @Test("Its numbers are dated parameters with clauses, and before the plan there are none")
    func parameters() throws {
        let table = try PollutionResponseModule.parameters()
        #expect(try table.decimal("alert.orange.min-days", on: CivilDate("2020-10-17")!) == (3, "周政办字〔2020〕39号 四(一)2"))
        #expect(try table.decimal("reduction.I.so2-nox", on: CivilDate("2021-01-01")!).value == 60)
        #expect(throws: ParameterError.self) { try table.decimal("alert.orange.min-days", on: CivilDate("2020-10-16")!) }
    }

    @Test("The command's 13 member units and their duties, each with its clause")
    func duties() throws {
        let database = try Fixtures.seededDatabase(modules: [PollutionResponseModule.self])
        let rows = try ModuleListing.duties(module: "pollution", unit: nil, in: Store(database: database, modules: [], context: Fixtures.context))
        #expect(rows.count == 13)
        #expect(rows.allSatisfy { $0.citation.hasPrefix("周政办字〔2020〕39号 附件3 ") })
        let police = try ModuleListing.duties(module: "pollution", unit: "周村交警大队", in: Store(database: database, modules: [], context: Fixtures.context))
        #expect(police.first?.duty.contains("车辆限行") == true)
        #expect(police.first?.citation == "周政办字〔2020〕39号 附件3 十二")
    }
}
