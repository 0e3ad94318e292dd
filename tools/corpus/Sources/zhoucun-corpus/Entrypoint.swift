import CorpusScoring
import Foundation

/// `zhoucun-corpus [--binary PATH] [--verbose] CORPUS…`: the corpus figures of the `zhoucun`
/// binary (by default the one built beside this tool). Each CORPUS is a folder with `texts/` and
/// `golden.json`; a task corpus (`../shared/corpus/tasks`) is scored on its tasks.
@main
struct Entrypoint {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("zhoucun")
        var verbose = false
        if let index = arguments.firstIndex(of: "--binary"), index + 1 < arguments.count {
            binary = URL(fileURLWithPath: arguments[index + 1])
            arguments.removeSubrange(index ... index + 1)
        }
        if let index = arguments.firstIndex(of: "--verbose") {
            verbose = true
            arguments.remove(at: index)
        }
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: zhoucun-corpus [--binary PATH] [--verbose] CORPUS…\n".utf8))
            exit(2)
        }
        for folder in arguments {
            do {
                if let tasks = try TaskCorpus(folder: URL(fileURLWithPath: folder)) {
                    let score = Scorer(binary: binary).score(tasks)
                    print("== \(folder) (tasks)")
                    if verbose, !score.report.isEmpty { print(score.report) }
                    print(score.summary)
                    continue
                }
                let corpus = try Corpus(folder: URL(fileURLWithPath: folder))
                let score = Scorer(binary: binary).score(corpus)
                print("== \(folder)")
                if verbose, !score.report.isEmpty { print(score.report) }
                print(score.summary)
            } catch {
                FileHandle.standardError.write(Data("zhoucun-corpus: \(folder): \(error)\n".utf8))
                exit(1)
            }
        }
    }
}
