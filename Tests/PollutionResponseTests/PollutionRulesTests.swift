import Foundation
import Testing
import GazetteModel
import GazetteStore
import ModuleSpine
import TestSupport
@testable import PollutionResponse

@Suite("HJ 633-2012 air quality index")
struct AQITests {
    let index: AirQualityIndex

    init() throws { index = try AirQualityIndex.standard() }

    @Test("IAQI at, just below and just above breakpoints, rounded up", arguments: [
        ("35", 50), ("35.1", 51), ("75", 100), ("75.5", 101), ("115", 150), ("150", 200), ("150.1", 201), ("250", 300), ("500", 500),
    ])
    func pm25(_ concentration: String, _ iaqi: Int) throws {
        #expect(try index.daily(.init(pm25: Decimal(string: concentration)!)).aqi == iaqi)
    }

    @Test("AQI is the largest IAQI; the primary pollutant only above 50; the level and colour of 表2")
    func combined() throws {
        let result = try index.daily(.init(pm25: 160, pm10: 300, so2: 20, no2: 80, co: Decimal(string: "1.2")!, o3EightHour: 120))
        #expect(result.aqi == 210)
        #expect(result.iaqi == ["PM2.5": 210, "PM10": 175, "SO2": 20, "NO2": 100, "CO": 30, "O3": 67])
        #expect(result.primary == ["PM2.5"])
        #expect(result.exceeding == ["PM2.5", "PM10"])
        #expect(result.level == AQILevel(grade: 5, category: "重度污染", color: "purple"))
        let clean = try index.daily(.init(pm25: 20, pm10: 40))
        #expect(clean.primary.isEmpty)
        #expect(clean.level.color == "green")
        let tie = try index.daily(.init(pm25: 75, pm10: 150))
        #expect(tie.primary == ["PM2.5", "PM10"])
    }

    @Test("Special rules: O3 8-hour above 800 uses the 1-hour value; SO2 1-hour above 800 uses the 24-hour mean")
    func specialRules() throws {
        #expect(try index.daily(.init(o3EightHour: 800)).aqi == 300)
        #expect(throws: AQIError.self) { try index.daily(.init(o3EightHour: 801)) }
        let ozone = try index.daily(.init(o3EightHour: 801, o3OneHour: 900))
        #expect(ozone.aqi == 350)
        #expect(ozone.notes.first?.contains("1-hour") == true)
        #expect(try index.hourly(.init(so2: 800)).aqi == 200)
        #expect(throws: AQIError.self) { try index.hourly(.init(so2: 801)) }
        #expect(try index.hourly(.init(so2: 900, so2Day: 475)).aqi == 150)
        // Hourly reports read NO2, CO and O3 against their 1-hour columns, PM against 24 hours.
        #expect(try index.hourly(.init(no2: 200)).aqi == 100)
        #expect(try index.daily(.init(no2: 200)).aqi == 160)
    }

    @Test("Beyond the last breakpoint: 500, said in a note; negative values are refused")
    func edges() throws {
        let beyond = try index.daily(.init(pm25: 600))
        #expect(beyond.aqi == 500)
        #expect(beyond.notes.count == 1)
        #expect(throws: AQIError.self) { try index.daily(.init(pm25: -1)) }
        #expect(throws: AQIError.self) { try index.daily(.init()) }
    }
}

@Suite("Alert levels from a forecast (周政办字〔2020〕39号 四(一))")
struct AlertTests {
    let rules: AlertRules
    let index: AirQualityIndex

    init() throws {
        rules = try AlertRules(parameters: PollutionResponseModule.parameters(), on: CivilDate("2020-12-01")!)
        index = try AirQualityIndex.standard()
    }

