import Foundation
import Testing
import GazetteModel
import TestSupport
@testable import ModuleSpine
import ModuleSpineCLI

@Suite("The working-day calendar")
struct CalendarTests {
    let calendar: WorkingDayCalendar

    init() throws {
        calendar = try WorkingDayCalendar.standard(environment: [:])
    }

    func date(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test("Three working days after 2020-09-30 is 2020-10-12 (National Day, then the 10 October working Saturday)")
    func nationalDay() throws {
        #expect(try calendar.adding(workingDays: 3, to: date("2020-09-30")) == date("2020-10-12"))
        #expect(try calendar.adding(workingDays: 1, to: date("2020-09-30")) == date("2020-10-09"))
        #expect(try calendar.adding(workingDays: 2, to: date("2020-09-30")) == date("2020-10-10"))
        #expect(try calendar.adding(workingDays: -1, to: date("2020-10-09")) == date("2020-09-30"))
    }

    @Test("Holidays, 调休 working weekends, ordinary days", arguments: [
        ("2020-10-01", false), ("2020-10-08", false), ("2020-10-10", true), ("2020-09-27", true), ("2020-10-11", false),
        ("2020-01-31", false), ("2020-02-01", false), ("2020-02-03", true), ("2020-06-28", true), ("2021-02-07", true),
        ("2021-02-20", true), ("2021-10-07", false), ("2021-10-09", true), ("2021-09-18", true), ("2021-05-12", true),
        // 2022–2026, each checked against its notice: 2024 春节 2月10日至17日, 2月4日 and 18日 (Sundays) worked;
        // 2025 春节 from 除夕 1月28日 to 2月4日, 1月26日 and 2月8日 worked; 2025 劳动节 5月1日至5日, 4月27日 worked;
        // 2026 春节 2月15日至23日, 2月14日 and 28日 worked; 2026 国庆节 10月1日至7日 (no 中秋节 in it), 9月20日 and 10月10日 worked.
        ("2024-02-09", true), ("2024-02-12", false), ("2024-02-04", true), ("2024-02-18", true), ("2024-02-19", true),
        ("2025-01-28", false), ("2025-01-26", true), ("2025-02-08", true), ("2025-05-02", false), ("2025-04-27", true),
        ("2026-02-16", false), ("2026-02-23", false), ("2026-02-14", true), ("2026-02-28", true), ("2026-10-10", true),
        ("2026-09-20", true), ("2026-10-07", false), ("2026-10-08", true), ("2026-11-26", true),
    ])
    func workdays(_ day: String, _ working: Bool) throws {
        #expect(try calendar.isWorkday(date(day)) == working)
    }

    @Test("A year after the data is reckoned on weekends and said so; a year before it is an error")
    func uncovered() throws {
        #expect(try calendar.isWorkday(date("2027-01-04")) == true)
        #expect(try calendar.isWorkday(date("2027-01-02")) == false)
        let (due, note) = try calendar.reckon(workingDays: 3, from: date("2026-12-30"))
        #expect(due == date("2027-01-04") && note == "2027年节假日安排未载入，按周末计算")
        #expect(try calendar.reckon(workingDays: 1, from: date("2026-12-01")).note == nil)
        let before = #expect(throws: CalendarError.self) { try calendar.isWorkday(date("2019-12-31")) }
        #expect(before?.description.hasPrefix("the working-day calendar has no data for 2019 (it covers 2020, 2021, 2022, 2023, 2024, 2025, 2026)") == true)
    }

    @Test("A data file extends the calendar; a bad row is refused with its line")
    func extend() throws {
        let file = try Fixtures.file("# years: 2027\ndate,kind,name,source\n2027-01-01,holiday,元旦,国办发明电〔2026〕X号\n", name: "2027.csv")
        let extended = try WorkingDayCalendar.standard(environment: ["ZHOUCUN_CALENDAR": file])
        #expect(try extended.isWorkday(date("2027-01-01")) == false)
        #expect(try extended.isWorkday(date("2027-01-04")) == true)
        var broken = WorkingDayCalendar()
        let weekday = #expect(throws: CalendarError.self) { try broken.load("date,kind,name,source\n2022-01-05,workday,x,y\n", file: "bad.csv") }
        #expect(weekday?.description == "bad.csv:2:1: field date: 2022-01-05 is a weekday; only a weekend day can be made a working day")
        let headless = #expect(throws: CalendarError.self) { try broken.load("2022-01-08,workday,x,y\n", file: "bad.csv") }
        #expect(headless?.description.hasPrefix("bad.csv:1:1: the header has no column date") == true)
    }
}

@Suite("Dated parameters")
struct ParameterTests {
    let table: ParameterTable

