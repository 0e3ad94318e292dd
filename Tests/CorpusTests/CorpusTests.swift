import CorpusScoring
import Foundation
import Testing
import CommandTestSupport
import TestSupport

/// The corpus figures of the real binary, with floors that only go up. The figures are printed,
/// so that a run of the suite shows them.
@Suite("Real 公文: the corpus score")
struct CorpusTests {
    func score(_ folder: URL) throws -> CorpusScore {
        let score = Scorer(binary: CLI.binary).score(try Corpus(folder: folder))
        print("corpus \(folder.lastPathComponent):\n\(score.summary)")
        return score
    }

    @Test("The project's corpus (Tests/Corpus): no crash, and fields, members and body names above their floors")
    func projectCorpus() throws {
        let score = try score(Fixtures.root.appendingPathComponent("Tests/Corpus"))
        #expect(score.files.count >= 65)
        #expect(score.crashes == 0, "\(score.report)")
        #expect(score.fieldShare >= 0.95, "\(score.report)")
        #expect(score.memberShare >= 0.99, "\(score.report)")
        // Every body named right.
        #expect(score.bodiesRight == score.bodies, "\(score.report)")
        // The sample issue stays exact: every field and all 69 members.
        let sample = try #require(score.files.first { $0.file == "zhoucun-gazette-2020-09.txt" })
        #expect(sample.allRight, "\(sample.problems)")
        #expect(sample.members == 69 && sample.membersRight == 69)
    }

    @Test("The development corpus beside the checkout (../shared/corpus)")
    func sharedCorpus() throws {
        let score = try score(Fixtures.shared.appendingPathComponent("corpus"))
        #expect(score.crashes == 0, "\(score.report)")
        #expect(score.fieldShare >= 0.95, "\(score.report)")
        #expect(score.memberShare >= 1.0, "\(score.report)")
        #expect(score.bodiesRight == score.bodies, "\(score.report)")
    }
    @Test("Documents the reader was never tuned to (../shared/corpus-wide): no crash, floors at what it reads today")
    func wideCorpus() throws {
        let score = try score(Fixtures.shared.appendingPathComponent("corpus-wide"))
        #expect(score.crashes == 0, "\(score.report)")
        #expect(score.fieldShare >= 0.89, "\(score.report)")
        #expect(score.memberShare >= 1.0, "\(score.report)")
        #expect(score.bodiesRight == score.bodies, "\(score.report)")
    }

    func taskScore(_ folder: URL) throws -> TaskScore {
        let corpus = try #require(try TaskCorpus(folder: folder))
        let score = Scorer(binary: CLI.binary).score(corpus)
        print("task corpus \(folder.path):\n\(score.summary)")
        return score
    }

    @Test("督办: the task corpora (../shared/corpus/tasks and the project's): tasks found, right and spurious within their floors")
    func taskCorpora() throws {
        for folder in [Fixtures.shared.appendingPathComponent("corpus/tasks"), Fixtures.root.appendingPathComponent("Tests/TaskCorpus")] {
            let score = try taskScore(folder)
            #expect(score.crashes == 0, "\(score.report)")
            #expect(score.golden >= 50)
            #expect(score.foundShare >= 0.9, "\(score.report)")
            #expect(score.rightShare >= 0.9, "\(score.report)")
            #expect(score.spuriousShare <= 0.1, "\(score.report)")
        }
    }
}