    func assess(_ values: [Int?], dust: Set<Int> = []) throws -> AlertLevel {
        var csv = "date,aqi,dust\n"
        var day = CivilDate("2020-12-01")!
        for (offset, value) in values.enumerated() {
            if let value { csv += "\(day),\(value),\(dust.contains(offset) ? "yes" : "")\n" }
            day = day.adding(days: 1)
        }
        return rules.assess(try Forecast.parse(csv, file: "f.csv", index: index)).level
    }

    @Test("Days above 200 in a row: 1 none, 2 yellow, 3 orange, 4 orange without two above 300")
    func thresholds() throws {
        #expect(try assess([150, 201, 150]) == .none)
        #expect(try assess([200, 200, 200, 200]) == .none)
        #expect(try assess([201, 201]) == .yellow)
        #expect(try assess([201, 201, 201]) == .orange)
        #expect(try assess([201, 201, 201, 201]) == .orange)
        #expect(try assess([201, 301, 201, 301]) == .orange)
        #expect(try assess([201, 301, 301, 201]) == .red)
        #expect(try assess([201, 300, 300, 201]) == .orange)
        #expect(try assess([301, 301, 301]) == .orange)
    }

    @Test("A forecast AQI of 500 is red on its own; 499 is not")
    func extreme() throws {
        #expect(try assess([100, 500, 100]) == .red)
        #expect(try assess([100, 499, 100]) == .none)
    }

    @Test("One clean day breaks the episode; so do a missing day and a day of sand and dust")
    func gaps() throws {
        #expect(try assess([250, 250, 150, 250, 250]) == .yellow)
        #expect(try assess([250, 250, nil, 250, 250]) == .yellow)
        #expect(try assess([250, 250, 250, 250], dust: [2]) == .yellow)
        #expect(try assess([250, 250, 250, 250, 250]) == .orange)
    }

    @Test("Hourly data: rolling 24-hour means across midnight")
    func hourly() throws {
        // 72 hours of heavy PM2.5 starting at noon: three 24-hour windows above 200 that each cross midnight.
        var csv = "time,pm25,pm10,so2,no2,co,o3\n"
        var date = CivilDate("2020-12-01")!
        for hour in 0..<(24 * 4) {
            let clock = (hour + 12) % 24
            if hour > 0 && clock == 0 { date = date.adding(days: 1) }
            let pm25 = hour < 72 ? 200 : 20
            csv += "\(date)T\(clock < 10 ? "0" : "")\(clock):00,\(pm25),50,10,30,1,50\n"
        }
        let forecast = try Forecast.parse(csv, file: "h.csv", index: index)
        #expect(forecast.isHourly)
        let (level, episode, _) = rules.assess(forecast)
        #expect(level == .orange)
        #expect(episode?.days == 3)
        #expect(episode?.from == "2020-12-02T11:00")
        // The rows are rolling 24-hour means, not averaged again: 60 hours above 200 are two days (yellow).
        let sixty = try Forecast.parse(csv.split(separator: "\n").enumerated().map { index, line in
            index > 60 && index <= 72 ? line.replacingOccurrences(of: ",200,50,", with: ",20,50,") : String(line)
        }.joined(separator: "\n"), file: "h.csv", index: index)
        #expect(rules.assess(sixty).0 == .yellow)
    }

    @Test("A forecast's dust column reads yes and 是 alike")
    func dustWords() throws {
        for word in ["是", "yes", "沙尘", "1"] {
            let forecast = try Forecast.parse("date,aqi,dust\n2020-12-01,250,\(word)\n", file: "f.csv", index: index)
            #expect(forecast.series[0][0].dust && forecast.series[0][0].aqi == nil, "\(word)")
        }
        #expect(try Forecast.parse("date,aqi,dust\n2020-12-01,250,否\n", file: "f.csv", index: index).series[0][0].dust == false)
        #expect(throws: InputError.self) { try Forecast.parse("date,aqi,dust\n2020-12-01,250,大概\n", file: "f.csv", index: index) }
    }

