import Foundation
import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import LandRectification

@Suite("The land ledger: idle land, disposal targets, progress, overdue, 约谈")
struct ParcelTests {
    static let csv = """
        id,town,category,area_mu,agreed_start,actual_start,cause,supply_date
        P1,王村镇,idle,12.5,2019-03-01,,enterprise,
        P2,王村镇,闲置,8,2018-06-01,,企业原因,
        P3,南郊镇,idle,5,2019-01-01,,government,
        P4,南郊镇,idle,5,2019-01-01,2019-05-01,enterprise,
        A1,南郊镇,approved-unsupplied,20,,,,2020-11-01
        A2,王村镇,approved-unsupplied,10,,,,
        A3,北郊镇,批而未供,10,,,,2020-12-15
        """

    func rules(_ day: String) throws -> LandRules {
        LandRules(parameters: try LandRectificationModule.parameters(), day: CivilDate(day)!)
    }

    func finding(_ parcel: Parcel, on day: String) throws -> String {
        try rules(day).evaluate([parcel]).first!.finding
    }

    @Test("Idle land: an idle fee only past one year, taking back only past two", arguments: [
        ("2020-11-01", "within-grace"), ("2020-11-02", "idle-fee"), ("2021-11-01", "idle-fee"), ("2021-11-02", "take-back"),
    ])
    func idleYears(_ day: String, _ expected: String) throws {
        let parcel = Parcel(id: "X", town: "王村镇", category: .idle, areaMu: 1, agreedStart: CivilDate("2019-11-01"), cause: .enterprise)
        #expect(try finding(parcel, on: day) == expected)
    }

    @Test("The government's doing calls for cause analysis; a started or closed parcel is not idle")
    func otherCauses() throws {
        let parcels = try ParcelLedger.parse(Self.csv, file: "p.csv")
        let findings = try rules("2021-01-10").evaluate(parcels)
        #expect(findings.map(\.finding) == ["idle-fee", "take-back", "cause-analysis", "started"])
        #expect(findings.allSatisfy { $0.citation == "周政办字〔2020〕37号 二(三)7" })
        var closed = parcels[1]
        closed.closedOn = CivilDate("2020-12-01")
        closed.evidence = "收回决定书"
        #expect(try finding(closed, on: "2021-01-10") == "closed")
    }

    @Test("Disposal targets by count and by area: half by the end of 2020, all by 30 June 2021")
    func targets() throws {
        let parcels = try ParcelLedger.parse(Self.csv, file: "p.csv")
        let endOf2020 = try rules("2020-12-31").targets(parcels)
        #expect(endOf2020.map(\.status) == ["met", "open"])
        #expect(endOf2020[0].disposedParcels == 2 && endOf2020[0].disposedAreaMu == 30 && endOf2020[0].areaMu == 40)
        let early = try rules("2020-12-01").targets(parcels)
        #expect(early[0].disposedParcels == 1)
        #expect(early[0].status == "open")
        let late = try rules("2021-07-01").targets(parcels)
        #expect(late.map(\.status) == ["met", "missed"])
        // By count alone the first target would pass with one parcel of three; the area must follow too.
        let bigUnsupplied = parcels.map { parcel -> Parcel in
            var copy = parcel
            if copy.id == "A2" { copy.areaMu = 100 }
            return copy
        }
        #expect(try rules("2021-01-01").targets(bigUnsupplied)[0].status == "missed")
    }

