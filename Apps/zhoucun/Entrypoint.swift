import Foundation
import ZhoucunCommands

@main
struct Entrypoint {
    static func main() {
        exit(Zhoucun.run(Array(CommandLine.arguments.dropFirst())))
    }
}
