import GazetteModel
import Testing

@Suite("督办: deadlines as documents print them")
struct DeadlineTests {
    let year2016 = Deadline.Year(year: 2016, dated: CivilDate("2016-02-26"))

    @Test("A month's end takes the document's year; one already past on its date is next year's")
    func monthEnd() {
        #expect(Deadline.cell("12月底前", year: year2016)?.due == CivilDate("2016-12-31"))
        #expect(Deadline.cell("9月投入使用", year: year2016)?.due == CivilDate("2016-09-30"))
        #expect(Deadline.cell("5月底前动工", year: year2016)?.due == CivilDate("2016-05-31"))
        #expect(Deadline.cell("十二月底前", year: year2016)?.due == CivilDate("2016-12-31"))
        // Dated 26 February: 1月底前 is January of the next year.
        #expect(Deadline.cell("1月底前", year: year2016)?.due == CivilDate("2017-01-31"))
        #expect(Deadline.cell("2月底前", year: year2016)?.due == CivilDate("2016-02-29"))
        #expect(Deadline.cell("2019年9月底前", year: year2016)?.due == CivilDate("2019-09-30"))
        #expect(Deadline.cell("12月底前", year: Deadline.Year(year: nil, dated: nil))?.due == nil)
    }

    @Test("A year, a day, ongoing work and recurring orders")
    func otherForms() {
        #expect(Deadline.cell("全年", year: Deadline.Year(year: 2025, dated: nil))?.due == CivilDate("2025-12-31"))
        #expect(Deadline.cell("2008年内", year: year2016)?.due == CivilDate("2008-12-31"))
        #expect(Deadline.cell("长期坚持", year: year2016)?.ongoing == true)
        #expect(Deadline.cell("长期坚持", year: year2016)?.due == nil)
        let quarterly = Deadline.cell("每季度末月20日前", year: year2016)
        #expect(quarterly?.recurrence == .quarterly && quarterly?.day == 20 && quarterly?.due == nil)
        #expect(Deadline.cell("每月5日前", year: year2016)?.recurrence == .monthly)
        #expect(Deadline.cell("区发改局", year: year2016) == nil)
    }

    @Test("In running text only the forms that say by when: a target year is none")
    func inText() {
        let year = Deadline.Year(year: 2023, dated: CivilDate("2023-01-03"))
        #expect(Deadline.inText("并于2023年1月15日前将工作方案报区人民政府办公室。", year: year)?.due == CivilDate("2023-01-15"))
        #expect(Deadline.inText("全面落实…要求，2019年9月底前，基本完成全市整治任务。", year: year)?.printed == "2019年9月底前")
        let quarterly = Deadline.inText("各责任单位要在每季度最后一个月的30日前将本季度进展情况报区人民政府办公室", year: year)
        #expect(quarterly?.printed == "每季度最后一个月的30日前" && quarterly?.recurrence == .quarterly && quarterly?.day == 30)
        #expect(Deadline.inText("到2020年，全市空气质量优良天数比例达到94%。", year: year) == nil)
        #expect(Deadline.inText("力争全年盘活僵尸企业10家。", year: year) == nil)
        #expect(Deadline.inText("2020年底前处置完成50%", year: year)?.due == CivilDate("2020-12-31"))
    }
}
