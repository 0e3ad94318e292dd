import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import BankruptcyCoordination

@Suite("Bankruptcy module: the 12 matters of 附件2")
struct BankruptcyCoordinationTests {
    @Test("Each matter with exactly its linked units")
    func matters() throws {
        let database = try Fixtures.seededDatabase(modules: [BankruptcyCoordinationModule.self])
        let matters = try ModuleListing.assignments(module: "bankruptcy", kind: "matter", unit: nil, in: Store(database: database, modules: [], context: Fixtures.context))
        #expect(matters.count == 12)
        #expect(matters.map(\.number) == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"])
        #expect(matters[2].units == ["区法院", "区税务局"])
        #expect(matters[4].units == ["区法院", "区商务局", "区投资促进中心"])
        #expect(matters[10].citation == "周政办字〔2020〕38号 附件2 十一")
        let tax = try ModuleListing.assignments(module: "bankruptcy", kind: "matter", unit: "区税务局", in: Store(database: database, modules: [], context: Fixtures.context))
        #expect(tax.map(\.number) == ["一", "二", "三", "六", "九", "十二"])
    }

    @Test("Meeting cadence as dated parameters")
    func parameters() throws {
        let table = try BankruptcyCoordinationModule.parameters()
        #expect(try table.decimal("joint-meeting.interval-months", on: CivilDate("2021-01-01")!).value == 6)
        #expect(try table.decimal("topic-meeting.interval-months", on: CivilDate("2021-01-01")!).value == 3)
    }
}
