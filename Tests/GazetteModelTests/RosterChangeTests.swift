import Foundation
import GazetteModel
import Testing
import TestSupport

@Suite("Seat changes and body events as notices print them")
struct RosterChangeTests {
    @Test("任, 不再担任, 增补 … 为, 接任, 免去, 调整为")
    func seatChanges() {
        let text = "因人事变动，经区政府研究，决定对区重污染天气应急指挥部组成人员作如下调整：王海涛同志任指挥长，刘伟同志不再担任指挥长；"
            + "增补张建国（区应急管理局局长）为成员；范斌同志不再担任成员，由孙立明同志接任；免去聂玉东同志的成员职务；李永凯同志由成员调整为副指挥长。"
        #expect(RosterChanges.seatChanges(in: text) == [
            SeatChange(kind: .join, name: "王海涛", role: "指挥长"),
            SeatChange(kind: .leave, name: "刘伟", role: "指挥长"),
            SeatChange(kind: .add, name: "张建国", role: "成员", affiliation: "区应急管理局局长"),
            SeatChange(kind: .leave, name: "范斌", role: "成员"),
            SeatChange(kind: .join, name: "孙立明", role: "成员", previous: "范斌"),
            SeatChange(kind: .leave, name: "聂玉东", role: "成员"),
            SeatChange(kind: .changeRole, name: "李永凯", role: "副指挥长", previous: "成员"),
        ])
    }

    @Test("Each phrasing is read on two notices of two governments: 周村区 and 钟楼区")
    func everyPhrasingOnTwoNotices() throws {
        func phrasings(_ files: [String]) throws -> Set<String> {
            Set(try files.flatMap { file -> [String] in
                let text = try String(contentsOf: Fixtures.root.appendingPathComponent("Tests/RosterChanges/\(file)"), encoding: .utf8)
                return text.split(separator: "\n").flatMap { RosterChanges.readings(in: String($0)).map(\.phrasing) }
            })
        }
        let zhoucun = try phrasings(["zhoucun-pollution-phrasings-2022.txt"])
        let zhonglou = try phrasings(["zhonglou-phrasings-2022.txt", "zhonglou-phrasings-2022-12.txt"])
        for phrasing in RosterChanges.phrasings {
            #expect(zhoucun.contains(phrasing), "周村区 notice: \(phrasing) not read")
            #expect(zhonglou.contains(phrasing), "钟楼区 notices: \(phrasing) not read")
        }
    }

    @Test("A successor named after the post they hold; several people in one clause; roles with the body's kind word")
    func phrasingDetails() {
        #expect(RosterChanges.seatChanges(in: "刘伟同志不再担任指挥长，由孙明同志任指挥长；范斌同志不再担任成员，由周村交警大队大队长孙波同志接任；增补张强（区应急管理局局长）为指挥部成员") == [
            SeatChange(kind: .leave, name: "刘伟", role: "指挥长"),
            SeatChange(kind: .join, name: "孙明", role: "指挥长", previous: "刘伟"),
            SeatChange(kind: .leave, name: "范斌", role: "成员"),
            SeatChange(kind: .join, name: "孙波", role: "成员", previous: "范斌", affiliation: "周村交警大队大队长"),
            SeatChange(kind: .add, name: "张强", role: "指挥部成员", affiliation: "区应急管理局局长"),
        ])
        #expect(RosterChanges.seatChanges(in: "王先芸、张继发同志不再担任成员，增补周洁（区气象局局长）、吴磊（区公路事业服务中心主任）为成员。") == [
            SeatChange(kind: .leave, name: "王先芸", role: "成员"), SeatChange(kind: .leave, name: "张继发", role: "成员"),
            SeatChange(kind: .add, name: "周洁", role: "成员", affiliation: "区气象局局长"),
            SeatChange(kind: .add, name: "吴磊", role: "成员", affiliation: "区公路事业服务中心主任"),
        ])
        #expect(RosterChanges.seatChanges(in: "李华同志接任牛涛同志；耿峰同志调整为指挥长。") == [
            SeatChange(kind: .join, name: "李华", role: "", previous: "牛涛"),
            SeatChange(kind: .changeRole, name: "耿峰", role: "指挥长"),
        ])
        #expect(RosterChanges.bodyRole("指挥部成员", among: ["指挥长", "成员"]) == "成员")
        #expect(RosterChanges.bodyRole("领导小组成员", among: ["组长", "成员"]) == "成员")
        #expect(RosterChanges.bodyRole("委员会委员", among: ["主任", "成员"]) == "成员")
        #expect(RosterChanges.bodyRole("委员", among: ["主任", "委员"]) == "委员")
        #expect(RosterChanges.bodyRole("副组长", among: ["组长", "成员"]) == "副组长")
    }

    @Test("Running text with 任 and 担任 in other senses yields no change")
    func noFalseChanges() {
        #expect(RosterChanges.seatChanges(in: "区机关事务管理中心主任方国友兼任办公室主任，领导小组成员单位有关负责同志担任办公室成员。").isEmpty)
        #expect(RosterChanges.seatChanges(in: "各成员单位要认真履行职责，完成区政府交办的各项任务。").isEmpty)
    }

    @Test("撤销X, X不再保留, X更名为Y")
    func bodyEvents() {
        #expect(RosterChanges.bodyEvents(in: "经区政府同意，决定撤销周村区土地问题综合整治工作专班。") == [.abolished("周村区土地问题综合整治工作专班")])
        #expect(RosterChanges.bodyEvents(in: "钟楼区党政机关办公用房管理工作领导小组不再保留。") == [.abolished("钟楼区党政机关办公用房管理工作领导小组")])
        #expect(RosterChanges.bodyEvents(in: "将周村区企业破产处置协调联动机制联席会议更名为周村区企业破产处置府院联动联席会议。")
                == [.renamed(from: "周村区企业破产处置协调联动机制联席会议", to: "周村区企业破产处置府院联动联席会议")])
    }
}