    @Test("Progress by town, overdue items, and the towns called in for 约谈")
    func progressAndInterviews() throws {
        let database = try Fixtures.seededDatabase(modules: [LandRectificationModule.self])
        try database.writer.write { db in
            try ParcelLedger.add(try ParcelLedger.parse(Self.csv, file: "p.csv"), by: Fixtures.context, in: db)
            try ParcelLedger.close("P3", on: CivilDate("2020-12-20")!, evidence: "已开工建设", by: Fixtures.context, in: db)
        }
        let parcels = try database.writer.read { try ParcelLedger.all(in: $0) }
        let byTown = LandProgress.progress(parcels, by: "town", on: CivilDate("2021-01-10")!, tasks: [])
        #expect(byTown.map(\.group) == ["北郊镇", "南郊镇", "王村镇"])
        #expect(byTown.map(\.closed) == [1, 2, 0])
        let overdue = try LandProgress.overdue(parcels, rules: try rules("2021-07-01"))
        #expect(Set(overdue.map(\.parcel)) == ["P1", "P2", "P4", "A2"])
        // Without findings recorded, the towns that lag are suggestions, not grounds.
        let interviews = try LandProgress.interviews(parcels, findings: [], rules: try rules("2021-07-01"), citation: "周政办字〔2020〕37号 三(三)")
        #expect(interviews.map(\.town) == ["南郊镇", "王村镇"])
        #expect(interviews.map(\.basis) == ["suggestion", "suggestion"])
        #expect(interviews.last?.reasons.first?.hasPrefix("closed 0%") == true)
        let tasks = try database.writer.read { try LandRectificationModule.tasks(in: $0) }
        let byUnit = LandProgress.progress(parcels, by: "unit", on: CivilDate("2021-01-10")!, tasks: tasks)
        #expect(byUnit.first?.group == "区自然资源局")
        #expect(byUnit.first?.items == 7)
        // Each unit counts the parcels of its own tasks: 区住房城乡建设局 is responsible for idle land
        // (二(三)7) and inefficient land (8), not for land approved and not supplied (6).
        let kinds = Dictionary(grouping: parcels, by: \.category)
        let housing = try #require(byUnit.first { $0.group == "区住房城乡建设局" })
        #expect(housing.items == (kinds[.idle]?.count ?? 0) + (kinds[.inefficient]?.count ?? 0))
        #expect(housing.items < byUnit.first!.items)
        // Tasks 6 and 7 name no town: no town, and no `各镇（街道）`, is credited with these parcels.
        #expect(!byUnit.contains { ["王村镇", "南郊镇", "北郊镇", "各镇（街道）"].contains($0.group) })
        // Where a task names 各镇（街道） (二(四)10, illegal land), each town counts its own parcels only.
        var illegal = parcels[0]
        illegal.category = .illegal
        let towns = LandTask.units(of: illegal, among: tasks)
        let others = Set(parcels.map(\.town)).subtracting([illegal.town])
        #expect(towns.contains(illegal.town) && !towns.contains("各镇（街道）") && others.allSatisfy { !towns.contains($0) }, "\(towns)")
        #expect(throws: QueryError.self) { try database.writer.write { try ParcelLedger.add(try ParcelLedger.parse(Self.csv, file: "p.csv"), by: Fixtures.context, in: $0) } }
    }

    @Test("The phases and their due dates come from the imported document")
    func phases() throws {
        let database = try Fixtures.seededDatabase(modules: [LandRectificationModule.self])
        let phases = try database.writer.read { try Phases.all(in: $0) }
        #expect(phases.map(\.name) == ["动员部署", "排查自纠", "核实督促"])
        #expect(phases.map { "\($0.start)/\($0.finish)" } == ["2020-08-01/2020-08-10", "2020-08-01/2020-10-31", "2020-11-01/2020-12-31"])
        #expect(phases.map(\.due) == [nil, CivilDate("2020-10-12"), CivilDate("2020-12-10")])
        #expect(phases[1].citation == "周政办字〔2020〕37号 三(二)")
    }

    @Test("A bad row refuses the whole file with its line and field", arguments: [
        ("P1,王村镇,idle,12.5,2019-03-01,,enterprise,", "P1,王村镇,pasture,12.5,2019-03-01,,enterprise,", "category"),
        ("P1,王村镇,idle,12.5,2019-03-01,,enterprise,", "P1,王村镇,idle,twelve,2019-03-01,,enterprise,", "area_mu"),
        ("P1,王村镇,idle,12.5,2019-03-01,,enterprise,", "P1,王村镇,idle,12.5,2019/03/01,,enterprise,", "agreed_start"),
        ("P1,王村镇,idle,12.5,2019-03-01,,enterprise,", "P1,王村镇,idle,12.5,2019-03-01,,nobody,", "cause"),
        ("P2,王村镇,闲置", "P1,王村镇,闲置", "id"),
    ])
    func badRows(_ good: String, _ bad: String, _ field: String) {
        #expect {
            try ParcelLedger.parse(Self.csv.replacingOccurrences(of: good, with: bad), file: "p.csv")
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.message.hasPrefix("field \(field)") && error.line >= 2
        }
    }
}
