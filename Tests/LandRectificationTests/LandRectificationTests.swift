import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import LandRectification

@Suite("Land module: the 15 tasks come from the imported document")
struct LandRectificationTests {
    @Test("15 tasks in 6 categories, with responsible units")
    func tasks() throws {
        let database = try Fixtures.seededDatabase(modules: [LandRectificationModule.self])
        let tasks = try ModuleListing.assignments(module: "land", kind: "task", unit: nil, in: Store(database: database, modules: [], context: Fixtures.context))
        #expect(tasks.map(\.number) == (1...15).map(String.init))
        #expect(Set(tasks.compactMap(\.category)).count == 6)
        #expect(tasks[6].title == "扎实推进闲置土地处置工作")
        #expect(tasks[6].units == ["区自然资源局", "区发展改革局", "区住房城乡建设局", "区法院", "区综合行政执法局"])
        #expect(tasks[6].citation == "周政办字〔2020〕37号 二(三)7")
        let wangcun = try ModuleListing.assignments(module: "land", kind: "task", unit: "王村镇", in: Store(database: database, modules: [], context: Fixtures.context))
        #expect(wangcun.map(\.number) == ["12", "13"])
    }

    @Test("Idle-land periods and disposal targets are dated parameters")
    func parameters() throws {
        let table = try LandRectificationModule.parameters()
        #expect(try table.decimal("idle.fee-after-years", on: CivilDate("2020-11-01")!).value == 1)
        #expect(try table.decimal("idle.take-back-after-years", on: CivilDate("2020-11-01")!).value == 2)
        #expect(try table.value("approved-unsupplied.final-target.date", on: CivilDate("2020-11-01")!).value.date == CivilDate("2021-06-30"))
    }
}