    @Test("Bad forecasts are refused with line and field")
    func badForecast() {
        #expect {
            try Forecast.parse("date,aqi\n2020-12-01,250\n2020-12-02,lots\n", file: "f.csv", index: index)
        } throws: { ($0 as? InputError).map { $0.line == 3 && $0.message.hasPrefix("field aqi") } ?? false }
        #expect(throws: InputError.self) { try Forecast.parse("day,value\n", file: "f.csv", index: index) }
        #expect(throws: InputError.self) { try Forecast.parse("date,aqi\n2020-12-02,250\n2020-12-01,250\n", file: "f.csv", index: index) }
    }
}

@Suite("Assessment, signer, deadlines, ledger and orders")
struct ResponseTests {
    static let database: GazetteDatabase? = try? Fixtures.seededDatabase(modules: [PollutionResponseModule.self])

    func assessor() throws -> Assessor {
        Assessor(parameters: try PollutionResponseModule.parameters(), calendar: try WorkingDayCalendar.standard(environment: [:]))
    }

    func forecast(_ values: [Int], from start: String = "2020-12-01") throws -> Forecast {
        var csv = "date,aqi\n"
        var day = CivilDate(start)!
        for value in values { csv += "\(day),\(value)\n"; day = day.adding(days: 1) }
        return try Forecast.parse(csv, file: "f.csv", index: try AirQualityIndex.standard())
    }

    @Test("Red is signed by the commander; orange and yellow by the office director after a deputy commander agrees")
    func signer() throws {
        let database = try #require(Self.database)
        let red = try assessor().assess(try forecast([310, 320, 330, 340]), regional: nil, database: database)
        #expect(red.alert == .red && red.response == "I")
        #expect(red.signer == Signer(role: "指挥长", name: "刘伟", afterAgreementOf: nil, citation: "周政办字〔2020〕39号 四(二)"))
        let yellow = try assessor().assess(try forecast([210, 220]), regional: nil, database: database)
        #expect(yellow.response == "III")
        #expect(yellow.signer?.name == "郭存亿")
        #expect(yellow.signer?.afterAgreementOf == ["赵学", "耿峰"])
        #expect(yellow.targets?.eachPercent == 10)
        #expect(yellow.targets?.so2PlusNoxPercent == 20)
        #expect(yellow.measures.map(\.kind) == ["public", "advisory", "mandatory"])
        #expect(yellow.measures.allSatisfy { $0.citation.hasPrefix("周政办字〔2020〕39号 五(三)4(1)") })
        #expect(red.measures.count == 8)
        #expect(red.reasons.allSatisfy { $0.citation.hasPrefix("周政办字〔2020〕39号 四(一)") })
    }

