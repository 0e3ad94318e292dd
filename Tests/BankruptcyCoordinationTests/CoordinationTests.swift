import Foundation
import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import BankruptcyCoordination

@Suite("Bankruptcy cases: routing and escalation")
struct CoordinationTests {
    let database: GazetteDatabase

    init() throws {
        database = try Fixtures.seededDatabase(modules: [BankruptcyCoordinationModule.self])
    }

    @Test("A case's matters reach exactly the linked units of 附件2", arguments: [
        ("一", ["区法院", "区民政局", "区司法局", "区人力资源社会保障局", "区医疗保障分局", "区税务局"]),
        ("五", ["区法院", "区商务局", "区投资促进中心"]),
        ("六", ["区法院", "区发展改革局", "区市场监管局", "区地方金融监管局", "区税务局"]),
        ("十一", ["区法院", "区财政局"]),
    ])
    func routing(_ number: String, _ units: [String]) throws {
        let matter = try database.writer.write { db -> CaseMatter in
            let id = try Coordination.open(debtor: "某公司", accepted: CivilDate("2021-03-01")!, administrator: nil, by: Fixtures.context, in: db)
            return try Coordination.addMatter(caseId: id, matter: number, note: nil, by: Fixtures.context, in: db)
        }
        #expect(matter.units == units)
        #expect(matter.level == .business)
        #expect(matter.citation == "周政办字〔2020〕38号 附件2 \(number)")
    }

    @Test("Escalation follows the three levels in order, and decisions bind their owners")
    func escalation() throws {
        let id = try database.writer.write { db -> Int64 in
            let caseId = try Coordination.open(debtor: "某公司", accepted: CivilDate("2021-03-01")!, administrator: nil, by: Fixtures.context, in: db)
            return try Coordination.addMatter(caseId: caseId, matter: "三", note: nil, by: Fixtures.context, in: db).id
        }
        func meet(_ level: MeetingLevel, _ settled: Bool, chair: String? = nil) throws -> CaseMatter {
            try database.writer.write {
                try Coordination.meet(caseMatter: id, level: level, date: CivilDate("2021-04-01")!, chair: chair, outcome: settled ? .settled : .unsettled, note: nil,
                                      decision: settled ? "申报税收债权" : nil, owner: settled ? "区税务局" : nil, due: CivilDate("2021-05-01"), by: Fixtures.context, in: $0)
            }
        }
        // Skipping a level is refused.
        #expect(throws: EntryError.self) { try meet(.joint, false) }
        #expect(try meet(.business, false).level == .topic)
        #expect(throws: EntryError.self) { try meet(.topic, false, chair: "谢宜冰") }
        #expect(try meet(.topic, false, chair: "裴继涛").level == .joint)
        #expect(throws: EntryError.self) { try meet(.joint, true, chair: "裴继涛") }
        let settled = try meet(.joint, true, chair: "赵 学")
        #expect(settled.status == .settled)
        #expect(settled.meetings.count == 3)
        #expect(throws: EntryError.self) { try meet(.joint, true) }
        let decisions = try database.writer.read { try Coordination.decisions(on: CivilDate("2021-05-02")!, in: $0) }
        #expect(decisions.map(\.owner) == ["区税务局"])
        #expect(decisions.first?.overdue == true)
    }

    @Test("The schedule of a whole year: two joint meetings, four topic meetings, held and missed")
    func schedule() throws {
        let parameters = try BankruptcyCoordinationModule.parameters()
        try database.writer.write { db in
            _ = try Coordination.meeting(level: .joint, date: CivilDate("2021-06-30")!, chair: "谢宜冰", note: nil, by: Fixtures.context, in: db)
            _ = try Coordination.meeting(level: .topic, date: CivilDate("2021-01-15")!, chair: nil, note: nil, by: Fixtures.context, in: db)
            _ = try Coordination.meeting(level: .topic, date: CivilDate("2021-10-01")!, chair: nil, note: nil, by: Fixtures.context, in: db)
        }
        let periods = try database.writer.read { try Cadence.schedule(year: 2021, on: CivilDate("2022-01-01")!, parameters: parameters, in: $0) }
        #expect(periods.map(\.period) == ["2021-H1", "2021-H2", "2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"])
        #expect(periods.map(\.status) == ["held", "missed", "held", "missed", "missed", "held"])
        #expect(periods[0].citation == "周政办字〔2020〕38号 四(一)3")
        let midYear = try database.writer.read { try Cadence.schedule(year: 2021, on: CivilDate("2021-08-01")!, parameters: parameters, in: $0) }
        #expect(midYear.map(\.status) == ["held", "due", "held", "missed", "due", "held"])
    }

    @Test("The member lists: who owes which, and what is overdue")
    func lists() throws {
        let parameters = try BankruptcyCoordinationModule.parameters()
        // A list by its name in 五(二); a quarter as the schedule names it (2021-P1, as earlier lists named it, is read as 2021-Q1).
        try database.writer.write { try MemberLists.file(code: "欠税企业名单", period: "2021-P1", on: CivilDate("2021-03-20")!, by: Fixtures.context, in: $0) }
        try database.writer.write { try MemberLists.file(code: "revoked", period: "2021-q1", on: CivilDate("2021-03-21")!, by: Fixtures.context, in: $0) }
        let rows = try database.writer.read { try MemberLists.due(year: 2021, on: CivilDate("2021-04-10")!, parameters: parameters, in: $0) }
        #expect(rows.count == 14)
        #expect(rows.filter(\.overdue).count == 5)
        #expect(rows.first { $0.code == "tax-arrears" && $0.period == "2021-Q1" }?.unit == "区税务局")
        #expect(rows.first { $0.code == "revoked" }?.filedOn == CivilDate("2021-03-21"))
        // The quarter is the district's setting, not the document's: its source says so.
        #expect(rows.first?.citation.contains("只写“定期”") == true)
        let unknown = #expect(throws: EntryError.self) { try database.writer.write { try MemberLists.file(code: "x", period: "2021-Q1", on: CivilDate("2021-03-20")!, by: Fixtures.context, in: $0) } }
        #expect(unknown?.description.contains("吊销企业名单及基本情况 (revoked)") == true)
    }
}