    init() throws {
        let json = """
            {"module": "test", "parameters": [
              {"id": "threshold", "label": "门槛", "unit": "万元", "note": "the earlier plan's numbers are not known",
               "values": [{"value": "5000", "from": "2020-10-12", "to": "2022-12-31", "source": "某〔2020〕1号 二"},
                          {"value": "6000.5", "from": "2023-01-01", "source": "某〔2023〕2号 二"}]},
              {"id": "deadline", "label": "期限", "unit": "date", "values": [{"value": "2021-06-30", "from": "2020-10-12", "source": "某〔2020〕1号 三"}]}
            ]}
            """
        table = try JSONDecoder().decode(ParameterTable.self, from: Data(json.utf8))
    }

    @Test("The value in force on a date, exactly, with its source")
    func inForce() throws {
        #expect(try table.decimal("threshold", on: CivilDate("2020-10-12")!) == (Decimal(5000), "某〔2020〕1号 二"))
        #expect(try table.decimal("threshold", on: CivilDate("2022-12-31")!).value == 5000)
        #expect(try table.decimal("threshold", on: CivilDate("2023-01-01")!).value == Decimal(string: "6000.5")!)
        #expect(try table.value("deadline", on: CivilDate("2021-01-01")!).value.date == CivilDate("2021-06-30"))
    }

    @Test("Before the first value there is none, and the error says why")
    func beforeEffective() {
        #expect {
            try table.decimal("threshold", on: CivilDate("2020-10-11")!)
        } throws: { error in
            String(describing: error).contains("not known")
        }
        #expect(throws: ParameterError.self) { try table.decimal("deadline", on: CivilDate("2021-01-01")!) }
        #expect(throws: ParameterError.self) { try table.decimal("missing", on: CivilDate("2021-01-01")!) }
    }
}

@Suite("Output formats")
struct OutputTests {
    struct Row: Tabular {
        var name: String
        var unit: String
        static let columns: [OutputColumn<Row>] = [OutputColumn("name") { $0.name }, OutputColumn("unit") { $0.unit }]
    }

    @Test("Tables line up Chinese text by display width")
    func table() throws {
        let text = try Output.render([Row(name: "高东", unit: "区住房城乡建设局"), Row(name: "Li Ming", unit: "x")], as: .table)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "name     unit")
        #expect(lines[2] == "高东     区住房城乡建设局")
        #expect(lines[3] == "Li Ming  x")
        #expect(Output.displayWidth("高东") == 4)
    }

    @Test("CSV quotes what needs quoting; JSON keeps Chinese as it is")
    func csvAndJSON() throws {
        #expect(try Output.render([Row(name: "赵学", unit: "区委常委,副区长")], as: .csv) == "name,unit\n赵学,\"区委常委,副区长\"\n")
        #expect(try Output.render([Row(name: "赵学", unit: "区委")], as: .json).contains("\"name\" : \"赵学\""))
    }

    @Test("Database path: --db, then ZHOUCUN_DB, then XDG_DATA_HOME, then ~/.local/share")
    func databasePath() {
        #expect(StoreOptions.resolve("/a.sqlite", environment: ["ZHOUCUN_DB": "/b.sqlite"]) == "/a.sqlite")
        #expect(StoreOptions.resolve(nil, environment: ["ZHOUCUN_DB": "/b.sqlite", "XDG_DATA_HOME": "/x"]) == "/b.sqlite")
        #expect(StoreOptions.resolve(nil, environment: ["XDG_DATA_HOME": "/x"]) == "/x/zhoucun/zhoucun.sqlite")
        #expect(StoreOptions.resolve(nil, environment: ["HOME": "/home/u"]) == "/home/u/.local/share/zhoucun/zhoucun.sqlite")
    }
}
