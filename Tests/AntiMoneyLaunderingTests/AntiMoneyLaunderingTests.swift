import Testing
import GazetteStore
import ModuleSpine
import TestSupport
@testable import AntiMoneyLaundering

@Suite("Anti-money-laundering module: registration and duties")
struct AntiMoneyLaunderingTests {
    @Test("Every member unit's duty, found by unit under either of its names")
    func duties() throws {
        let database = try Fixtures.seededDatabase(modules: [AntiMoneyLaunderingModule.self])
        let all = try ModuleListing.duties(module: "aml", unit: nil, in: Store(database: database, modules: [], context: Fixtures.context))
        #expect(all.count == 15)
        #expect(all.allSatisfy { $0.citation == "周政办字〔2020〕35号 二" && $0.body == "周村区反洗钱工作联席会议" })
        for name in ["人民银行淄博中心支行", "人民银行淄博市中心支行"] {
            let bank = try ModuleListing.duties(module: "aml", unit: name, in: Store(database: database, modules: [], context: Fixtures.context))
            #expect(bank.map(\.unit) == ["人民银行淄博市中心支行"])
        }
        #expect(throws: QueryError.self) { try ModuleListing.duties(module: "aml", unit: "区不存在局", in: Store(database: database, modules: [], context: Fixtures.context)) }
    }

    @Test("It has no numbers to keep, and says so with an empty table")
    func parameters() throws {
        #expect(try AntiMoneyLaunderingModule.parameters().parameters.isEmpty)
    }
}
