import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("stop-services and start-services steps")
struct ServiceStepsTests {
    func tree() throws -> TestTree { try RunnerTests().servedTree() }

    /// Stop runs the stop command, waits until the port refuses, and verify then holds; stopping again runs nothing.
    @Test func stopProvesDown() throws {
        let tree = try tree()
        let context = try tree.context()
        #expect(try StopServicesStep().preview(context).summary == "1 services to stop")
        #expect(try StopServicesStep().verify(context) != .holds)
        _ = try StopServicesStep().apply(context)
        #expect(try StopServicesStep().verify(context) == .holds)
        _ = try StopServicesStep().apply(context)
        #expect(tree.world.commands == [["smtp-stop"]])
    }

    /// Start waits for the expected greeting; a wrong greeting is a failure that names what the port said.
    @Test func startProvesTheGreeting() throws {
        let tree = try tree()
        let context = try tree.context()
        _ = try StopServicesStep().apply(context)
        _ = try StartServicesStep().apply(context)
        #expect(try StartServicesStep().verify(context) == .holds)
        tree.world.set(25, .refused)
        let world = tree.world
        world.on("smtp-start") { _ in
            world.set(25, .banner("554 go away"))
            return ProcessResult(exitStatus: 0, output: "")
        }
        let error = try #require(throws: StepFailure.self) { try StartServicesStep().apply(context) }
        #expect(error.description.contains("answers '554 go away'"))
    }
}