    @Test("Before 2020-10-17 the plan's numbers are not known: said, not guessed")
    func earlierPlan() throws {
        #expect {
            try assessor().assess(try forecast([250, 250], from: "2020-10-01"), regional: nil, database: nil)
        } throws: { String(describing: $0).contains("周政办字〔2019〕44号") }
    }

    @Test("Deadlines: 4 hours after a regional alert, daily reports, next-day city report, summary in 3 working days, review by 31 May")
    func deadlines() throws {
        let deadlines = ResponseDeadlines(parameters: try PollutionResponseModule.parameters(), calendar: try WorkingDayCalendar.standard(environment: [:]))
        // Lifted just before National Day 2021: the summary waits for the holiday and the 调休 Saturday.
        let all = try deadlines.all(issued: LocalDateTime("2021-09-29T22:00")!, lifted: CivilDate("2021-09-30")!,
                                    regional: LocalDateTime("2021-09-29T20:30")!)
        #expect(all.first == Deadline(kind: "regional-issue", what: "issue the alert (within 4 hours of the regional alert)",
                                      due: "2021-09-30T00:30", citation: "周政办字〔2020〕39号 四(四)"))
        #expect(all.filter { $0.kind == "daily-report" }.map(\.due) == ["2021-09-29", "2021-09-30"])
        #expect(all.first { $0.kind == "city-report" }?.due == "2021-09-30")
        #expect(all.first { $0.kind == "summary" }?.due == "2021-10-11")
        #expect(all.first { $0.kind == "yearly-review" }?.due == "2022-05-31")
        let spring = try deadlines.all(issued: LocalDateTime("2021-01-10T08:00")!, lifted: CivilDate("2021-01-12")!)
        #expect(spring.first { $0.kind == "yearly-review" }?.due == "2021-05-31")
    }

    @Test("The ledger flags missing reports and late issue")
    func ledger() throws {
        // An alert is issued under the plan in force: the sample issue holds it.
        let database = try Fixtures.seededDatabase(modules: [PollutionResponseModule.self])
        let deadlines = ResponseDeadlines(parameters: try PollutionResponseModule.parameters(), calendar: try WorkingDayCalendar.standard(environment: [:]))
        try database.writer.write { db in
            let alert = try AlertLedger.issue(level: .orange, issued: LocalDateTime("2020-12-01T13:00")!, regional: LocalDateTime("2020-12-01T08:00")!,
                                              note: nil, by: Fixtures.context, in: db)
            #expect(alert.signer?.hasPrefix("办公室主任 ") == true, "signed from the roster in force: \(alert.signer ?? "none")")
            let id = try #require(alert.id)
            try AlertLedger.report(id, kind: .dailyReport, date: CivilDate("2020-12-01")!, filed: CivilDate("2020-12-01")!, by: Fixtures.context, in: db)
            try AlertLedger.report(id, kind: .cityReport, date: CivilDate("2020-12-02")!, filed: CivilDate("2020-12-02")!, by: Fixtures.context, in: db)
        }
        let records = try database.writer.read { try AlertLedger.list(on: CivilDate("2020-12-04")!, deadlines: deadlines, in: $0) }
        #expect(records.first?.lateIssue?.due == "2020-12-01T12:00")
        #expect(records.first?.overdue.map(\.due) == ["2020-12-02", "2020-12-03"])
        try database.writer.write { try AlertLedger.lift(1, at: LocalDateTime("2020-12-03T10:00")!, by: Fixtures.context, in: $0) }
        let later = try database.writer.read { try AlertLedger.list(on: CivilDate("2020-12-10")!, deadlines: deadlines, in: $0) }
        #expect(later.first?.overdue.map(\.kind) == ["daily-report", "daily-report", "summary"])
        #expect(throws: QueryError.self) { try database.writer.write { try AlertLedger.lift(9, at: LocalDateTime("2020-12-03T10:00")!, by: Fixtures.context, in: $0) } }
    }

    @Test("Orders: each listed enterprise's measure, protected ones with their condition")
    func orders() throws {
        let csv = """
            name,town,industry,grade,protected,yellow,orange,red,condition
            甲陶瓷有限公司,王村镇,陶瓷,B,no,限产30%,限产50%,停产,
            乙热电有限公司,南郊镇,热电,,yes,以热定产,以热定产,以热定产,居民供暖
            """
        let enterprises = try Enterprise.parse(csv, file: "list.csv")
        let orders = Order.orders(for: enterprises, at: .orange, plan: "周政办字〔2020〕39号")
        #expect(orders.map(\.order) == ["限产50%", "以热定产"])
        #expect(orders[1].protected)
        #expect(orders[1].condition?.hasPrefix("居民供暖；仅准许从事特定保障任务的生产经营") == true)
        #expect(orders.map(\.citation) == ["周政办字〔2020〕39号 五(三)3", "周政办字〔2020〕39号 五(三)2(2)"])
        #expect {
            try Enterprise.parse(csv.replacingOccurrences(of: ",B,", with: ",E,"), file: "list.csv")
        } throws: { ($0 as? InputError).map { $0.line == 2 && $0.message.hasPrefix("field grade") } ?? false }
    }
}
