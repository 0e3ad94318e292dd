import Foundation
import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import AntiMoneyLaundering

@Suite("The joint meeting's ledger")
struct JointMeetingTests {
    let database: GazetteDatabase

    init() throws {
        database = try Fixtures.seededDatabase(modules: [AntiMoneyLaunderingModule.self])
    }

    @Test("The five kinds of topic of 四(一) are read from the imported document")
    func topics() throws {
        let topics = try database.writer.read { try JointMeeting.topics(in: $0) }
        #expect(topics.count == 5)
        #expect(topics[1].label == "研究反洗钱工作的新情况、新问题")
        #expect(topics.allSatisfy { $0.citation == "周政办字〔2020〕35号 四(一)" })
    }

    @Test("Every member unit's duty is found by topic")
    func who() throws {
        let realEstate = try database.writer.read { try JointMeeting.who("房地产", in: $0) }
        #expect(realEstate.map(\.unit) == ["区住房城乡建设局"])
        let suspicious = try database.writer.read { try JointMeeting.who("可疑资金交易", in: $0) }
        #expect(suspicious.map(\.unit) == ["人民银行淄博市中心支行", "区公安分局", "区地方金融监管局"])
        let both = try database.writer.read { try JointMeeting.who("宣传 意识", in: $0) }
        #expect(both.map(\.unit) == ["区商务局", "区融媒体中心"])
        // Every one of the 15 duties is reachable by some word of its own text.
        let duties = try ModuleListing.duties(module: "aml", unit: nil, in: Store(database: database, modules: [], context: Fixtures.context))
        for duty in duties {
            let word = String(duty.duty.prefix(6))
            #expect(try database.writer.read { try JointMeeting.who(word, in: $0) }.contains { $0.unit == duty.unit })
        }
    }

    @Test("A plenary meeting's minutes reach every member unit, and receipts are tracked")
    func minutes() throws {
        let meeting = try database.writer.write { db -> Meeting in
            let id = try JointMeeting.addMeeting(date: CivilDate("2020-11-05")!, kind: .plenary, subject: "部署", topics: [1], units: [],
                                                 reportUpward: false, by: Fixtures.context, in: db)
            try JointMeeting.recordMinutes(id, text: "纪要", by: Fixtures.context, in: db)
            try JointMeeting.receive(id, unit: "人民银行淄博中心支行", on: CivilDate("2020-11-06")!, by: Fixtures.context, in: db)
            return try JointMeeting.meeting(id, in: db)
        }
        #expect(meeting.deliveries.count == 15)
        let dutyUnits = try ModuleListing.duties(module: "aml", unit: nil, in: Store(database: database, modules: [], context: Fixtures.context)).map(\.unit)
        #expect(Set(meeting.deliveries.map(\.unit)) == Set(dutyUnits))
        #expect(meeting.deliveries.filter { $0.receivedOn != nil }.map(\.unit) == ["人民银行淄博市中心支行"])
        #expect(meeting.topics == ["传达、贯彻党中央、国务院关于反洗钱工作的指示精神和省、市、区工作要求"])
    }

    @Test("A partial meeting names its units; minutes go to them; strangers and unknown topics are refused")
    func partial() throws {
        let meeting = try database.writer.write { db -> Meeting in
            let id = try JointMeeting.addMeeting(date: CivilDate("2020-11-10")!, kind: .partial, subject: "房地产领域", topics: [2],
                                                 units: ["区住房城乡建设局", "人民银行淄博中心支行"], reportUpward: true, by: Fixtures.context, in: db)
            try JointMeeting.recordMinutes(id, text: "纪要", by: Fixtures.context, in: db)
            return try JointMeeting.meeting(id, in: db)
        }
        #expect(meeting.deliveries.map(\.unit) == ["区住房城乡建设局", "人民银行淄博市中心支行"])
        #expect(meeting.reportUpward)
        #expect(throws: EntryError.self) {
            try database.writer.write { try JointMeeting.addMeeting(date: CivilDate("2020-11-10")!, kind: .partial, subject: "x", topics: [], units: ["区委"], reportUpward: false, by: Fixtures.context, in: $0) }
        }
        #expect(throws: EntryError.self) {
            try database.writer.write { try JointMeeting.addMeeting(date: CivilDate("2020-11-10")!, kind: .plenary, subject: "x", topics: [9], units: [], reportUpward: false, by: Fixtures.context, in: $0) }
        }
    }

    @Test("Decisions become follow-ups by duty, are overdue after their date, and close")
    func followUps() throws {
        let ids = try database.writer.write { db -> [Int64] in
            let meeting = try JointMeeting.addMeeting(date: CivilDate("2020-11-05")!, kind: .plenary, subject: "部署", topics: [], units: [], reportUpward: false, by: Fixtures.context, in: db)
            return try JointMeeting.addFollowUp(meeting: meeting, decision: "加强可疑资金交易监测", units: [], keywords: ["可疑资金交易"],
                                                due: CivilDate("2020-12-01")!, reportUpward: false, by: Fixtures.context, in: db)
        }
        #expect(ids.count == 3)
        var rows = try database.writer.read { try JointMeeting.followUps(on: CivilDate("2020-12-02")!, in: $0) }
        #expect(rows.allSatisfy { $0.overdue })
        try database.writer.write { try JointMeeting.close(ids[0], on: CivilDate("2020-12-02")!, outcome: "已完成", by: Fixtures.context, in: $0) }
        rows = try database.writer.read { try JointMeeting.followUps(on: CivilDate("2020-12-03")!, in: $0) }
        #expect(rows.filter(\.overdue).count == 2)
        #expect(rows[0].closedOn == CivilDate("2020-12-02"))
        let onTime = try database.writer.read { try JointMeeting.followUps(on: CivilDate("2020-12-01")!, in: $0) }
        #expect(onTime.filter(\.overdue).isEmpty)
    }
}
