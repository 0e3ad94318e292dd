import GazetteModel
import ModuleSpine
import Testing

/// When a recurring order falls due: the period's last month by default, the month after it when
/// printed so, or the month a yearly or half-yearly order names.
@Suite struct SupervisionTests {
    func dates(_ printed: String, from start: String, count: Int = 2) throws -> [String] {
        let deadline = try #require(Deadline.cell(printed, year: Deadline.Year(year: 2020, dated: CivilDate(start))))
        let recurrence = try #require(deadline.recurrence)
        return Supervision.occurrences(of: recurrence, printed: deadline.printed, day: deadline.day, from: try #require(CivilDate(start)))
            .prefix(count).map(\.description)
    }

    @Test func theOccurrencesOfARecurringOrder() throws {
        #expect(try dates("每季度末月20日前", from: "2023-01-03") == ["2023-03-20", "2023-06-20"])
        #expect(try dates("每季度结束后15日前", from: "2023-01-03") == ["2023-04-15", "2023-07-15"])
        #expect(try dates("每月5日前", from: "2023-01-10") == ["2023-02-05", "2023-03-05"])
        // A month printed: May of each year, the first after the order's date.
        #expect(try dates("每年5月底前", from: "2020-09-30") == ["2021-05-31", "2022-05-31"])
        #expect(try dates("每年3月10日前", from: "2020-01-01") == ["2020-03-10", "2021-03-10"])
        #expect(try dates("每半年末（6月、12月底）", from: "2020-02-01") == ["2020-06-30", "2020-12-31"])
        // None printed: the period's end.
        #expect(try dates("每年年底前", from: "2020-02-01") == ["2020-12-31", "2021-12-31"])
    }
}
