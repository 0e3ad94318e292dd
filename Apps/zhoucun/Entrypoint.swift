import ZhoucunCommands

@main
struct Entrypoint {
    static func main() {
        Zhoucun.run()
    }
}
